import { readCsv } from './read-csv';
import { inspectFile, readText, type FileFacts } from './read-file';
import { readXlsx } from './read-xlsx';
import { UnreadableFileError, type TableSource } from './table-source';

/** Open an inspected file as a table, CSV or XLSX alike; unreadable files raise UnreadableFileError. */
export async function openTable(path: string, facts: FileFacts, options: { fileName: string; sheet?: string }): Promise<TableSource> {
	if (facts.unreadable) throw new UnreadableFileError(`${options.fileName} ${facts.unreadable}`);
	if (facts.format === 'xlsx') return readXlsx(path, { fileName: options.fileName, ...(options.sheet ? { sheet: options.sheet } : {}) });
	if (options.sheet) throw new UnreadableFileError(`${options.fileName} is a CSV file, which has no sheets: leave out --sheet`);
	return readCsv(readText(path, facts.encoding), options.fileName);
}

export { inspectFile };
