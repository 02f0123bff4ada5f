import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readCheckpointFile } from '../../lib/server/audit/checkpoint-file';
import { takeAuditCheckpoint, verifyAuditChain } from '../../lib/server/audit/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';

export const auditHelp = [
	'audit verify [--checkpoint FILE]… [--json]   check the audit trail is intact, against every checkpoint Beacon keeps and each FILE',
	'                                             (a checkpoint file, a PDF pack or a regulator bundle); exit 2 and the first bad event if not',
	'audit checkpoint [--out FILE] [--json]       write a checkpoint of the trail (its newest event, hash and time, keyed) to keep elsewhere'
].join('\n  ');

export async function runAudit(args: string[], io: CliIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'verify') return verify(rest, io);
	if (sub === 'checkpoint') return checkpoint(rest, io);
	throw new UsageError(`usage:\n  ${auditHelp}`);
}

async function verify(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { json: { type: 'boolean', default: false }, checkpoint: { type: 'string', multiple: true, default: [] } },
		strict: true
	});
	// Read and check the files first: a missing or foreign one is the caller's mistake, not the trail's.
	const given = await Promise.all(
		values.checkpoint.map((file) =>
			readCheckpointFile(file).catch((error: NodeJS.ErrnoException) => {
				if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES')
					throw new UsageError(`cannot read checkpoint ${file}: ${error.code}`);
				throw error;
			})
		)
	);
	return withDatabase(io, async ({ db }) => {
		const started = performance.now();
		const check = await verifyAuditChain({ db, actor: cliActor() }, given);
		const seconds = (performance.now() - started) / 1000;
		const against = `${check.checkpoints} checkpoint${check.checkpoints === 1 ? '' : 's'}`;
		if (check.ok) io.say(`audit trail intact: ${check.events} events checked in ${seconds.toFixed(2)} s, against ${against}`);
		else io.say(`audit trail NOT intact${check.firstBadId === null ? '' : ` at event ${check.firstBadId}`}: ${check.reason}`);
		if (values.json) io.printJson(check.ok ? { ok: true, events: check.events, checkpoints: check.checkpoints } : check);
		return check.ok ? EXIT.ok : EXIT.rejected;
	});
}

async function checkpoint(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, out: { type: 'string' } }, strict: true });
	if (!values.out && !values.json) throw new UsageError('audit checkpoint needs --out FILE or --json (or both)');
	return withDatabase(io, async ({ db }) => {
		const taken = await takeAuditCheckpoint({ db, actor: cliActor() });
		if (values.out) {
			await writeFile(values.out, `${JSON.stringify(taken, null, 2)}\n`, { mode: 0o644 });
			io.say(`checkpoint of event ${taken.eventId} (${taken.events} events) written to ${values.out}: keep it where the database's owner cannot change it`);
		}
		if (values.json) io.printJson(taken);
		return EXIT.ok;
	});
}
