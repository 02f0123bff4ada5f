import { readFile } from 'node:fs/promises';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { formatBytes, formatCount, XLSX_LIMITS } from './input-limits';
import { UnreadableFileError } from './table-source';

/*
 * A workbook is a zip archive, and a few megabytes of it can inflate to gigabytes (one such file took the
 * server down at 4.2 GB). The archive's central directory says how large each part is once inflated: it is
 * read here, with nothing inflated, and a workbook with a part too large for its role is refused before
 * exceljs opens it. The directory can lie; the reader counts what it actually reads as well (sharedStringGuard,
 * cellGuard), and the worker's heap limit is the last line.
 */

/** Refuse the workbook at `path` if its archive would inflate beyond the limits; a damaged directory is refused too. */
export async function checkXlsxParts(path: string, sizeBytes: number, fileName: string): Promise<void> {
	if (sizeBytes > XLSX_LIMITS.fileBytes) {
		throw new UnreadableFileError(
			`${fileName} is too large to read as a workbook (${formatBytes(sizeBytes)}; at most ${formatBytes(XLSX_LIMITS.fileBytes)}): export it as CSV instead`
		);
	}
	const bytes = await readFile(path);
	let parts = 0;
	let problem: string | undefined;
	try {
		// The filter sees each part's directory entry and declines it, so nothing is inflated.
		unzipSync(bytes, {
			filter(part) {
				parts += 1;
				problem ??= partProblem(part);
				return false;
			}
		});
	} catch {
		throw new UnreadableFileError(`${fileName} cannot be read as an Excel workbook: the file is incomplete or damaged (its list of contents cannot be read)`);
	}
	if (parts > XLSX_LIMITS.parts) problem = `it holds ${formatCount(parts)} parts, more than the ${formatCount(XLSX_LIMITS.parts)} a workbook could need`;
	if (problem) throw new UnreadableFileError(`${fileName} is too large or malformed to import: ${problem}`);
}

function partProblem(part: UnzipFileInfo): string | undefined {
	const [role, limit] = /^xl\/worksheets\/[^/]+\.xml$/i.test(part.name)
		? ['worksheet', XLSX_LIMITS.sheetBytes]
		: /^xl\/sharedStrings\.xml$/i.test(part.name)
			? ['table of shared strings', XLSX_LIMITS.sharedStringsBytes]
			: ['part', XLSX_LIMITS.otherPartBytes];
	if (part.originalSize <= limit) return undefined;
	return `its ${role} ${part.name} would inflate from ${formatBytes(part.size)} to ${formatBytes(part.originalSize)}, more than the ${formatBytes(limit)} Beacon reads`;
}

/** Counts shared strings as exceljs hands them over; throws once there are too many or they are too long. */
export function sharedStringGuard(fileName: string): (text: unknown) => void {
	let count = 0;
	let chars = 0;
	return (text) => {
		count += 1;
		chars += sharedStringLength(text);
		if (count > XLSX_LIMITS.sharedStrings || chars > XLSX_LIMITS.sharedStringChars) {
			throw new UnreadableFileError(
				`${fileName} is too large or malformed to import: its shared strings exceed ${formatCount(XLSX_LIMITS.sharedStrings)} strings or ${formatCount(XLSX_LIMITS.sharedStringChars)} characters. Export it as CSV instead`
			);
		}
	};
}

function sharedStringLength(text: unknown): number {
	if (typeof text === 'string') return text.length;
	const runs = (text as { richText?: { text?: string | null }[] } | null)?.richText;
	return runs ? runs.reduce((sum, run) => sum + (run.text?.length ?? 0), 0) : 0;
}

/**
 * Checks each cell as it is read: its column (a reference such as ZZZZZZ1 would make a row of millions of
 * empty cells), its text, and the sheet's count of cells. Called with length 0 when a cell opens, then with
 * its text's length as the text grows.
 */
export function cellGuard(fileName: string): (column: number, row: number, textLength: number) => void {
	let cells = 0;
	return (column, row, textLength) => {
		if (textLength > 0) {
			if (textLength > XLSX_LIMITS.cellChars) {
				throw new UnreadableFileError(`${fileName} is too large or malformed to import: row ${row} has a cell longer than the 32,767 characters Excel holds`);
			}
			return;
		}
		cells += 1;
		if (column > XLSX_LIMITS.lastColumn) {
			throw new UnreadableFileError(`${fileName} cannot be read as an Excel workbook: row ${row} has a cell beyond column XFD, the last one Excel has`);
		}
		if (cells > XLSX_LIMITS.cellsPerSheet) {
			throw new UnreadableFileError(`${fileName} is too large to import: its sheet has more than ${formatCount(XLSX_LIMITS.cellsPerSheet)} cells`);
		}
	};
}
