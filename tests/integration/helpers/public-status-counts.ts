import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../../helpers/csv';

/** The real public DSPT status snapshots (see their README), and counts read from them independently of Beacon. */
export const SAMPLES = fileURLToPath(new URL('../../../../shared/samples/public', import.meta.url));
export const SAMPLE_FILES = {
	trusts2223: 'dspt-trusts-2022-23.csv',
	icbs2223: 'dspt-icbs-2022-23.csv',
	trusts2122: 'dspt-trusts-2021-22-with-windows-estate.csv'
} as const;
export const haveSamples = Object.values(SAMPLE_FILES).every((f) => existsSync(path.join(SAMPLES, f)));
export const samplePath = (name: string) => path.join(SAMPLES, name);

const LABELS: Record<string, string> = {
	'standards exceeded': 'Standards Exceeded',
	'standards met': 'Standards Met',
	'approaching standards': 'Approaching Standards',
	'standards not fully met (plan agreed)': 'Approaching Standards',
	'standards not met': 'Standards Not Met',
	'entry level': 'Standards Not Met',
	'not published': 'Not Published'
};

export type Counts = { total: number; statuses: Record<string, number> };

export const emptyCounts = (): Counts => ({
	total: 0,
	statuses: { 'Standards Exceeded': 0, 'Standards Met': 0, 'Approaching Standards': 0, 'Standards Not Met': 0, 'Not Published': 0 }
});

/** Rows of a sample as header → cell; rows whose status is "#N/A" are left out (no status is known). */
export function sampleRows(name: string): Record<string, string>[] {
	return statusRowsOf(samplePath(name));
}

/** The same for any status export, e.g. the copy of a sample the repository keeps for the demo. */
export function statusRowsOf(file: string): Record<string, string>[] {
	const rows = parseCsvRecords(readFileSync(file, 'utf8'));
	return rows.filter((r) => (r.Status ?? '').trim() !== '#N/A' && (r.Status ?? '').trim() !== '');
}

export function labelOf(status: string): string {
	const label =
		LABELS[
			status
				.trim()
				.replace(/^\d{2}\/\d{2}\s+/, '')
				.toLowerCase()
		];
	if (!label) throw new Error(`unexpected status ${status}`);
	return label;
}

/** Counts of the given rows, optionally only those a predicate keeps. */
export function countRows(rows: Record<string, string>[], keep: (r: Record<string, string>) => boolean = () => true): Counts {
	const counts = emptyCounts();
	for (const r of rows.filter(keep)) {
		counts.total += 1;
		counts.statuses[labelOf(r.Status as string)] = (counts.statuses[labelOf(r.Status as string)] ?? 0) + 1;
	}
	return counts;
}
