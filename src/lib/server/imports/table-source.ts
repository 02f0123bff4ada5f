/** One data row of an input file, as strings: types are converted later, by the validators. */
export interface RawRow {
	/** The row's number as a spreadsheet shows it (the header is row 1). */
	row: number;
	cells: string[];
	/** Set when the row could not be parsed cleanly (unbalanced quotes): it is reported, not guessed at. */
	problem?: string;
}

/**
 * A tabular file opened for reading: its header, then its rows in batches (streamed, never all at once).
 * The file stays open until the rows are read to the end, the reading stops early (break, return or a
 * throw in a for-await loop over them), or close() is called: call it when the rows may never be read.
 */
export interface TableSource {
	header: string[];
	rows: AsyncIterable<RawRow[]>;
	/** Let go of the file; safe to call more than once, and after the rows are read. */
	close(): Promise<void>;
}

/** The file cannot be read as a table at all (not CSV, not XLSX, no header…): a whole-file problem. */
export class UnreadableFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnreadableFileError';
	}
}
