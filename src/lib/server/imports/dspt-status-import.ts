import { basename } from 'node:path';
import { recordAudit } from '../audit/service';
import { isAdmin } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ForbiddenError } from '../errors';
import { mapColumns, organisationKind, readStatusRow, type PublicStatusRow } from './dspt-status-rows';
import { inspectFile, openTable } from './open-table';
import { PROBLEMS_LISTED, type ImportProblem } from './problems';
import * as q from './queries';
import { UnreadableFileError } from './table-source';

export interface ImportReport {
	batchId: number | null;
	kind: string;
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
	rowsSkipped: number;
	/** The earlier import of the very same file, when this one changed nothing. */
	duplicateOf: number | null;
	errors: ImportProblem[];
	/** Problems beyond the first 1,000, counted but not listed. */
	errorsNotListed: number;
	organisationsAdded: number;
}

/**
 * Import a public DSPT status export: all or nothing. Every problem is reported with its row, column and
 * value; one problem rejects the file and nothing is written. The same file twice changes nothing.
 */
export async function importDsptStatus(ctx: ServiceContext, input: { path: string; fileName?: string; edition?: string }): Promise<ImportReport> {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may import the national status register');
	const fileName = input.fileName ?? basename(input.path);
	const report: ImportReport = {
		batchId: null,
		kind: 'dspt-status',
		rowsTotal: 0,
		rowsImported: 0,
		rowsRejected: 0,
		rowsSkipped: 0,
		duplicateOf: null,
		errors: [],
		errorsNotListed: 0,
		organisationsAdded: 0
	};
	const facts = await inspectFile(input.path);
	const earlier = await q.findBatchByFile(ctx.db, null, 'dspt-status', facts.sha256);
	if (earlier) {
		return { ...report, duplicateOf: earlier.id, rowsTotal: earlier.rows_total, rowsImported: 0, rowsSkipped: earlier.rows_total - earlier.rows_imported };
	}
	const addProblem = (p: ImportProblem) => {
		if (report.errors.length < PROBLEMS_LISTED) report.errors.push(p);
		else report.errorsNotListed += 1;
	};

	const rows: (PublicStatusRow & { row: number })[] = [];
	try {
		const table = await openTable(input.path, facts, { fileName });
		const { columns, problems } = mapColumns(table.header);
		if (problems.length) {
			problems.forEach(addProblem);
			await table.close();
			return report;
		}
		for await (const batch of table.rows) {
			for (const raw of batch) {
				report.rowsTotal += 1;
				const outcome = raw.problem
					? { kind: 'problems' as const, problems: [{ row: raw.row, column: null, value: null, message: raw.problem }] }
					: readStatusRow(raw.cells, raw.row, columns);
				if (outcome.kind === 'row') rows.push({ ...outcome.value, row: raw.row });
				else if (outcome.kind === 'skip') report.rowsSkipped += 1;
				else {
					report.rowsRejected += 1;
					outcome.problems.forEach(addProblem);
				}
			}
		}
	} catch (error) {
		if (!(error instanceof UnreadableFileError)) throw error;
		addProblem({ row: null, column: null, value: null, message: error.message });
		return report;
	}
	if (report.rowsTotal === 0) addProblem({ row: null, column: null, value: null, message: `${fileName} has a header but no rows` });

	// "Not Published" carries no edition: it takes the one given, or the one every other row has.
	const editions = new Set(rows.flatMap((r) => (r.edition ? [r.edition] : [])));
	const edition = input.edition ?? (editions.size === 1 ? [...editions][0] : undefined);
	const seen = new Map<string, number>();
	const ready: (PublicStatusRow & { edition: string })[] = [];
	for (const r of rows) {
		const rowEdition = r.edition ?? edition;
		if (!rowEdition) {
			addProblem({ row: r.row, column: 'Status', value: 'Not Published', message: 'no edition: give it with --edition (e.g. 22/23)' });
			continue;
		}
		const key = `${r.ods} ${rowEdition}`;
		if (seen.has(key)) {
			addProblem({ row: r.row, column: 'Code', value: r.ods, message: `${r.ods} already appears on row ${seen.get(key)} for ${rowEdition}` });
			continue;
		}
		seen.set(key, r.row);
		ready.push({ ...r, edition: rowEdition });
	}
	if (report.errors.length > 0) {
		report.rowsRejected = Math.max(report.rowsRejected, 1);
		return report;
	}

	const write = inTransaction(ctx, async (tx) => {
		const batch = await q.insertBatch(tx.db, {
			organisation_id: null,
			kind: 'dspt-status',
			file_name: fileName,
			file_sha256: facts.sha256,
			file_size_bytes: facts.sizeBytes,
			preset: 'public-dspt-status',
			options: { edition: edition ?? null, encoding: facts.encoding },
			rows_total: report.rowsTotal,
			rows_imported: ready.length,
			rows_rejected: 0,
			finished_at: new Date()
		});
		await q.upsertPublicStatuses(tx.db, ready, batch.id);
		const organisationsAdded = await q.insertMissingOrganisations(tx.db, [
			...new Map(ready.map((r) => [r.ods, { ods: r.ods, name: r.name, kind: organisationKind(r.sector, r.name), sector: r.sector, icbOds: r.icbOds }])).values()
		]);
		await recordAudit(tx, {
			action: 'import.dspt_status',
			entityType: 'import_batch',
			entityId: batch.id,
			summary: {
				file: fileName,
				sha256: facts.sha256,
				rows: ready.length,
				skipped: report.rowsSkipped,
				organisationsAdded,
				editions: [...new Set(ready.map((r) => r.edition))]
			}
		});
		return { ...report, batchId: batch.id, rowsImported: ready.length, organisationsAdded };
	});
	// The same file imported at the same moment: the other import committed its batch first.
	return write.catch(async (error: unknown) => {
		const first =
			isUniqueViolation(error, 'import_batch_file_uq') && !ctx.db.isTransaction
				? await q.findBatchByFile(ctx.db, null, 'dspt-status', facts.sha256)
				: undefined;
		if (!first) throw error;
		return { ...report, duplicateOf: first.id, rowsTotal: first.rows_total, rowsImported: 0, rowsSkipped: first.rows_total - first.rows_imported };
	});
}
