import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UnreadableFileError, type RawRow, type TableSource } from './table-source';
import { cellGuard, sharedStringGuard } from './xlsx-bounds';

/*
 * exceljs's streaming reader unzips the workbook and reads its sheet list, styles and shared strings well,
 * but its own row objects lose data: a formula whose cached result is 0, FALSE or an error (#N/A) comes
 * back with no result at all, dates computed by formulas come back as serial numbers, and text is decoded
 * chunk by chunk, so a character such as ’ or é that straddles a chunk boundary turns into �
 * (exceljs/exceljs#2063, still open in 4.4). So exceljs finds the parts and this file reads the cells
 * from the sheet XML itself, where each cell says what type its value has.
 */

// The pieces of exceljs 4.4 used here that its typings leave out (4.4 is the last release, so they hold).
interface StreamingBook {
	parse(): AsyncGenerator<{ eventType?: string; value?: unknown }>;
	model?: { sheets?: { name: string; rId: string }[] };
	workbookRels?: { Id: string; Type: string }[];
	properties?: { model?: { date1904?: boolean } };
	styles: { getStyleModel(id: number): { numFmt?: string } | null };
	_parseSharedStrings(entry: Readable): AsyncGenerator<{ text: SharedString }>;
}
/** A worksheet as exceljs hands it over: spooled to a temporary file, not yet read. */
interface SheetEntry {
	name: string;
	iterator: Readable;
}
type SharedString = string | { richText: { text?: string | null }[] } | null | undefined;
type SaxEvent =
	{ eventType: 'text'; value: string } | { eventType: 'opentag' | 'closetag'; value: { name: string; attributes: Record<string, string | undefined> } };

const requireFromExceljs = createRequire(import.meta.url);
const parseSax = requireFromExceljs('exceljs/lib/utils/parse-sax') as (xml: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
const { isDateFmt } = requireFromExceljs('exceljs/lib/utils/utils') as { isDateFmt(format?: string): boolean };

// Enough rows per batch for bulk inserts to pay off, few enough to keep memory flat.
const BATCH_ROWS = 1_000;

/** What the cells of one workbook need to become text: its shared strings, styles and date system. */
interface CellContext {
	strings: SharedString[];
	isDateStyle(styleId: number): boolean;
	date1904: boolean;
	/** Throws once the sheet has more cells, or a cell more text, than Beacon reads (xlsx-bounds.ts). */
	checkCell(column: number, row: number, textLength: number): void;
}

/** An open workbook: the reader's event stream is kept so it can be drained, which deletes its temp files. */
interface OpenBook {
	reader: StreamingBook;
	events: AsyncGenerator<{ eventType?: string; value?: unknown }>;
	source: Readable;
	context: CellContext;
	readFailure: { error?: unknown };
}

/**
 * Open the first worksheet of an .xlsx file (or the one named `sheet`, in any case) as a table of strings
 * that read as a CSV export of it would, so the same validators serve both.
 */
export async function readXlsx(path: string, options: { sheet?: string; fileName: string }): Promise<TableSource> {
	const book = openBook(path, options.fileName);
	let sheet: SheetEntry | undefined;
	try {
		sheet = await findSheet(book, options.sheet, options.fileName);
		const rows = readSheetRows(sheet.iterator, book.context);
		const first = await rows.next();
		if (first.done) throw new UnreadableFileError(`${options.fileName} is empty: it has no header row`);
		const header = first.value.cells.map((name) => name.trim());
		let closing: Promise<void> | undefined;
		const close = () => (closing ??= closeBook(book, sheet));
		const batches = batchRows(rows, header.length, book, close, options.fileName);
		// Stopping the batches closes the book; if they never started that does nothing, so close it too.
		return { header, rows: batches, close: () => batches.return(undefined).then(close) };
	} catch (error) {
		await closeBook(book, sheet);
		throw explainFailure(error, options.fileName, book);
	}
}

function openBook(path: string, fileName: string): OpenBook {
	const readFailure: { error?: unknown } = {};
	// exceljs pipes its input without listening for errors, so a read error would crash the process; here
	// it ends the input instead (unzipper then reports a truncated file) and is rethrown as it was.
	const source = Readable.from(
		(async function* () {
			try {
				for await (const chunk of createReadStream(path)) yield chunk as Buffer;
			} catch (error) {
				readFailure.error = error;
			}
		})(),
		{ objectMode: false }
	);
	// The shared strings are collected here, not cached by exceljs, so it spools every sheet to a temp file
	// and hands them over after the whole archive: styles, sheet names and strings are then known whatever
	// order the zip holds its parts in (exceljs would otherwise read some sheets before their styles).
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'emit', styles: 'cache' });
	const internals = reader as unknown as StreamingBook;
	const strings: SharedString[] = [];
	const parseSharedStrings = internals._parseSharedStrings;
	const countString = sharedStringGuard(fileName);
	// Replaces exceljs's own generator: it collects the strings here and yields none to exceljs's cache.
	// eslint-disable-next-line require-yield
	internals._parseSharedStrings = async function* (entry) {
		entry.setEncoding('utf8'); // a string decoder keeps characters whole across chunk boundaries
		for await (const item of parseSharedStrings.call(this, entry)) {
			countString(item.text);
			strings.push(item.text);
		}
	};
	const dateStyles = new Map<number, boolean>();
	const context: CellContext = {
		strings,
		checkCell: cellGuard(fileName),
		get date1904() {
			return internals.properties?.model?.date1904 ?? false;
		},
		isDateStyle(styleId) {
			let isDate = dateStyles.get(styleId);
			if (isDate === undefined) dateStyles.set(styleId, (isDate = isDateFmt(internals.styles.getStyleModel(styleId)?.numFmt)));
			return isDate;
		}
	};
	return { reader: internals, events: internals.parse(), source, context, readFailure };
}

