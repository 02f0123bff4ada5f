import { normaliseLabel } from './cell-values';
import type { ColumnResolution } from './column-mapping';
import type { RowContext } from './formats/format';
import type { ImportProblem } from './problems';
import { declined, fastRowReader } from './rows-fast';
import type { RawRow } from './table-source';

/** Shown in problem reports instead of a personal identifier's value. */
export const WITHHELD = '(withheld: personal identifier)';

export type RowCheck = { row: unknown; problems?: undefined } | { row?: undefined; problems: ImportProblem[] };

/**
 * The check of one row of a file with this header: map cells to fields, translate the preset's words,
 * validate with the format's zod schema, then check it against the rows before it. Problems name the
 * row, the column as the file heads it, and the value (withheld when it is a personal identifier).
 * Without a context (the preview), checks against the import's organisation and date are left out.
 */
export function rowChecker(resolution: Pick<ColumnResolution, 'format' | 'preset' | 'columns'>, header: string[], identifierKey: string, context?: RowContext) {
	const { format, preset, columns } = resolution;
	const schema = format.rowSchema(identifierKey, context);
	const fast = fastRowReader(schema);
	const crossCheck = format.crossCheck?.();
	const fields = [...columns.entries()].map(([name, index]) => {
		const values = preset?.values?.[name];
		return {
			name,
			index,
			header: header[index] ?? name,
			personal: format.fields.find((f) => f.name === name)?.personal ?? false,
			translate: values ? new Map(Object.entries(values).map(([k, v]) => [normaliseLabel(k), v])) : undefined
		};
	});
	const byName = new Map(fields.map((f) => [f.name, f]));
	// Fields no column supplies read as empty cells, so optional ones are null and required ones say so.
	const absent = format.fields.filter((f) => !columns.has(f.name)).map((f) => f.name);
	const width = header.length;

	return (raw: RawRow): RowCheck => {
		if (raw.problem || raw.cells.length !== width) {
			const message = raw.problem ?? `this row has ${raw.cells.length} fields but the header has ${width}: check the quotes and delimiters`;
			return { problems: [{ row: raw.row, column: null, value: null, message }] };
		}
		const record: Record<string, string> = {};
		for (const name of absent) record[name] = '';
		for (const f of fields) {
			const cell = raw.cells[f.index] as string;
			record[f.name] = f.translate ? (f.translate.get(normaliseLabel(cell)) ?? cell) : cell;
		}
		const quick = fast ? fast(record) : undefined;
		if (fast && !declined(quick) && !crossCheck) return { row: quick };
		const result = fast && !declined(quick) ? { success: true as const, data: quick } : schema.safeParse(record);
		const cross = result.success && crossCheck ? crossCheck(result.data, raw.row) : null;
		if (result.success && !cross) return { row: result.data };
		const issues = result.success ? [{ path: [cross?.field ?? ''], message: cross?.message ?? '' }] : result.error.issues;
		return {
			problems: issues.map((issue) => {
				const field = byName.get(String(issue.path[0] ?? ''));
				const value = field ? (field.personal ? WITHHELD : (raw.cells[field.index] ?? null)) : null;
				return { row: raw.row, column: field?.header ?? null, value, message: issue.message };
			})
		};
	};
}
