import { basename } from 'node:path';
import { today } from '../as-of';
import { recordAudit } from '../audit/service';
import { isAdmin } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ForbiddenError } from '../errors';
import { resolveColumns } from './column-mapping';
import { resolveEditions } from './dspt-status-editions';
import { DSPT_STATUS_LAYOUT, DSPT_STATUS_PRESETS, type DsptField } from './dspt-status-layouts';
import * as sq from './dspt-status-queries';
import { organisationKind, readStatusRow, type PublicStatusRow } from './dspt-status-rows';
import { snapshotChanges, type StatusChange } from './dspt-status-snapshots';
import { inspectFile } from './open-table';
import { openTableOffThread } from './table-thread';
import { PROBLEMS_LISTED, ProblemList, type ImportProblem } from './problems';
import * as q from './queries';
import { recordRejection } from './rejections';
import { UnreadableFileError } from './table-source';

export interface ImportReport {
	batchId: number | null;
	kind: string;
	/** The published layout the file was read as (dspt-status-2022, -2021, -2019), if one matched. */
	preset: string | null;
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
	rowsSkipped: number;
	/** Rows whose publication column held words ("CompletedThroughQIO"), kept with no date. */
	rowsUndated: number;
	/** The earlier import of the very same file, when this one changed nothing. */
	duplicateOf: number | null;
	errors: ImportProblem[];
	/** Problems beyond the first 1,000, counted but not listed. */
	errorsNotListed: number;
	organisationsAdded: number;
	/** The snapshot's date: --as-of, else the latest publication date in the file, else the day of import. */
	asOf: string | null;
	editions: string[];
	/** Statuses that differ from each organisation's previous snapshot of the same edition. */
	changes: { count: number; listed: StatusChange[] };
	/** A later snapshot of these editions already held: benchmarks as of today still read that one. */
	newerSnapshot: string | null;
}

export interface DsptStatusInput {
	path: string;
	fileName?: string;
	edition?: string;
	asOf?: string;
	preset?: string;
	map?: Record<string, string>;
	skipInvalid?: boolean;
}

type ReadRow = PublicStatusRow & { row: number; statusText: string };

/**
 * Import a public DSPT status export as a snapshot taken on a date: all or nothing (or, with skipInvalid, the
 * good rows, the rejected ones kept on the batch with their reasons). Every problem is reported with its row,
 * column and value. The same file twice changes nothing.
 */
export async function importDsptStatus(ctx: ServiceContext, input: DsptStatusInput): Promise<ImportReport> {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may import the national status register');
	const report = await importStatuses(ctx, input);
	if (report.batchId === null && report.duplicateOf === null)
		await recordRejection(ctx, { organisationId: null, kind: 'dspt-status', fileName: input.fileName ?? basename(input.path), report });
	return report;
}

