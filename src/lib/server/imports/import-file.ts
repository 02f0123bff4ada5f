import { basename } from 'node:path';
import { recordAudit } from '../audit/service';
import { abortCopies } from '../db/copy';
import { isUniqueViolation } from '../db/errors';
import { actorUserId } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { requireOrganisation } from '../auth/organisation-access';
import { compareHeadline, describeChange, GUARDED_KINDS, readHeadline, type ChangeComparison } from './change-guard';
import { mappingForHeader, resolveColumns, type ColumnResolution } from './column-mapping';
import { recordRejection } from './rejections';
import { DuplicateKeyError, reportDuplicateRows } from './duplicate-rows';
import { IMPORT_CATALOGUE } from './formats';
import type { ImportKind, Loader } from './formats/format';
import { identifierKey } from './identifiers';
import { inspectFile } from './open-table';
import type { FileFacts } from './read-file';
import { openTableOffThread } from './table-thread';
import { ProblemList, type ImportProblem } from './problems';
import * as q from './queries';
import { ImportStoppedError, runRows, type RowBatch, type RowJob, type RowRunner } from './row-job';
import { UnreadableFileError } from './table-source';

export interface ImportRequest {
	kind: ImportKind;
	ods: string;
	path: string;
	fileName?: string;
	sheet?: string;
	asOf?: string;
	preset?: string;
	/** Source header → field; overrides the preset and any saved mapping. */
	map?: Record<string, string>;
	/** Keep `map` for the organisation's next files of this kind. */
	saveMapping?: boolean;
	skipInvalid?: boolean;
	/** Import even when the file changes the headline figures by more than the threshold (change-guard.ts). */
	acceptChange?: boolean;
	onProgress?: (progress: { rowsRead: number }) => void;
	/** Where the row work runs: in this thread unless given (the CLI runs it on a worker thread). */
	runRows?: RowRunner;
	/**
	 * The file's facts (inspectFile), when the caller began reading them already: the command line hashes
	 * the file while the database opens. Read here when not given.
	 */
	facts?: Promise<FileFacts>;
}

export interface ImportReport {
	batchId: number | null;
	kind: string;
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
	duplicateOf: number | null;
	preset: string | null;
	errors: ImportProblem[];
	/** Problems beyond the first 1,000, counted but not listed. */
	errorsNotListed: number;
	/** Set when the file moved a headline figure by more than the threshold: refused unless accepted. */
	change?: ChangeComparison | null;
	details: Record<string, unknown>;
}

/** Everything stored with a batch about its rejected rows (kept only with skip-invalid). */
const PROBLEMS_KEPT = 100_000;

/**
 * Import one file of an organisation's data: all or nothing unless skipInvalid. The file is checked row
 * by row as it streams into the database inside one transaction; a problem stops the writing (the rest
 * is still read, to report every problem) and the transaction rolls back, so nothing is left behind.
 */
export async function importFile(ctx: ServiceContext, request: ImportRequest): Promise<ImportReport> {
	const org = await requireOrganisation(ctx, request.ods, 'edit');
	const report = await importInto(ctx, org, request);
	if (report.batchId === null && report.duplicateOf === null) {
		await recordRejection(ctx, { organisationId: org.id, kind: request.kind, fileName: request.fileName ?? basename(request.path), report });
	}
	return report;
}

