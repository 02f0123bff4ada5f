import { readCsv } from './read-csv';
import { inspectFile, readText, type FileFacts } from './read-file';
import { UnreadableFileError, type TableSource } from './table-source';

/** Open an inspected file as a table, CSV or XLSX alike; unreadable files raise UnreadableFileError. */
export async function openTable(path: string, facts: FileFacts, options: { fileName: string; sheet?: string }): Promise<TableSource> {
	if (facts.unreadable) throw new UnreadableFileError(`${options.fileName} ${facts.unreadable}`);
	// exceljs is large: loaded only when a workbook comes (most exports are CSV).
	if (facts.format === 'xlsx')
		return (await import('./read-xlsx')).readXlsx(path, { fileName: options.fileName, ...(options.sheet ? { sheet: options.sheet } : {}) });
	if (options.sheet) throw new UnreadableFileError(`${options.fileName} is a CSV file, which has no sheets: leave out --sheet`);
	return readCsv(readText(path, facts.encoding), options.fileName);
}

export { inspectFile };
