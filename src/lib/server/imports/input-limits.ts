/*
 * What an imported file may cost before Beacon refuses it (house rule 10: input is hostile until bounded).
 * Real exports sit far below each limit; a file above one is refused as a whole, naming the limit, before
 * the work it would cost. The reading itself runs on a worker thread with its own heap (table-thread.ts),
 * so a file that gets past these checks by lying about itself can exhaust only that thread.
 */

/**
 * The heap a file's reader thread may use, in MB: enough for the largest shared-strings table allowed below.
 * BEACON_IMPORT_READER_HEAP_MB changes it (at least 32).
 */
export function readerHeapMb(): number {
	const configured = Number(process.env.BEACON_IMPORT_READER_HEAP_MB);
	return Number.isInteger(configured) && configured >= 32 ? configured : 160;
}

export const XLSX_LIMITS = {
	/** The workbook file itself: it is read whole to check its parts' sizes before any is inflated. */
	fileBytes: 200 * 1024 * 1024,
	/** Parts in the archive: a workbook has a few dozen. */
	parts: 10_000,
	/** A worksheet, uncompressed: sheets are streamed to disk and read row by row, so this bounds time and disk. */
	sheetBytes: 2 * 1024 * 1024 * 1024,
	/** The shared-strings table, uncompressed: it is held in memory whole while the sheet is read. */
	sharedStringsBytes: 96 * 1024 * 1024,
	/** Any other part (styles, workbook, relationships…), uncompressed: exceljs holds these in memory. */
	otherPartBytes: 16 * 1024 * 1024,
	/**
	 * Shared strings, counted as they are read (the declared size can lie): a large trust's device export has
	 * a few hundred thousand. Held in the reader's heap, so these two bound what it needs.
	 */
	sharedStrings: 1_000_000,
	/** Their total length in characters. */
	sharedStringChars: 32_000_000,
	/** Cells in the sheet read: a full Excel sheet of 1,048,576 rows has room for about 50 columns. */
	cellsPerSheet: 50_000_000,
	/** A cell's text as stored: Excel holds 32,767 characters, and an escaped one (_x000D_) takes seven. */
	cellChars: 32_767 * 7,
	/** A cell's column, 0-based: XFD, the last column Excel has. */
	lastColumn: 16_383
} as const;

export const CSV_LIMITS = {
	/** Columns in a row: Beacon's layouts have a few dozen, and a spreadsheet's widest exports a few hundred. */
	columnsPerRow: 2_000,
	/** Characters in one field: a spreadsheet cell holds at most 32,767. */
	fieldChars: 32_767,
	/** Characters on one line (between line breaks): ample for 2,000 ordinary columns. */
	lineChars: 1024 * 1024
} as const;

/** "1,048,576" */
export function formatCount(value: number): string {
	return value.toLocaleString('en-GB');
}

/** "96 MB" */
export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 * 1024 ? `${formatCount(bytes / 1024 / 1024 / 1024)} GB` : `${formatCount(Math.round(bytes / 1024 / 1024))} MB`;
}