async function importInto(ctx: ServiceContext, org: Awaited<ReturnType<typeof requireOrganisation>>, request: ImportRequest): Promise<ImportReport> {
	const catalogue = IMPORT_CATALOGUE[request.kind];
	const fileName = request.fileName ?? basename(request.path);
	const report: ImportReport = {
		batchId: null,
		kind: request.kind,
		rowsTotal: 0,
		rowsImported: 0,
		rowsRejected: 0,
		duplicateOf: null,
		preset: null,
		errors: [],
		errorsNotListed: 0,
		details: {}
	};
	const rejectFile = (message: string) => ({ ...report, errors: [{ row: null, column: null, value: null, message }] });
	if (catalogue.asOf?.required && !request.asOf) {
		return rejectFile(
			`${catalogue.label} files do not say when they were taken: give the date with --as-of YYYY-MM-DD ("${catalogue.asOf.label}" on the import page)`
		);
	}

	const facts = await (request.facts ?? inspectFile(request.path));
	const earlier = await q.findBatchByFile(ctx.db, org.id, request.kind, facts.sha256);
	if (earlier) return { ...report, duplicateOf: earlier.id, rowsTotal: earlier.rows_total, preset: earlier.preset };

	const openFile = () => openTableOffThread(request.path, facts, { fileName, ...(request.sheet ? { sheet: request.sheet } : {}) });
	let header: string[];
	try {
		const table = await openFile();
		header = table.header;
		await table.close();
	} catch (error) {
		if (error instanceof UnreadableFileError) return rejectFile(error.message);
		throw error;
	}
	const saved = request.map ? undefined : await q.findMapping(ctx.db, org.id, request.kind);
	// A mapping saved from an earlier file may name columns this one lacks: only what fits applies.
	const mapping = request.map ?? (saved ? mappingForHeader(saved.mapping as Record<string, string>, header) : undefined);
	const resolution = resolveColumns(catalogue.formats, catalogue.presets, header, {
		...(request.preset ? { preset: request.preset } : {}),
		...(mapping ? { mapping } : {})
	});
	report.preset = resolution.preset?.name ?? null;
	if (resolution.problems.length)
		return { ...report, errors: resolution.problems.slice(0, 1_000), errorsNotListed: Math.max(0, resolution.problems.length - 1_000) };

	const problems = new ProblemList(PROBLEMS_KEPT);
	try {
		return await inTransaction(ctx, async (tx) => {
			try {
				return await load(tx);
			} catch (error) {
				await abortCopies(tx.db);
				throw error;
			}
		});
		async function load(tx: ServiceContext): Promise<ImportReport> {
			const guarded = GUARDED_KINDS.includes(request.kind);
			const before = guarded ? await readHeadline(tx, org.ods_code) : null;
			const batch = await q.insertBatch(tx.db, {
				organisation_id: org.id,
				kind: request.kind,
				file_name: fileName,
				file_sha256: facts.sha256,
				file_size_bytes: facts.sizeBytes,
				preset: report.preset,
				imported_by: actorUserId(ctx.actor),
				rows_total: 0,
				rows_imported: 0,
				rows_rejected: 0
			});
			const loader = await resolution.format.open({
				ctx: tx,
				organisationId: org.id,
				ods: org.ods_code,
				batchId: batch.id,
				asOf: request.asOf ?? null,
				preset: report.preset
			});
			const job: RowJob = {
				path: request.path,
				fileName,
				sheet: request.sheet ?? null,
				facts,
				kind: request.kind,
				format: resolution.format.name,
				preset: report.preset,
				columns: [...resolution.columns],
				identifierKey: identifierKey(),
				context: { ods: org.ods_code, asOf: request.asOf ?? null },
				skipInvalid: request.skipInvalid ?? false,
				copyConstants: loader.copy?.constants ?? null,
				parallel: facts.format === 'csv' && !resolution.format.crossCheck
			};

			const counts = await (request.runRows ?? runRowsOffThread)(job, takeRows(loader, problems, request.onProgress));
			Object.assign(report, counts);
			if (problems.size > 0 && !request.skipInvalid) throw new RejectedImport();
			if (counts.rowsImported === 0) {
				problems.add({ row: null, column: null, value: null, message: `${fileName} has no rows to import` });
				throw new RejectedImport();
			}

			const details = await loader.finish();
			// In the import's transaction: a rejected or failed import leaves the rollup as it was.
			await refreshMonthlyRollup(tx, org.id);
			const change = before ? compareHeadline(request.kind, before, await readHeadline(tx, org.ods_code)) : null;
			if (change && !request.acceptChange) throw new ChangeRefused(change);
			if (change) Object.assign(details, { acceptedChange: change });
			const options = {
				encoding: facts.encoding,
				format: facts.format,
				sheet: request.sheet ?? null,
				asOf: request.asOf ?? null,
				mapping: mapping ?? null,
				ignoredColumns: resolution.ignored,
				problemsNotKept: problems.notKept,
				...details
			};

			await q.updateBatchOutcome(tx.db, batch.id, {
				rows_total: counts.rowsTotal,
				rows_imported: counts.rowsImported,
				rows_rejected: counts.rowsRejected,
				errors: problems.kept,
				options
			});
			if (request.map && request.saveMapping) await q.saveMapping(tx.db, org.id, request.kind, request.map, actorUserId(ctx.actor));
			await recordAudit(tx, {
				action: `import.${request.kind}`,
				organisationId: org.id,
				entityType: 'import_batch',
				entityId: batch.id,
				summary: { file: fileName, sha256: facts.sha256, preset: report.preset, rows: counts.rowsImported, rejected: counts.rowsRejected, ...details }
			});
			return { ...report, batchId: batch.id, details, change, ...listed(problems) };
		}
	} catch (error) {
		if (error instanceof RejectedImport) return { ...report, rowsImported: 0, ...listed(problems) };
		if (error instanceof ChangeRefused)
			return {
				...report,
				rowsImported: 0,
				change: error.change,
				errors: [{ row: null, column: null, value: null, message: describeChange(error.change) }],
				errorsNotListed: 0
			};
		// The same file imported at the same moment: the other import committed its batch first.
		if (isUniqueViolation(error, 'import_batch_file_uq') && !ctx.db.isTransaction) {
			const first = await q.findBatchByFile(ctx.db, org.id, request.kind, facts.sha256);
			if (first) return { ...report, rowsImported: 0, duplicateOf: first.id, rowsTotal: first.rows_total, preset: first.preset };
		}
		// Rolled back: a bound passed (or the reader's heap exhausted) partway through the rows rejects the file.
		if (error instanceof UnreadableFileError || error instanceof ImportStoppedError) return rejectFile(error.message);
		// Rolled back by now; reading the file again names the rows (the database says only which key).
		if (error instanceof DuplicateKeyError)
			return { ...report, rowsImported: 0, ...(await reportDuplicateRows(await openFile(), resolution, error, request.skipInvalid ?? false)) };
		throw error;
	}
}

