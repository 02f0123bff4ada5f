import { editionYear, previousEdition, type PublicStatusRow } from './dspt-status-rows';
import type { ImportProblem } from './problems';

type EditionRow = Pick<PublicStatusRow, 'edition' | 'editionFrom'> & { row: number; statusText: string };

export interface EditionResolution {
	/** The edition of rows whose status names none, or null when it cannot be known. */
	fileEdition: string | null;
	/** Whole-file problems: the file is refused with them, whatever --skip-invalid says. */
	problems: ImportProblem[];
}

const counted = (counts: Map<string, number>) =>
	[...counts]
		.sort(([a], [b]) => editionYear(a) - editionYear(b))
		.map(([e, n]) => `${e} (${n.toLocaleString('en-GB')} rows)`)
		.join(', ');

/**
 * Which edition each row belongs to. "22/23 Standards Met" names its own edition; "Standards Met (19-20)" (the
 * 2019 layout) is an organisation that has already published for the next edition, so the file's own edition
 * is the one before; "Not Published" and the 2019 layout's plain statuses name none and take the file's
 * edition: --edition, else the one the statuses imply. An --edition the statuses contradict is refused rather
 * than half-applied (rows to the editions they name, the rest to the one given).
 */
export function resolveEditions(rows: readonly EditionRow[], given: string | undefined): EditionResolution {
	const named = new Map<string, number>();
	const next = new Map<string, number>();
	for (const r of rows) {
		if (!r.edition) continue;
		const counts = r.editionFrom === 'suffix' ? next : named;
		counts.set(r.edition, (counts.get(r.edition) ?? 0) + 1);
	}
	const problems: ImportProblem[] = [];
	const earliestNext = [...next.keys()].sort((a, b) => editionYear(a) - editionYear(b))[0];
	if (given) {
		if (named.size > 0 && !named.has(given)) {
			problems.push({
				row: null,
				column: 'Status',
				value: given,
				message: `--edition ${given} contradicts the file: its statuses name ${counted(named)}. --edition only gives an edition to statuses that name none (such as "Not Published"); leave it out, or give one of those`
			});
		}
		if (earliestNext && editionYear(given) >= editionYear(earliestNext)) {
			problems.push({
				row: null,
				column: 'Status',
				value: given,
				message: `--edition ${given} contradicts the file: statuses such as "Standards Met (${earliestNext.replace('/', '-')})" are already for the next edition, ${earliestNext}, so the file's own edition is earlier (${previousEdition(earliestNext)})`
			});
		}
		return { fileEdition: given, problems };
	}
	let fileEdition: string | null = null;
	if (named.size === 1) fileEdition = [...named.keys()][0] as string;
	else if (named.size === 0 && next.size === 1) fileEdition = previousEdition(earliestNext as string);
	const unplaced = rows.filter((r) => !r.edition);
	const first = unplaced[0];
	if (!fileEdition && first) {
		const held = named.size ? `; the file names several (${counted(named)})` : '';
		problems.push({
			row: first.row,
			column: 'Status',
			value: first.statusText,
			message: `no edition: ${unplaced.length.toLocaleString('en-GB')} row(s) have a status that names none${held}. Give the edition they belong to with --edition (e.g. 22/23)`
		});
	}
	return { fileEdition, problems };
}
