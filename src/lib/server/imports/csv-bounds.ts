import { Readable } from 'node:stream';
import { CSV_LIMITS, formatCount } from './input-limits';
import { UnreadableFileError, type RawRow, type TableSource } from './table-source';

/*
 * A CSV file's shape is bounded before the parser holds it: a single 10 MB line (a million columns, or an
 * unclosed quote with no line break after it) is refused as soon as it passes the line limit, rather than
 * parsed again with each chunk that lengthens it. Rows wider than any export are refused; a field longer
 * than a spreadsheet cell is a problem on its row.
 */

/** The text, unchanged, failing as soon as one line runs past the limit. */
export function boundLines(text: Readable, fileName: string): Readable {
	return Readable.from(
		(async function* () {
			let run = 0; // characters since the last line break
			let lines = 1;
			try {
				for await (const chunk of text) {
					const part = String(chunk);
					// Chunks are far shorter than the limit, so only a line carried across chunks can pass it.
					const firstBreak = part.search(/[\r\n]/);
					if (firstBreak < 0) run += part.length;
					else {
						if (run + firstBreak > CSV_LIMITS.lineChars) throw tooLong(fileName, lines);
						const lastBreak = Math.max(part.lastIndexOf('\n'), part.lastIndexOf('\r'));
						for (let at = part.indexOf('\n'); at >= 0; at = part.indexOf('\n', at + 1)) lines += 1;
						run = part.length - lastBreak - 1;
					}
					if (run > CSV_LIMITS.lineChars) throw tooLong(fileName, lines);
					yield part;
				}
			} finally {
				text.destroy();
			}
		})(),
		{ objectMode: true }
	);
}

function tooLong(fileName: string, line: number): UnreadableFileError {
	return new UnreadableFileError(
		`${fileName} cannot be read as CSV: line ${formatCount(line)} is longer than ${formatCount(CSV_LIMITS.lineChars)} characters, far more than any export's row (a missing line break or an unclosed quote?)`
	);
}

/** The table with each row checked: too many columns refuses the file; an overlong field is its row's problem. */
export function boundRows(table: TableSource, fileName: string): TableSource {
	checkWidth(table.header.length, 1, fileName);
	const rows = (async function* () {
		for await (const batch of table.rows) {
			for (const row of batch) checkRow(row, fileName);
			yield batch;
		}
	})();
	return { header: table.header, rows, close: () => rows.return(undefined).then(() => table.close()) };
}

function checkRow(row: RawRow, fileName: string): void {
	checkWidth(row.cells.length, row.row, fileName);
	if (row.problem) return;
	const column = row.cells.findIndex((cell) => cell.length > CSV_LIMITS.fieldChars);
	if (column < 0) return;
	row.problem = `column ${column + 1} holds ${formatCount(row.cells[column]!.length)} characters, more than the ${formatCount(CSV_LIMITS.fieldChars)} a spreadsheet cell holds`;
	row.cells[column] = row.cells[column]!.slice(0, 100);
}

function checkWidth(width: number, row: number, fileName: string): void {
	if (width <= CSV_LIMITS.columnsPerRow) return;
	throw new UnreadableFileError(
		`${fileName} cannot be read as CSV: row ${formatCount(row)} has ${formatCount(width)} columns, more than the ${formatCount(CSV_LIMITS.columnsPerRow)} Beacon reads`
	);
}
