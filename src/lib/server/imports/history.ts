import { toCsv } from '../csv';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
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