async function importStatuses(ctx: ServiceContext, input: DsptStatusInput): Promise<ImportReport> {
	const fileName = input.fileName ?? basename(input.path);
	const report: ImportReport = {
		batchId: null,
		kind: 'dspt-status',
		preset: null,
		rowsTotal: 0,
		rowsImported: 0,
		rowsRejected: 0,
		rowsSkipped: 0,
		rowsUndated: 0,
		duplicateOf: null,
		errors: [],
		errorsNotListed: 0,
		organisationsAdded: 0,
		asOf: null,
		editions: [],
		changes: { count: 0, listed: [] },
		newerSnapshot: null
	};
	const facts = await inspectFile(input.path);
	const earlier = await q.findBatchByFile(ctx.db, null, 'dspt-status', facts.sha256);
	if (earlier) {
		return { ...report, duplicateOf: earlier.id, rowsTotal: earlier.rows_total, rowsImported: 0, rowsSkipped: earlier.rows_total - earlier.rows_imported };
	}
	const fileProblems = new ProblemList(PROBLEMS_LISTED);
	const rowProblems = new ProblemList(PROBLEMS_LISTED);
	const reject = (): ImportReport => {
		const all = [...fileProblems.kept, ...rowProblems.kept].slice(0, PROBLEMS_LISTED);
		return {
			...report,
			batchId: null,
			errors: all,
			errorsNotListed: fileProblems.size + rowProblems.size - all.length,
			rowsRejected: Math.max(report.rowsRejected, 1)
		};
	};

	const rows: ReadRow[] = [];
	try {
		const table = await openTableOffThread(input.path, facts, { fileName });
		const resolution = resolveColumns([DSPT_STATUS_LAYOUT], DSPT_STATUS_PRESETS, table.header, { preset: input.preset, mapping: input.map });
		// A layout is named only when it reads the file by itself, not when --map had to fill it in.
		const unmapped = input.map ? resolveColumns([DSPT_STATUS_LAYOUT], DSPT_STATUS_PRESETS, table.header, { preset: input.preset }) : resolution;
		report.preset = unmapped.problems.length === 0 ? (unmapped.preset?.name ?? null) : null;
		if (resolution.problems.length) {
			resolution.problems.forEach((p) => fileProblems.add(p));
			await table.close();
			return reject();
		}
		const { columns } = resolution;
		const headerOf = (field: DsptField) => {
			const index = columns.get(field);
			return index === undefined ? field : (table.header[index] ?? field);
		};
		for await (const batch of table.rows) {
			for (const raw of batch) {
				report.rowsTotal += 1;
				const outcome = raw.problem
					? { kind: 'problems' as const, problems: [{ row: raw.row, column: null, value: null, message: raw.problem }] }
					: readStatusRow(raw.cells, raw.row, columns, headerOf);
				if (outcome.kind === 'row') {
					const statusIndex = columns.get('status') as number;
					rows.push({ ...outcome.value, row: raw.row, statusText: (raw.cells[statusIndex] ?? '').trim() });
				} else if (outcome.kind === 'skip') report.rowsSkipped += 1;
				else {
					report.rowsRejected += 1;
					outcome.problems.forEach((p) => rowProblems.add(p));
				}
			}
		}
	} catch (error) {
		if (!(error instanceof UnreadableFileError)) throw error;
		fileProblems.add({ row: null, column: null, value: null, message: error.message });
		return reject();
	}
	if (report.rowsTotal === 0) fileProblems.add({ row: null, column: null, value: null, message: `${fileName} has a header but no rows` });

	const editions = resolveEditions(rows, input.edition);
	editions.problems.forEach((p) => fileProblems.add(p));
	const seen = new Map<string, number>();
	const ready: sq.StoredStatusRow[] = [];
	for (const r of rows) {
		const edition = r.edition ?? editions.fileEdition;
		if (!edition) continue; // reported once, as a problem with the file
		const key = `${r.ods} ${edition}`;
		if (seen.has(key)) {
			report.rowsRejected += 1;
			rowProblems.add({ row: r.row, column: 'Code', value: r.ods, message: `${r.ods} already appears on row ${seen.get(key)} for ${edition}` });
			continue;
		}
		seen.set(key, r.row);
		if (r.undated) report.rowsUndated += 1;
		ready.push({ ods: r.ods, name: r.name, edition, status: r.status, publishedOn: r.publishedOn, sector: r.sector, icbOds: r.icbOds, icbName: r.icbName });
	}
	if (fileProblems.size > 0 || (rowProblems.size > 0 && !input.skipInvalid)) return reject();

	const latestPublication = ready.reduce<string | null>((max, r) => (r.publishedOn && (!max || r.publishedOn > max) ? r.publishedOn : max), null);
	const asOf = input.asOf ?? latestPublication ?? today();
	const heldEditions = [...new Set(ready.map((r) => r.edition))].sort();
	const write = inTransaction(ctx, async (tx) => {
		if (!input.asOf) {
			// The date was inferred: another file with the same organisations on the same date is another snapshot
			// whose date is unknown, not a correction of this one, so say so rather than overwrite it.
			const clash = await sq.selectSnapshotClash(tx.db, ready, asOf);
			if (clash.n > 0) {
				fileProblems.add({
					row: null,
					column: null,
					value: asOf,
					message: `${clash.n.toLocaleString('en-GB')} of these statuses are already held for a snapshot dated ${asOf} (the file's latest publication date), from ${clash.file_name ?? 'another file'} (batch ${clash.batch_id}). Give the date this export was taken with --as-of (the same date again replaces that snapshot)`
				});
				return reject();
			}
		}
		const previous = await sq.selectPreviousStatuses(tx.db, ready, asOf);
		const changes = snapshotChanges(ready, previous);
		const latest = await sq.selectLatestSnapshotDate(tx.db, heldEditions);
		const batch = await q.insertBatch(tx.db, {
			organisation_id: null,
			kind: 'dspt-status',
			file_name: fileName,
			file_sha256: facts.sha256,
			file_size_bytes: facts.sizeBytes,
			preset: report.preset ?? 'public-dspt-status',
			options: { edition: editions.fileEdition, asOf, encoding: facts.encoding, skipInvalid: input.skipInvalid ?? false, map: input.map ?? null },
			rows_total: report.rowsTotal,
			rows_imported: ready.length,
			rows_rejected: report.rowsRejected,
			errors: JSON.stringify(rowProblems.kept),
			finished_at: new Date()
		});
		await sq.upsertPublicStatuses(tx.db, ready, asOf, batch.id);
		// The registry holds the NHS bodies Beacon serves, in its own code pattern; a national export's GP
		// practices, care homes and suppliers stay in the public register only.
		const registrable = ready.filter((r) => /^[A-Z0-9]{3,10}$/.test(r.ods) && organisationKind(r.sector, r.name) !== 'other');
		const organisationsAdded = await sq.insertMissingOrganisations(tx.db, [
			...new Map(
				registrable.map((r) => [
					r.ods,
					{ ods: r.ods, name: r.name.slice(0, 200), kind: organisationKind(r.sector, r.name), sector: r.sector, icbOds: r.icbOds }
				])
			).values()
		]);
		await recordAudit(tx, {
			action: 'import.dspt_status',
			entityType: 'import_batch',
			entityId: batch.id,
			summary: {
				file: fileName,
				sha256: facts.sha256,
				asOf,
				rows: ready.length,
				skipped: report.rowsSkipped,
				rejected: report.rowsRejected,
				organisationsAdded,
				editions: heldEditions,
				changed: changes.count
			}
		});
		return {
			...report,
			batchId: batch.id,
			rowsImported: ready.length,
			organisationsAdded,
			asOf,
			editions: heldEditions,
			changes,
			newerSnapshot: latest && latest > asOf ? latest : null,
			errors: rowProblems.kept,
			errorsNotListed: rowProblems.notKept
		};
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
