import { isUniqueViolation } from '../db/errors';
import type { ColumnResolution } from './column-mapping';
import type { ImportProblem } from './problems';
import type { TableSource } from './table-source';
import { WITHHELD } from './validate-rows';

/*
 * A key that must be unique in a file (a device ID) is checked by the database as the rows stream in,
 * not by remembering every key seen: a 10-million-row file would need them all in memory. When the
 * database refuses one, the import rolls back and the file is read a second time, looking only at that
 * key's column, to name the rows that share it.
 */

/** Rows named in the report at most; any more are counted. */
const ROWS_NAMED = 10;

/** The database refused a row of the file: an earlier row has the same value of `field`. */
export class DuplicateKeyError extends Error {
	constructor(
		readonly field: string,
		/** Whether a cell of the field's column gives the refused key. */
		readonly matches: (cell: string) => boolean,
		/** How values are compared, when it is not obvious (ignoring case…). */
		readonly note: string | null = null
	) {
		super(`a value of ${field} appears more than once in the file`);
		this.name = 'DuplicateKeyError';
	}
}

/** The refused key of a unique violation of `constraint`, by column, from its detail "Key (a, b)=(1, x) already exists." */
export function duplicatedKey(error: unknown, constraint: string): Record<string, string> | null {
	if (!isUniqueViolation(error)) return null;
	const { constraint: violated, detail } = error as { constraint?: unknown; detail?: unknown };
	const match = violated === constraint ? /^Key \((.+)\)=\((.*)\) already exists\.?$/.exec(String(detail ?? '')) : null;
	if (!match) return null;
	const columns = (match[1] as string).split(', ');
	const values = (match[2] as string).split(', ');
	return columns.length === values.length ? Object.fromEntries(columns.map((c, i) => [c, values[i] as string])) : null;
}

/**
 * Read the file again for the rows with the refused key, and report them as the file's one problem,
 * on the row the database refused (the second with the key). The key's value is withheld when personal.
 */
export async function reportDuplicateRows(table: TableSource, resolution: ColumnResolution, error: DuplicateKeyError, skipInvalid: boolean) {
	const index = resolution.columns.get(error.field) ?? -1;
	const spec = resolution.format.fields.find((f) => f.name === error.field);
	const rows: number[] = [];
	let found = 0;
	let rowsTotal = 0;
	let value: string | null = null;
	try {
		for await (const batch of table.rows) {
			for (const raw of batch) {
				rowsTotal += 1;
				const cell = raw.cells[index];
				if (cell === undefined || !error.matches(cell)) continue;
				found += 1;
				if (rows.length < ROWS_NAMED) rows.push(raw.row);
				if (found === 2) value = spec?.personal ? WITHHELD : cell;
			}
		}
	} finally {
		await table.close();
	}
	const label = spec?.label ?? error.field;
	const more = found - rows.length;
	const named = rows.length < 2 ? '' : `: rows ${more > 0 ? `${rows.join(', ')} and ${more} more` : listRows(rows)}`;
	const note = error.note ? ` (${error.note})` : '';
	const advice = skipInvalid
		? 'The file was not imported, even skipping invalid rows: remove the duplicate and import again'
		: 'Remove the duplicate and import again';
	// Found fewer than twice (the file changed, or the key is made differently): the problem is the file's.
	const problem: ImportProblem = {
		row: rows[1] ?? null,
		column: rows.length < 2 ? null : (table.header[index] ?? label),
		value,
		message: `the same ${label} appears more than once in the file${named}${note}. ${advice}.`
	};
	return { rowsTotal, rowsRejected: Math.max(1, found - 1), errors: [problem], errorsNotListed: 0 };
}

function listRows(rows: number[]): string {
	return rows.length === 2 ? `${rows[0]} and ${rows[1]}` : `${rows.slice(0, -1).join(', ')} and ${rows.at(-1)}`;
}
