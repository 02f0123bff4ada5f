import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../../lib/server/audit/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';

export const auditHelp = 'audit verify [--json]                 check the audit trail is intact (exit 2 and the first bad event if not)';

export async function runAudit(args: string[], io: CliIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub !== 'verify') throw new UsageError(`usage:\n  ${auditHelp}`);
	const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, strict: true });
	return withDatabase(io, async ({ db }) => {
		const started = performance.now();
		const check = await verifyAuditChain({ db, actor: cliActor() });
		const seconds = (performance.now() - started) / 1000;
		if (check.ok) io.say(`audit trail intact: ${check.events} events checked in ${seconds.toFixed(2)} s`);
		else io.say(`audit trail NOT intact at event ${check.firstBadId}: ${check.reason}`);
		if (values.json)
			io.printJson(check.ok ? { ok: true, events: check.events } : { ok: false, events: check.events, firstBadId: check.firstBadId, reason: check.reason });
		return check.ok ? EXIT.ok : EXIT.rejected;
	});
}
