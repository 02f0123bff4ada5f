import { parseArgs } from 'node:util';
import { formatCount, formatDate, formatPence, formatRate } from '../../lib/format';
import { isoDate } from '../../lib/schemas/common';
import { NotFoundError } from '../../lib/server/errors';
import { calculateRosi, type RosiResult } from '../../lib/server/roi/rosi';
import { getInvestmentReturns, type InvestmentReturns } from '../../lib/server/roi/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';
import { today } from '../../lib/server/db/day';

export const roiHelp = `roi --sle PENCE --aro RATE --mitigation FRACTION --cost PENCE [--json]
                                        ENISA ALE and ROSI from the four inputs (no database); bad values exit 2
  roi --org ODS [--as-of YYYY-MM-DD] [--json]
                                        each investment's spend, modelled ROSI and observed incidents before/after go-live`;

const MODEL_OPTIONS = ['sle', 'aro', 'mitigation', 'cost'] as const;

export async function runRoi(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: {
			org: { type: 'string' },
			'as-of': { type: 'string' },
			sle: { type: 'string' },
			aro: { type: 'string' },
			mitigation: { type: 'string' },
			cost: { type: 'string' },
			json: { type: 'boolean', default: false }
		},
		allowPositionals: true,
		strict: true
	});
	const given = MODEL_OPTIONS.filter((o) => values[o] !== undefined);
	const usage = `usage:\n  ${roiHelp}`;
	if (positionals.length > 0) throw new UsageError(usage);
	if (values.org !== undefined) {
		if (given.length > 0) throw new UsageError(`--org does not take --${given.join(', --')}: change the inputs on the returns page\n${usage}`);
		return runOrganisation(values.org, values['as-of'], values.json ?? false, io);
	}
	if (values['as-of'] !== undefined) throw new UsageError(`--as-of goes with --org\n${usage}`);
	if (given.length < MODEL_OPTIONS.length) throw new UsageError(`missing --${MODEL_OPTIONS.filter((o) => !given.includes(o)).join(', --')}\n${usage}`);
	// A value that is not a number at all is a malformed command line (1); a number out of range is rejected input (2).
	const num = (o: (typeof MODEL_OPTIONS)[number]) => {
		const text = values[o] as string;
		const n = Number(text);
		if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${o} takes a number, not "${text}"`);
		return n;
	};
	const result = calculateRosi({ slePence: num('sle'), aro: num('aro'), mitigation: num('mitigation'), annualCostPence: num('cost') });
	if (values.json) io.printJson(rosiJson(result));
	else io.out(`${rosiLines(result, '').join('\n')}\n`);
	return EXIT.ok;
}

async function runOrganisation(ods: string, asOfOption: string | undefined, json: boolean, io: CliIo): Promise<number> {
	const asOf = asOfOption ?? today();
	if (!isoDate.safeParse(asOf).success) throw new UsageError('--as-of is a date written YYYY-MM-DD that exists');
	return withDatabase(io, async ({ db }) => {
		let returns: InvestmentReturns;
		try {
			returns = await getInvestmentReturns({ db, actor: cliActor() }, ods, asOf);
		} catch (error) {
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		if (json) io.printJson(returnsJson(returns));
		else io.out(returnsSummary(returns));
		return EXIT.ok;
	});
}

/** The documented JSON of one ROSI sum: money in pence, ROSI a ratio (1 = 100 % return). */
export function rosiJson(r: RosiResult) {
	return { alePence: r.alePence, rosi: r.rosi, avoidedPence: r.avoidedPence, netBenefitPence: r.netBenefitPence, inputs: r.inputs };
}

export function returnsJson(r: InvestmentReturns) {
	return {
		org: r.org.ods,
		asOf: r.asOf,
		investments: r.investments.map((i) => ({
			name: i.name,
			category: i.category,
			goLiveOn: i.goLiveOn,
			live: i.live,
			annualCostPence: i.annualCostPence,
			targetedCategories: i.targetedCategories,
			spend: i.spend,
			modelled: {
				inputs: i.modelled.inputs,
				sources: i.modelled.sources,
				baseline: i.modelled.baseline,
				alePence: i.modelled.result?.alePence ?? null,
				rosi: i.modelled.result?.rosi ?? null,
				problem: i.modelled.problem
			},
			observed: i.observed,
			observedNote: i.observedNote
		}))
	};
}

const percent = (ratio: number) => formatRate(ratio);

function rosiLines(r: RosiResult, indent: string): string[] {
	const x = r.inputs;
	return [
		`${indent}SLE ${formatPence(x.slePence)} × ARO ${x.aro} = ALE ${formatPence(r.alePence)}`,
		`${indent}ALE × mitigation ${x.mitigation} = ${formatPence(r.avoidedPence)} avoided a year, against ${formatPence(x.annualCostPence)} a year`,
		`${indent}ROSI ${r.rosi.toFixed(2)} (${percent(r.rosi)})`
	];
}

export function returnsSummary(r: InvestmentReturns): string {
	const lines = [`${r.org.ods} ${r.org.name}: investment returns as of ${r.asOf}`];
	if (r.investments.length === 0) lines.push('', 'No investments recorded.');
	for (const i of r.investments) {
		lines.push('', `${i.name} (${i.category.replaceAll('_', ' ')}), go-live ${i.goLiveOn ? formatDate(i.goLiveOn) : 'not set'}`);
		lines.push(
			`  spent to date ${formatPence(i.spend.toDatePence)}${i.spend.byYear.length ? ` (${i.spend.byYear.map((y) => `${y.label} ${formatPence(y.pence)}`).join(', ')})` : ''}`
		);
		lines.push('  modelled (ENISA):');
		if (i.modelled.result) lines.push(...rosiLines(i.modelled.result, '    '));
		else lines.push(`    ${i.modelled.problem}`);
		const o = i.observed;
		if (o) {
			lines.push(`  observed (${formatCount(o.after.days)} days each side of go-live):`);
			if (o.windowNote) lines.push(`    ${o.windowNote}`);
			lines.push(`    before ${o.before.from} to ${o.before.through}: ${formatCount(o.before.incidents)} incidents, ${formatPence(o.before.costPence)}`);
			lines.push(`    after  ${o.after.from} to ${o.after.through}: ${formatCount(o.after.incidents)} incidents, ${formatPence(o.after.costPence)}`);
			if (o.caution) lines.push(`    ${o.caution}`);
		} else lines.push(`  observed: ${i.observedNote}`);
	}
	return `${lines.join('\n')}\n`;
}
