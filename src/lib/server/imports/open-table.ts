import { boundLines, boundRows } from './csv-bounds';
import { readCsv } from './read-csv';
import { inspectFile, readText, type FileFacts } from './read-file';
import { UnreadableFileError, type TableSource } from './table-source';
import { checkXlsxParts } from './xlsx-bounds';

/**
 * Open an inspected file as a table, CSV or XLSX alike, within the limits of input-limits.ts; unreadable
 * files raise UnreadableFileError. This reads on the calling thread: the web server reads through
 * table-thread.ts, which runs this on a worker with its own heap.
 */
export async function openTable(path: string, facts: FileFacts, options: { fileName: string; sheet?: string }): Promise<TableSource> {
	if (facts.unreadable) throw new UnreadableFileError(`${options.fileName} ${facts.unreadable}`);
	if (facts.format === 'xlsx') {
		await checkXlsxParts(path, facts.sizeBytes, options.fileName);
		// exceljs is large: loaded only when a workbook comes (most exports are CSV).
		const { readXlsx } = await import('./read-xlsx');
		return readXlsx(path, { fileName: options.fileName, ...(options.sheet ? { sheet: options.sheet } : {}) });
	}
	if (options.sheet) throw new UnreadableFileError(`${options.fileName} is a CSV file, which has no sheets: leave out --sheet`);
	return boundRows(await readCsv(boundLines(readText(path, facts.encoding), options.fileName), options.fileName), options.fileName);
}

export { inspectFile };