/** The row work on this thread, reading the file on a worker of its own (the command line runs it all on one). */
const runRowsOffThread: RowRunner = async (job, take) => {
	const { rowsTotal, rowsImported, rowsRejected } = await runRows(job, take, openTableOffThread);
	return { rowsTotal, rowsImported, rowsRejected };
};

/** Report progress about this often. */
const PROGRESS_EVERY_ROWS = 50_000;

/** Where each batch of checked rows goes: problems to the list, rows into the loader's COPY or to the loader. */
function takeRows(loader: Loader<unknown>, problems: ProblemList, onProgress: ImportRequest['onProgress']) {
	let reported = 0;
	return async (batch: RowBatch) => {
		for (const problem of batch.problems) problems.add(problem);
		if (batch.lines > 0) await loader.copy?.writer.writeBytes(batch.copy, batch.lines);
		for (const { row, rowNumber } of batch.rows) await loader.add?.(row, rowNumber);
		if (onProgress && batch.rowsRead - reported >= PROGRESS_EVERY_ROWS) {
			reported = batch.rowsRead;
			onProgress({ rowsRead: batch.rowsRead });
		}
	};
}

function listed(problems: ProblemList): Pick<ImportReport, 'errors' | 'errorsNotListed'> {
	const errors = problems.kept.slice(0, 1_000);
	return { errors, errorsNotListed: problems.size - errors.length };
}

class RejectedImport extends Error {}

/** Rolls the import back: the file moved a headline figure too far and the change was not accepted. */
class ChangeRefused extends Error {
	constructor(readonly change: ChangeComparison) {
		super('change not accepted');
	}
}

export type { ColumnResolution };
