import { parseArgs } from 'node:util';
import { today } from '../../lib/server/as-of';
import { getFreshness, setCadences, type CadenceInput } from '../../lib/server/freshness/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const orgFreshnessHelp =
	'org freshness --org ODS [--as-of YYYY-MM-DD] [--devices DAYS|default] [--training …] [--spend …] [--incidents …] [--json]\n' +
	'                                        how old each source is on the date; the options set its expected cadence first';

const CADENCE_OPTIONS = ['devices', 'training', 'spend', 'incidents'] as const;

/** "35" → 35, "default" → null (Beacon's default); anything else is a usage error naming the option. */
function readCadence(option: string, value: string): number | null {
	if (value === 'default') return null;
	if (!/^[0-9]{1,4}$/.test(value)) throw new UsageError(`--${option} takes a number of days or "default", not "${value}"`);
	return Number(value);
}

export async function runOrgFreshness(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			org: { type: 'string' },
			'as-of': { type: 'string' },
			devices: { type: 'string' },
			training: { type: 'string' },
			spend: { type: 'string' },
			incidents: { type: 'string' },
			json: { type: 'boolean', default: false }
		},
		strict: true
	});
	if (!values.org) throw new UsageError(`usage: ${orgFreshnessHelp}`);
	const cadences: CadenceInput = {};
	for (const option of CADENCE_OPTIONS) {
		const value = values[option];
		if (value !== undefined) cadences[option] = readCadence(option, value);
	}
	return withDatabase(io, async ({ db }) => {
		const ctx = { db, actor: cliActor() };
		if (Object.keys(cadences).length > 0) await setCadences(ctx, values.org!, cadences);
		const f = await getFreshness(ctx, values.org!, values['as-of'] ?? today());
		if (values.json) {
			io.printJson(f);
			return 0;
		}
		io.out(`How old each source is as of ${f.asOf}${f.anyStale ? ' (some out of date)' : ''}\n`);
		for (const s of f.sources) {
			const age = s.ageDays === null ? 'no data' : `${s.latestOn} (${s.ageDays} days)`;
			const cadence = s.cadenceDays === null ? 'no cadence' : `every ${s.cadenceDays} days`;
			io.out(`  ${s.name.padEnd(10)} ${age.padEnd(24)} ${cadence.padEnd(16)}${s.stale ? ' OUT OF DATE' : ''}\n`);
		}
		return 0;
	});
}