async function findSheet(book: OpenBook, wanted: string | undefined, fileName: string): Promise<SheetEntry> {
	let target: string | undefined;
	for (let event = await book.events.next(); !event.done; event = await book.events.next()) {
		if (event.value.eventType !== 'worksheet') continue;
		const sheet = event.value.value as SheetEntry;
		if (target === undefined) {
			const names = listWorksheets(book.reader, sheet.name);
			target = wanted === undefined ? names[0] : names.find((name) => name.toLowerCase() === wanted.toLowerCase());
			if (target === undefined) {
				// This sheet is not handed back, so nothing else would stop it: an unheard ENOENT would crash the process.
				discardSheet(sheet);
				const sheets = names.map((name) => `"${name}"`).join(', ');
				throw new UnreadableFileError(`${fileName} has no sheet named "${wanted}": its sheets are ${sheets}`);
			}
		}
		if (sheet.name === target) return sheet;
		discardSheet(sheet);
	}
	if (book.readFailure.error) throw book.readFailure.error;
	throw new UnreadableFileError(`${fileName} cannot be read as an Excel workbook: it has no worksheets`);
}

/** The workbook's worksheets in tab order (chart sheets left out), or just the one at hand if it has no list. */
function listWorksheets(reader: StreamingBook, fallback: string): string[] {
	const types = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, rel.Type]));
	const names = (reader.model?.sheets ?? []).filter((s) => types.get(s.rId)?.endsWith('/worksheet')).map((s) => s.name);
	return names.length > 0 ? names : [fallback];
}

/**
 * Close the input and run exceljs's reader to its end, skipping the sheets left, because it deletes each
 * spooled sheet's temp file only once the reader moves past it.
 */
async function closeBook(book: OpenBook, current?: SheetEntry): Promise<void> {
	if (current) discardSheet(current);
	try {
		for (let event = await book.events.next(); !event.done; event = await book.events.next()) {
			if (event.value.eventType === 'worksheet') discardSheet(event.value.value as SheetEntry);
		}
	} catch {
		// The failure that matters has already been reported; this is only tidying up.
	}
	book.source.destroy();
}

/**
 * Stop reading a spooled sheet. exceljs may delete its temp file before the stream has opened it: the
 * ENOENT that follows does not matter, but with no listener it would crash the process.
 */
function discardSheet(sheet: SheetEntry): void {
	sheet.iterator.on('error', () => undefined);
	sheet.iterator.destroy();
}

/** Rows padded to the header's width, in batches; the workbook is closed however the reading ends. */
async function* batchRows(rows: AsyncGenerator<RawRow>, width: number, book: OpenBook, close: () => Promise<void>, fileName: string): AsyncGenerator<RawRow[]> {
	try {
		let batch: RawRow[] = [];
		for await (const row of rows) {
			while (row.cells.length < width) row.cells.push('');
			batch.push(row);
			if (batch.length === BATCH_ROWS) {
				yield batch;
				batch = [];
			}
		}
		if (batch.length > 0) yield batch;
	} catch (error) {
		throw explainFailure(error, fileName, book);
	} finally {
		await close();
	}
}

