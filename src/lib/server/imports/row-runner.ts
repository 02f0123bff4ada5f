import type { ImportKind } from './formats/format';
import type { ImportProblem } from './problems';
import type { FileFacts } from './read-file';

/**
 * Reading, checking and encoding a file's rows is the CPU-heavy part of an import, and it needs no
 * database: a job says everything it needs in plain data, so it can run on a worker thread while the
 * main thread writes what it produces into the database.
 */
export interface RowJob {
	path: string;
	fileName: string;
	sheet: string | null;
	facts: FileFacts;
	kind: ImportKind;
	format: string;
	preset: string | null;
	/** Field name → the index of the column that supplies it. */
	columns: [string, number][];
	identifierKey: string;
	context: { ods: string; asOf: string | null };
	skipInvalid: boolean;
	/**
	 * The batch's constant COPY values (organisation, batch, snapshot ids…) when the loader streams
	 * rows into a COPY: rows then come back as COPY text. Null: rows come back as objects.
	 */
	copyConstants: Record<string, string> | null;
}

/** What a stretch of the file gave: rows to store and problems to report. */
export interface RowBatch {
	/** COPY text of the valid rows in UTF-8 (when the job has copyConstants), and how many lines it holds. */
	copy: Uint8Array;
	lines: number;
	/** Valid rows as objects (when it has not). */
	rows: { row: unknown; rowNumber: number }[];
	problems: ImportProblem[];
	/** Rows read so far in the whole file. */
	rowsRead: number;
}

export interface RowCounts {
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
}

/** Runs a job, handing each batch to `take` in order (and waiting for it), and returns the counts. */
export type RowRunner = (job: RowJob, take: (batch: RowBatch) => Promise<void>) => Promise<RowCounts>;
