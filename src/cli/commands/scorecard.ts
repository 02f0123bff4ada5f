import { parseArgs } from 'node:util';
import { isoDate } from '../../lib/schemas/common';
import { NotFoundError } from '../../lib/server/errors';
import { getAllScorecards } from '../../lib/server/scorecard/all-organisations';
import { getScorecard, type Scorecard } from '../../lib/server/scorecard/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';
import { gapNotes } from '../../lib/server/scorecard/gaps';
import { today } from '../../lib/server/db/day';

export const scorecardHelp = `scorecard --org ODS --edition 2024-25 [--as-of YYYY-MM-DD] [--json]
                                        an organisation's DSPT (CAF-aligned) scorecard and status; unknown ODS code or edition exits 1
  scorecard --all --edition 2024-25 [--as-of YYYY-MM-DD] [--json]
                                        every organisation's status, outcomes meeting profile and disagreements`;

export async function runScorecard(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: {
			org: { type: 'string' },
			all: { type: 'boolean', default: false },
			edition: { type: 'string' },
			'as-of': { type: 'string' },
			json: { type: 'boolean', default: false }
		},
		allowPositionals: true,
		strict: true
	});
	// Exactly one of --org and --all.
	if (!values.org === !values.all || !values.edition || positionals.length > 0) throw new UsageError(`usage:\n  ${scorecardHelp}`);
	const asOf = values['as-of'] ?? today();
	if (!isoDate.safeParse(asOf).success) throw new UsageError('--as-of is a date written YYYY-MM-DD that exists');
	if (values.all) return runAll(values.edition, asOf, values.json, io);
	return withDatabase(io, async ({ db }) => {
		let card: Scorecard;
		try {
			card = await getScorecard({ db, actor: cliActor() }, values.org as string, values.edition as string, asOf);
		} catch (error) {
			// An unknown organisation or edition is a mistake on the command line, not rejected data.
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		if (values.json) io.printJson(scorecardJson(card));
		else io.out(scorecardTable(card));
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
		// Every gap and why: below its profile level, or a hard gate not confirmed met (or both).
		gaps: gapNotes(c.outcomes),
		outcomes: c.outcomes.map((o) => ({
			id: o.id,
			profile: o.profile,
			self: o.self,
			data: o.data,
			judged: o.judged,
			meetsProfile: o.meetsProfile,
			hardGateHeld: o.hardGateHeld,
			gap: o.gap,
			planned: o.planned,
			disagreement: o.disagreement,
			explanation: o.explanation
		}))
	};
}

const cell = (text: string | null, width: number) => (text ?? '—').padEnd(width);

/** "12 gaps, 1 of them a hard gate not confirmed met (B2.a)". */
function gapLine(c: Scorecard): string {
	const notes = gapNotes(c.outcomes);
	const gates = notes.filter((n) => n.reason !== 'below profile').map((n) => n.id);
	const gapWord = notes.length === 1 ? 'gap' : 'gaps';
	return `${notes.length} ${gapWord}${gates.length ? `, ${gates.length} of them a hard gate not confirmed met (${gates.join(', ')})` : ''}`;
}

export function scorecardTable(c: Scorecard): string {
	const meets = (o: Scorecard['outcomes'][number]) =>
		[
			o.meetsProfile ? 'yes' : 'no',
			o.hardGateHeld === false ? 'gate not held' : null,
			o.gap && o.planned ? 'planned' : null,
			o.disagreement ? 'self above data' : null
		]
			.filter(Boolean)
			.join(', ');
	const lines = [
		`${c.org} ${c.name}: DSPT ${c.edition}, as of ${c.asOf}`,
		`Status: ${c.status}${c.localRule ? ` (${c.localRule})` : ''}`,
		gapLine(c),
		'',
		`${cell('outcome', 8)} ${cell('profile', 19)} ${cell('self', 19)} ${cell('data', 19)} meets`,
		...c.outcomes.map((o) => `${cell(o.id, 8)} ${cell(o.profile, 19)} ${cell(o.self, 19)} ${cell(o.data, 19)} ${meets(o)}`)
	];
	return `${lines.join('\n')}\n`;
}

async function runAll(edition: string, asOf: string, json: boolean, io: CliIo): Promise<number> {
	return withDatabase(io, async ({ db }) => {
		let cards: Scorecard[];
		try {
			cards = await getAllScorecards({ db, actor: cliActor() }, edition, asOf);
		} catch (error) {
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		const rows = cards.map(summarise);
		if (json) io.printJson({ edition: cards[0]?.edition ?? edition.trim(), asOf, organisations: rows });
		else io.out(summaryTable(rows, edition.trim(), asOf));
		return EXIT.ok;
	});
}

/** One line of the all-organisations summary. */
export function summarise(c: Scorecard) {
	return {
		org: c.org,
		name: c.name,
		status: c.status,
		localRule: c.localRule !== null,
		outcomes: c.outcomes.length,
		meetingProfile: c.outcomes.filter((o) => o.meetsProfile).length,
		gaps: c.outcomes.filter((o) => o.gap).length,
		hardGateGaps: gapNotes(c.outcomes)
			.filter((n) => n.reason !== 'below profile')
			.map((n) => n.id),
		plannedGaps: c.outcomes.filter((o) => o.gap && o.planned).length,
		disagreements: c.outcomes.filter((o) => o.disagreement).length
	};
}

function summaryTable(rows: ReturnType<typeof summarise>[], edition: string, asOf: string): string {
	const counts = new Map<string, number>();
	for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
	const lines = [
		`DSPT ${edition}, as of ${asOf}: ${rows.length} organisations`,
		[...counts].map(([status, n]) => `${status} ${n}`).join(' · '),
		'',
		`${cell('org', 10)} ${cell('status', 22)} ${cell('meet profile', 13)} disagreements`,
		...rows.map(
			(r) => `${cell(r.org, 10)} ${cell(r.status + (r.localRule ? '*' : ''), 22)} ${cell(`${r.meetingProfile}/${r.outcomes}`, 13)} ${r.disagreements}`
		)
	];
	if (rows.some((r) => r.localRule)) lines.push('', '* Standards Exceeded is a local rule, not an NHS England status');
	return `${lines.join('\n')}\n`;
}
