import { basename } from 'node:path';
import type { ServiceContext } from '../context';
import { requireOrganisation } from '../auth/organisation-access';
import { normaliseLabel } from './cell-values';
import { resolveColumns, type ColumnResolution } from './column-mapping';
import { IMPORT_CATALOGUE } from './formats';
import type { AsOfOption, FieldSpec, ImportFormat, ImportKind, Preset } from './formats/format';
import { identifierKey } from './identifiers';
import type { ImportProblem } from './problems';
import * as q from './queries';
import { inspectFile } from './read-file';
import { openTableOffThread } from './table-thread';
import { UnreadableFileError, type TableSource } from './table-source';
import { rowChecker } from './validate-rows';

export interface PreviewRequest {
	kind: ImportKind;
	ods: string;
	path: string;
	fileName?: string;
	sheet?: string;
	/** The layout to read the file as; by default the one that fits its header best. */
	preset?: string;
	/** Source header → field, as the person edited it; otherwise the organisation's saved mapping applies. */
	map?: Record<string, string>;
}

export type PreviewValue = string | number | boolean | null;

export interface ImportPreview {
	kind: ImportKind;
	kindLabel: string;
	fileName: string;
	fileFormat: 'csv' | 'xlsx';
	sizeBytes: number;
	/** The earlier import of this very file: importing it again would change nothing. */
	duplicateOf: { batchId: number; importedAt: string } | null;
	/** The snapshot date this kind takes beside the file, and whether it must be given. */
	asOf: AsOfOption | null;
	/** Why this file cannot be imported at all (unreadable, or a kind Beacon cannot read yet). */
	blocked: string | null;
	/** The layout in use, and whether the file's own header matched it fully without any mapping. */
	preset: { name: string; label: string } | null;
	recognised: boolean;
	presets: { name: string; label: string }[];
	/** Where the column choices came from beyond the layout's own header names. */
	mappingSource: 'layout' | 'saved' | 'edited';
	fields: FieldSpec[];
	/**
	 * One entry per source column, in file order, with the field it feeds (null: not imported) and, for a
	 * column not imported whose header nearly matches a field no column feeds ("Last checkin time" for
	 * "Last check-in"), that field as a suggestion.
	 */
	columns: { header: string; field: string | null; suggested: string | null }[];
	/** Required fields no column feeds. */
	missing: FieldSpec[];
	/** Mapping problems other than missing fields (a column named twice, a stale saved mapping…). */
	mappingProblems: string[];
	/** The first rows as they will be stored, personal identifiers hashed. */
	storedFields: string[];
	rows: { row: number; values: Record<string, PreviewValue> }[];
	rowsChecked: number;
	/** Problems in the rows checked (personal identifiers withheld). */
	problems: ImportProblem[];
}

/** How many data rows a preview reads and checks. */
export const PREVIEW_ROWS = 10;

/** The kinds of file an organisation can import, with their known layouts, for the upload form. */
export function listImportKinds(): {
	kind: ImportKind;
	label: string;
	available: boolean;
	asOf: AsOfOption | null;
	presets: { name: string; label: string }[];
}[] {
	return (Object.entries(IMPORT_CATALOGUE) as [ImportKind, (typeof IMPORT_CATALOGUE)[ImportKind]][]).map(([kind, c]) => ({
		kind,
		label: c.label,
		available: c.formats.length > 0,
		asOf: c.asOf ?? null,
		presets: c.presets.map((p) => ({ name: p.name, label: p.label }))
	}));
}

/**
 * What importing this file would do, without writing anything: the layout it matches, which column feeds
 * which field, the required fields still missing, and the first rows run through the format's own
 * validation exactly as the import will (so personal identifiers appear only as their keyed hashes).
 */
