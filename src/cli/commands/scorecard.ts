import { parseArgs } from 'node:util';
import { isoDate } from '../../lib/schemas/common';
import { NotFoundError } from '../../lib/server/errors';
import { getScorecard, type Scorecard } from '../../lib/server/scorecard/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, printJson, UsageError } from '../io';

export const scorecardHelp = `scorecard --org ODS --edition 2024-25 [--as-of YYYY-MM-DD] [--json]
                                        an organisation's DSPT (CAF-aligned) scorecard and status; unknown ODS code or edition exits 1`;

export async function runScorecard(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { org: { type: 'string' }, edition: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
		allowPositionals: true,
		strict: true
	});
	if (!values.org || !values.edition || positionals.length > 0) throw new UsageError(`usage:\n  ${scorecardHelp}`);
	const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
	if (!isoDate.safeParse(asOf).success) throw new UsageError('--as-of is a date written YYYY-MM-DD that exists');
	return withDatabase(async ({ db }) => {
		let card: Scorecard;
		try {
			card = await getScorecard({ db, actor: cliActor() }, values.org as string, values.edition as string, asOf);
		} catch (error) {
			// An unknown organisation or edition is a mistake on the command line, not rejected data.
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		if (values.json) printJson(scorecardJson(card));
		else process.stdout.write(scorecardTable(card));
		return EXIT.ok;
	});
}

/** The documented JSON shape; levels are spelled "Not achieved", "Partially achieved", "Achieved" or null. */
export function scorecardJson(c: Scorecard) {
	return {
		org: c.org,
		edition: c.edition,
		asOf: c.asOf,
		status: c.status,
		localRule: c.localRule,
		outcomes: c.outcomes.map((o) => ({
			id: o.id,
			profile: o.profile,
			self: o.self,
			data: o.data,
			judged: o.judged,
			meetsProfile: o.meetsProfile,
			hardGateHeld: o.hardGateHeld,
			planned: o.planned,
			disagreement: o.disagreement,
			explanation: o.explanation
		}))
	};
}

const cell = (text: string | null, width: number) => (text ?? '—').padEnd(width);

export function scorecardTable(c: Scorecard): string {
	const meets = (o: Scorecard['outcomes'][number]) =>
		[o.meetsProfile ? 'yes' : 'no', o.hardGateHeld === false ? 'gate not held' : null, o.gap && o.planned ? 'planned' : null, o.disagreement ? 'self above data' : null]
			.filter(Boolean)
			.join(', ');
	const lines = [
		`${c.org} ${c.name}: DSPT ${c.edition}, as of ${c.asOf}`,
		`Status: ${c.status}${c.localRule ? ` (${c.localRule})` : ''}`,
		'',
		`${cell('outcome', 8)} ${cell('profile', 19)} ${cell('self', 19)} ${cell('data', 19)} meets`,
		...c.outcomes.map((o) => `${cell(o.id, 8)} ${cell(o.profile, 19)} ${cell(o.self, 19)} ${cell(o.data, 19)} ${meets(o)}`)
	];
	return `${lines.join('\n')}\n`;
}
