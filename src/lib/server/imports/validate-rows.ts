import { normaliseLabel } from './cell-values';
import type { ColumnResolution } from './column-mapping';
import type { Loader } from './formats/format';
import type { ProblemList } from './problems';
import type { TableSource } from './table-source';

export interface RowSink {
	skipInvalid: boolean;
	loader: Loader<unknown>;
	problems: ProblemList;
	onProgress?: ((progress: { rowsRead: number }) => void) | undefined;
}

const PROGRESS_EVERY_ROWS = 50_000;
const WITHHELD = '(withheld: personal identifier)';

/**
 * Read every row: map cells to fields, translate the preset's words, validate with the format's zod
 * schema, and hand good rows to the loader. After the first problem (without skipInvalid) nothing more
 * is written, but reading goes on so the report can list every problem in the file.
 */
export async function validateRows(table: TableSource, resolution: ColumnResolution, identifierKey: string, sink: RowSink, fileName: string) {
	const { format, preset, columns } = resolution;
	const schema = format.rowSchema(identifierKey);
	const crossCheck = format.crossCheck?.();
	const fields = [...columns.entries()].map(([name, index]) => {
		const spec = format.fields.find((f) => f.name === name);
		const values = preset?.values?.[name];
		return {
			name,
			index,
			header: table.header[index] ?? name,
			personal: spec?.personal ?? false,
			translate: values ? new Map(Object.entries(values).map(([k, v]) => [normaliseLabel(k), v])) : undefined
		};
	});
	const byName = new Map(fields.map((f) => [f.name, f]));
	// Fields no column supplies read as empty cells, so optional ones are null and required ones say so.
	const absent = format.fields.filter((f) => !columns.has(f.name)).map((f) => f.name);
	const width = table.header.length;
	let rowsTotal = 0;
	let rowsImported = 0;
	let rowsRejected = 0;
	let writing = true;
	const reject = (row: number, column: string | null, value: string | null, message: string) => {
		sink.problems.add({ row, column, value, message });
	};

	for await (const batch of table.rows) {
		for (const raw of batch) {
			rowsTotal += 1;
			if (raw.problem || raw.cells.length !== width) {
				rowsRejected += 1;
				const message = raw.problem ?? `this row has ${raw.cells.length} fields but the header has ${width}: check the quotes and delimiters`;
				reject(raw.row, null, null, message);
				writing &&= sink.skipInvalid;
				continue;
			}
			const record: Record<string, string> = {};
			for (const name of absent) record[name] = '';
			for (const f of fields) {
				const cell = raw.cells[f.index] as string;
				record[f.name] = f.translate ? (f.translate.get(normaliseLabel(cell)) ?? cell) : cell;
			}
			const result = schema.safeParse(record);
			const cross = result.success && crossCheck ? crossCheck(result.data, raw.row) : null;
			if (result.success && !cross) {
				if (writing) {
					const pending = sink.loader.add(result.data, raw.row);
					if (pending) await pending;
					rowsImported += 1;
				}
				continue;
			}
			rowsRejected += 1;
			writing &&= sink.skipInvalid;
			const issues = result.success ? [{ path: [cross?.field ?? ''], message: cross?.message ?? '' }] : result.error.issues;
			for (const issue of issues) {
				const field = byName.get(String(issue.path[0] ?? ''));
				const value = field ? (field.personal ? WITHHELD : (raw.cells[field.index] ?? null)) : null;
				reject(raw.row, field?.header ?? null, value, issue.message);
			}
		}
		if (sink.onProgress && Math.floor(rowsTotal / PROGRESS_EVERY_ROWS) !== Math.floor((rowsTotal - batch.length) / PROGRESS_EVERY_ROWS)) {
			sink.onProgress({ rowsRead: rowsTotal });
		}
	}
	if (rowsTotal === 0) sink.problems.add({ row: null, column: null, value: null, message: `${fileName} has a header but no rows` });
	return { rowsTotal, rowsImported: writing || sink.skipInvalid ? rowsImported : 0, rowsRejected };
}
