import { parseArgs } from 'node:util';
import { BENCHMARK_STATUSES, type StatusDistribution } from '../../lib/charts/benchmark-charts';
import { formatCount, formatRate } from '../../lib/format';
import { isoDate } from '../../lib/schemas/common';
import { EDITION_PATTERN, getStatusDistribution } from '../../lib/server/benchmark/public-status';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';

export const benchmarkHelp = `benchmark --edition YY/YY [--icb CODE] [--sector NAME] [--as-of YYYY-MM-DD] [--json]
                                        public DSPT statuses of an edition, nationally or within an ICB (its ODS code
                                        in the public export) and/or a primary sector, from the latest snapshot of
                                        each organisation on or before --as-of (default today); a malformed edition
                                        exits 1, an edition not imported exits 2`;

export async function runBenchmark(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: {
			edition: { type: 'string' },
			icb: { type: 'string' },
			sector: { type: 'string' },
			'as-of': { type: 'string' },
			json: { type: 'boolean', default: false }
		},
		allowPositionals: true,
		strict: true
	});
	if (!values.edition || positionals.length > 0) throw new UsageError(`usage:\n  ${benchmarkHelp}`);
	if (!EDITION_PATTERN.test(values.edition)) throw new UsageError('--edition is written like 22/23');
	if (values.icb !== undefined && !/^[A-Za-z0-9]{3,10}$/.test(values.icb.trim())) throw new UsageError('--icb is an ODS code (3 to 10 letters and digits)');
	if (values['as-of'] !== undefined && !isoDate.safeParse(values['as-of']).success) throw new UsageError('--as-of is a date written YYYY-MM-DD');
	return withDatabase(io, async ({ db }) => {
		const d = await getStatusDistribution(
			{ db, actor: cliActor() },
			{ edition: values.edition as string, icb: values.icb, sector: values.sector, asOf: values['as-of'] }
		);
		if (values.json) io.printJson({ edition: d.edition, scope: d.scope, total: d.total, statuses: d.statuses });
		else io.out(benchmarkSummary(d));
		return EXIT.ok;
	});
}

export function benchmarkSummary(d: StatusDistribution): string {
	const lines = [
		`DSPT ${d.edition} statuses, ${d.scope}: ${formatCount(d.total)} organisations`,
		...BENCHMARK_STATUSES.map(
			(s) => `  ${s.padEnd(22)} ${formatCount(d.statuses[s]).padStart(6)}${d.total > 0 ? `  ${formatRate(d.statuses[s] / d.total).padStart(7)}` : ''}`
		)
	];
	return `${lines.join('\n')}\n`;
}