/** A failure as the person who uploaded the file should read it; problems with the disk are passed on. */
function explainFailure(error: unknown, fileName: string, book: OpenBook): unknown {
	if (error instanceof UnreadableFileError) return error;
	if (book.readFailure.error) return book.readFailure.error;
	const message = error instanceof Error ? error.message : String(error);
	const reason = /signature/i.test(message)
		? 'it is not an .xlsx file (an older .xls workbook or a CSV file renamed .xlsx reads like this)'
		: /FILE_ENDED/.test(message)
			? 'the file is incomplete or damaged (it may have been cut short while uploading)'
			: `the file is damaged (${(message.split('\n')[0] ?? '').slice(0, 120)})`; // what the reader said: where to look
	const failure = new UnreadableFileError(`${fileName} cannot be read as an Excel workbook: ${reason}`);
	failure.cause = error;
	return failure;
}

/** The sheet's non-empty rows, each cell as text, trailing empty cells dropped. */
async function* readSheetRows(xml: Readable, context: CellContext): AsyncGenerator<RawRow> {
	xml.setEncoding('utf8'); // a string decoder keeps characters whole across chunk boundaries
	let rowNumber = 0;
	let cells: string[] | undefined;
	let cell: { column: number; type: string; style: number; text: string } | undefined;
	let inValue = false;
	let inPhonetic = false; // <rPh> holds a pronunciation guide, which is not part of the cell's text
	for await (const events of parseSax(xml as AsyncIterable<string>)) {
		for (const { eventType, value } of events) {
			if (eventType === 'text') {
				if (inValue && cell) {
					cell.text += value;
					context.checkCell(cell.column, rowNumber, cell.text.length);
				}
			} else if (eventType === 'opentag') {
				const { name, attributes } = value;
				if (name === 'row') {
					rowNumber = Number(attributes.r) || rowNumber + 1;
					cells = [];
				} else if (name === 'c' && cells) {
					const column = columnIndex(attributes.r ?? '');
					cell = { column: column >= 0 ? column : cells.length, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), text: '' };
					context.checkCell(cell.column, rowNumber, 0);
				} else if ((name === 'v' || name === 't') && !inPhonetic) inValue = true;
				else if (name === 'rPh') inPhonetic = true;
			} else if (value.name === 'v' || value.name === 't') inValue = false;
			else if (value.name === 'rPh') inPhonetic = false;
			else if (value.name === 'c' && cell && cells) {
				cells[cell.column] = convertCell(cell.type, cell.text, cell.style, context);
				cell = undefined;
			} else if (value.name === 'row' && cells) {
				const filled = Array.from(cells, (text) => text ?? '');
				while (filled.length > 0 && filled[filled.length - 1] === '') filled.pop();
				if (filled.length > 0) yield { row: rowNumber, cells: filled };
				cells = undefined;
			}
		}
	}
}

/** 0 for column A, from a cell reference such as "AB12". */
function columnIndex(reference: string): number {
	let column = 0;
	for (const char of reference.toUpperCase()) {
		const code = char.charCodeAt(0);
		if (code < 65 || code > 90) break;
		column = column * 26 + code - 64;
	}
	return column - 1;
}

/** A cell's value as a CSV export would show it; `type` is the cell's t attribute in the sheet XML. */
function convertCell(type: string, text: string, style: number, context: CellContext): string {
	switch (type) {
		case 's':
			return unescapeText(sharedStringText(context.strings[Number(text)]));
		case 'str':
		case 'inlineStr':
			return unescapeText(text);
		case 'e':
			return text;
		case 'b':
			return text === '' ? '' : Number(text) !== 0 ? 'TRUE' : 'FALSE';
		case 'd':
			// ISO 8601 text (strict OOXML); a time with no zone is taken as UTC, like every other date here.
			return formatDate(new Date(/T[^Z+-]*$/.test(text) ? `${text}Z` : text)) || text;
		default: {
			const number = text === '' ? Number.NaN : Number(text);
			if (Number.isNaN(number)) return text;
			return context.isDateStyle(style) ? formatDate(excelSerialToDate(number, context.date1904)) : String(number);
		}
	}
}

function sharedStringText(value: SharedString): string {
	if (typeof value === 'string') return value;
	return value?.richText.map((run) => run.text ?? '').join('') ?? '';
}

/** Excel writes characters XML cannot hold (a carriage return, say) as _x000D_; this puts them back. */
function unescapeText(text: string): string {
	return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Excel stores dates as days since 1899-12-30 (or 1904-01-01); rounded to the second, which is all Excel shows. */
function excelSerialToDate(serial: number, date1904: boolean): Date {
	return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400) * 1000);
}

/** "2024-03-31" for a date at midnight UTC, otherwise "2024-03-31T13:05:07Z"; "" if it is not a date. */
function formatDate(date: Date): string {
	if (Number.isNaN(date.getTime())) return '';
	return date
		.toISOString()
		.replace(/T00:00:00\.000Z$/, '')
		.replace(/\.\d{3}Z$/, 'Z');
}