export async function previewImport(ctx: ServiceContext, request: PreviewRequest): Promise<ImportPreview> {
	const catalogue = IMPORT_CATALOGUE[request.kind];
	const org = await requireOrganisation(ctx, request.ods, 'edit');
	const fileName = request.fileName ?? basename(request.path);
	const facts = await inspectFile(request.path);
	const earlier = await q.findBatchByFile(ctx.db, org.id, request.kind, facts.sha256);
	const preview: ImportPreview = {
		kind: request.kind,
		kindLabel: catalogue.label,
		fileName,
		fileFormat: facts.format,
		sizeBytes: facts.sizeBytes,
		duplicateOf: earlier ? { batchId: earlier.id, importedAt: earlier.started_at.toISOString() } : null,
		asOf: catalogue.asOf ?? null,
		blocked: null,
		preset: null,
		recognised: false,
		presets: catalogue.presets.map((p) => ({ name: p.name, label: p.label })),
		mappingSource: 'layout',
		fields: [],
		columns: [],
		missing: [],
		mappingProblems: [],
		storedFields: [],
		rows: [],
		rowsChecked: 0,
		problems: []
	};
	if (catalogue.formats.length === 0) return { ...preview, blocked: `Beacon cannot read ${catalogue.label.toLowerCase()} files yet.` };

	let table: TableSource;
	try {
		table = await openTableOffThread(request.path, facts, { fileName, ...(request.sheet ? { sheet: request.sheet } : {}) });
	} catch (error) {
		if (error instanceof UnreadableFileError) return { ...preview, blocked: error.message };
		throw error;
	}
	try {
		const detected = resolveColumns(catalogue.formats, catalogue.presets, table.header, {});
		const chosen = catalogue.presets.find((p) => p.name === request.preset) ?? detected.preset;
		const saved = request.map ? undefined : await q.findMapping(ctx.db, org.id, request.kind);
		const savedMap = saved ? applicableMapping(saved.mapping as Record<string, string>, table.header, formatOf(catalogue.formats, chosen)) : {};
		const mapping = request.map ?? savedMap;
		const resolution = resolveColumns(catalogue.formats, catalogue.presets, table.header, {
			...(chosen ? { preset: chosen.name } : {}),
			...(Object.keys(mapping).length ? { mapping } : {})
		});
		const fields = [...resolution.format.fields];
		const missing = fields.filter((f) => f.required && !resolution.columns.has(f.name));
		const fieldOf = new Map([...resolution.columns].map(([field, index]) => [index, field]));
		Object.assign(preview, {
			preset: resolution.preset ? { name: resolution.preset.name, label: resolution.preset.label } : null,
			recognised: detected.preset !== null && detected.preset.name === resolution.preset?.name && detected.problems.length === 0,
			mappingSource: request.map ? 'edited' : Object.keys(savedMap).length ? 'saved' : 'layout',
			fields,
			columns: table.header.map((header, i) => {
				const field = fieldOf.get(i) ?? null;
				return { header, field, suggested: field ? null : suggestField(header, fields, resolution) };
			}),
			missing,
			// resolveColumns lists the missing fields last; they are shown on their own.
			mappingProblems: [
				...resolution.problems.slice(0, resolution.problems.length - missing.length).map((p) => p.message),
				...doubleMappings(request.map ?? {}, fields)
			]
		});
		// Rows read without every required field would only repeat "missing" on every row.
		if (missing.length === 0) {
			try {
				Object.assign(preview, await checkFirstRows(table, resolution, fileName));
			} catch (error) {
				// A bound passed (or the reader's heap exhausted) in the rows: the file, not the server, is at fault.
				if (error instanceof UnreadableFileError) return { ...preview, blocked: error.message };
				throw error;
			}
		}
		return preview;
	} finally {
		await table.close();
	}
}

function formatOf(formats: readonly ImportFormat<unknown>[], preset: Preset | null): ImportFormat<unknown> | undefined {
	return preset ? formats.find((f) => f.name === preset.format) : formats[0];
}

/** The entries of a saved mapping that fit this file and layout: saved for other files, it may name other columns. */
function applicableMapping(saved: Record<string, string>, header: string[], format: ImportFormat<unknown> | undefined): Record<string, string> {
	const headers = new Set(header.map(normaliseLabel));
	const fields = new Set(format?.fields.map((f) => f.name) ?? []);
	// "" keeps a column the layout knows out of the import.
	return Object.fromEntries(Object.entries(saved).filter(([source, field]) => headers.has(normaliseLabel(source)) && (field === '' || fields.has(field))));
}

/** A field fed by two columns: the import would silently take the last, so the person must choose. */
export function doubleMappings(map: Record<string, string>, fields: readonly FieldSpec[]): string[] {
	const sources = new Map<string, string[]>();
	for (const [source, field] of Object.entries(map)) if (field !== '') sources.set(field, [...(sources.get(field) ?? []), source]);
	return [...sources]
		.filter(([, list]) => list.length > 1)
		.map(
			([field, list]) =>
				`${list.map((s) => `"${s}"`).join(' and ')} are all set to ${fields.find((f) => f.name === field)?.label ?? field}: choose one column for it`
		);
}

/** The first rows through the import's own checks, kept to show instead of written. */
async function checkFirstRows(table: TableSource, resolution: ColumnResolution, fileName: string) {
	const check = rowChecker(resolution, table.header, identifierKey());
	const rows: ImportPreview['rows'] = [];
	const problems: ImportProblem[] = [];
	let rowsChecked = 0;
	for await (const batch of firstRows(table, PREVIEW_ROWS).rows) {
		for (const raw of batch) {
			rowsChecked += 1;
			const result = check(raw);
			if (result.problems) problems.push(...result.problems);
			else rows.push({ row: raw.row, values: resolution.format.describe(result.row) });
		}
	}
	if (rowsChecked === 0) problems.push({ row: null, column: null, value: null, message: `${fileName} has a header but no rows` });
	const storedFields = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
	return { rows, storedFields, rowsChecked, problems };
}

function firstRows(table: TableSource, limit: number): TableSource {
	return {
		header: table.header,
		close: () => table.close(),
		rows: (async function* () {
			let left = limit;
			for await (const batch of table.rows) {
				yield batch.slice(0, left);
				left -= batch.length;
				if (left <= 0) return;
			}
		})()
	};
}

/**
 * The field a header nearly names: one no column feeds yet whose label, name or preset header is contained in
 * the header or contains it, compared ignoring case, spaces and punctuation ("Last checkin time" holds
 * "lastcheckin"). Short names are left out: "os" is inside too many words to mean anything.
 */
export function suggestField(header: string, fields: readonly FieldSpec[], resolution: Pick<ColumnResolution, 'columns' | 'preset'>): string | null {
	const h = normaliseLabel(header);
	if (h.length < 4) return null;
	for (const field of fields) {
		if (resolution.columns.has(field.name)) continue;
		const names = [field.label, field.name, ...(resolution.preset?.headers[field.name] ?? [])].map(normaliseLabel).filter((n) => n.length >= 5);
		if (names.some((n) => h.includes(n) || n.includes(h))) return field.name;
	}
	return null;
}
