import { toCsv } from '../csv';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { IMPORT_KINDS, type ImportKind } from '../../schemas/imports';
import type { ImportProblem } from './problems';
import * as q from './queries';

export interface ImportBatchView {
	batchId: number;
	kind: string;
	fileName: string;
	sha256: string;
	sizeBytes: number;
	preset: string | null;
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
	importedBy: string | null;
	startedAt: string;
	finishedAt: string | null;
	details: Record<string, unknown>;
}

/** An organisation's imports, newest first. */
export async function listImports(ctx: ServiceContext, ods: string, limit = 100): Promise<ImportBatchView[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const rows = await q.selectBatches(ctx.db, org.id, limit);
	return rows.map((b) => ({
		batchId: b.id,
		kind: b.kind,
		fileName: b.file_name,
		sha256: b.file_sha256,
		sizeBytes: b.file_size_bytes,
		preset: b.preset,
		rowsTotal: b.rows_total,
		rowsImported: b.rows_imported,
		rowsRejected: b.rows_rejected,
		importedBy: b.imported_by_name ?? null,
		startedAt: b.started_at.toISOString(),
		finishedAt: b.finished_at?.toISOString() ?? null,
		details: (b.options ?? {}) as Record<string, unknown>
	}));
}

export interface ImportRejectionView {
	id: number;
	kind: string;
	fileName: string;
	rejectedAt: string;
	rejectedBy: string | null;
	reason: string;
	problems: number;
}

/** The organisation's rejected imports, newest first: when, who, which file and why. */
export async function listRejections(ctx: ServiceContext, ods: string, limit = 50): Promise<ImportRejectionView[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const rows = await q.selectRejections(ctx.db, org.id, limit);
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		fileName: r.file_name,
		rejectedAt: r.rejected_at.toISOString(),
		rejectedBy: r.rejected_by_name ?? null,
		reason: r.reason,
		problems: r.problems
	}));
}

export interface DataFreshness {
	kind: ImportKind;
	/** The newest date the data is about (latest snapshot, completion, spend line, incident detected…), imported or entered. */
	dataAsOf: string | null;
	/** When a file of this kind was last imported, if ever. */
	lastImportAt: string | null;
}

/** How fresh each kind of the organisation's data is, whether it came from files, the pages or the demo. */
export async function getDataFreshness(ctx: ServiceContext, ods: string): Promise<DataFreshness[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const [dates, imports] = await Promise.all([q.selectDataDates(ctx.db, org.id), q.selectLastImports(ctx.db, org.id)]);
	const imported = new Map(imports.map((i) => [i.kind, i.finished_at ? new Date(i.finished_at).toISOString() : null]));
	return IMPORT_KINDS.map((kind) => ({ kind, dataAsOf: dates?.[kind] ?? null, lastImportAt: imported.get(kind) ?? null }));
}

/** The rows an import skipped, with why, as CSV a spreadsheet can open safely (formulas neutralised). */
export async function rejectedRowsCsv(ctx: ServiceContext, ods: string, batchId: number): Promise<{ fileName: string; csv: string }> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const batch = await q.selectBatchErrors(ctx.db, org.id, batchId);
	if (!batch) throw new NotFoundError(`${org.ods_code} has no import ${batchId}`);
	const problems = (batch.errors ?? []) as unknown as ImportProblem[];
	const csv = toCsv(
		['Row', 'Column', 'Value', 'Problem'],
		problems.map((p) => [p.row, p.column, p.value, p.message])
	);
	return { fileName: `rejected-rows-${batch.kind}-${batch.id}.csv`, csv };
}
