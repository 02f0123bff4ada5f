import { z } from 'zod';

// Readers of one spreadsheet cell (always a string; empty cells are "") into a stored value. They are
// plain functions returning the value or an Invalid, wrapped into zod types by `cell` and `optional`, so
// a row is one zod parse with no nested ones. Each states its rule in its message: the message is what
// the person fixing the file reads.

export class Invalid {
	constructor(readonly message: string) {}
}
export type Read<T> = (value: string) => T | Invalid;

/** The reader behind each schema `cell` made: rows-fast.ts reads a row through them without zod. */
export const cellReaders = new WeakMap<object, Read<unknown>>();

/** A required cell: the reader's value, or the reader's message as a zod issue. */
export function cell<T>(read: Read<T>) {
	const schema = z.string().transform((v, ctx): T => {
		const result = read(v);
		if (!(result instanceof Invalid)) return result;
		ctx.addIssue({ code: 'custom', message: result.message, input: v });
		return z.NEVER as never;
	});
	cellReaders.set(schema, read);
	return schema;
}

/** An optional cell: empty (or only spaces) is null; anything else must pass the reader. */
export function optional<T>(read: Read<T>) {
	return cell((v): T | null | Invalid => (v === '' || v.trim() === '' ? null : read(v)));
}

/**
 * Remember a reader's answers for up to `limit` distinct values: columns like OS, model or compliance
 * repeat the same few values across a million rows.
 */
export function remember<T>(read: Read<T>, limit = 10_000): Read<T> {
	const seen = new Map<string, T | Invalid>();
	return (v) => {
		let result = seen.get(v);
		if (result === undefined && !seen.has(v)) {
			result = read(v);
			if (seen.size < limit) seen.set(v, result);
		}
		return result as T | Invalid;
	};
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})|^(\d{1,2})\/(\d{1,2})\/(\d{4})/;
const TIME = /^[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Year, month and day as YYYY-MM-DD if they name a real calendar day. */
function realDate(y: number, m: number, d: number): string | null {
	if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2200) return null;
	if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const readDay = remember((text: string): string | Invalid => {
	const m = DAY.exec(text);
	const date = m ? (m[1] ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : realDate(Number(m[6]), Number(m[5]), Number(m[4]))) : null;
	return date ?? new Invalid(DATE_RULE);
}, 100_000);

/** A date and optional time as exports write them: 2025-03-14, 14/03/2025, 2025-03-14 08:15:02.0000000. */
export function readDateTime(value: string): { date: string; instant: string } | null {
	const text = value.trim();
	const prefix = DAY.exec(text)?.[0];
	if (!prefix) return null;
	const date = readDay(prefix);
	if (date instanceof Invalid) return null;
	const rest = text.slice(prefix.length);
	if (!rest) return { date, instant: `${date}T00:00:00Z` };
	const time = TIME.exec(rest);
	if (!time) return null;
	const [h, min, s] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
	if (h > 23 || min > 59 || s > 59) return null;
	// Exports write UTC unless they say otherwise (Intune always does).
	const zone = !time[4] || time[4].toUpperCase() === 'Z' ? 'Z' : time[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
	return { date, instant: `${date}T${time[1]}:${time[2]}:${String(s).padStart(2, '0')}${zone}` };
}

const DATE_RULE = 'a date is written YYYY-MM-DD or DD/MM/YYYY and must exist';
const INSTANT_RULE = `${DATE_RULE}, with a time if any like 08:15:02`;

export const readDate: Read<string> = (v) => readDateTime(v)?.date ?? new Invalid(DATE_RULE);
export const readInstant: Read<string> = (v) => readDateTime(v)?.instant ?? new Invalid(INSTANT_RULE);

// Whole pounds, with commas or spaces between thousands only where they belong: 1234, 1,234, 12 345 678.
const POUNDS = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)(?:\.\d{1,2})?$/;

/** Money to whole pence: 1234.56, £1,234.56 or 1 234; never negative, at most two decimal places. */
export const readPence: Read<number> = (v) => {
	const text = v.trim().replace(/^£\s*/, '');
	if (/^\(.*\)$/.test(text) || text.startsWith('-') || text.startsWith('£-'))
		return new Invalid('an amount cannot be negative (credits and refunds are not security spend)');
	if (!POUNDS.test(text)) {
		// "1,23" or "12,50" could be a decimal comma or a mistyped thousand: a guess could be 100 times out.
		if (/^[\d., ]+$/.test(text) && /[, ]/.test(text)) {
			return new Invalid(
				'commas (or spaces) in an amount go between groups of three digits, like 1,234.56; a decimal comma is not accepted: write 12.50, not 12,50'
			);
		}
		return new Invalid('an amount is a number of pounds like 1234.56 (at most two decimal places)');
	}
	const [pounds = '', pence = ''] = text.replace(/[, ]/g, '').split('.');
	const total = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
	return Number.isSafeInteger(total) ? total : new Invalid('the amount is too large');
};

export const readBoolean: Read<boolean> = choice(
	{ true: true, yes: true, y: true, 1: true, t: true, false: false, no: false, n: false, 0: false, f: false },
	'True or False (Yes/No and 1/0 are accepted too)'
);

export function readText(max: number, options: { required?: string } = {}): Read<string> {
	return (v) => {
		const text = v.trim();
		if (options.required && text === '') return new Invalid(options.required);
		return text.length > max ? new Invalid(`longer than ${max} characters`) : text;
	};
}

/** A value from a fixed list, found by any of its spellings (compared ignoring case, spaces and punctuation). */
export function choice<T>(spellings: Record<string, T>, describe: string): Read<T> {
	const index = new Map(Object.entries(spellings).map(([k, v]) => [normaliseLabel(k), v]));
	const problem = new Invalid(`expected ${describe}`);
	return remember((v) => {
		const key = normaliseLabel(v);
		return index.has(key) ? (index.get(key) as T) : problem;
	}, 1_000);
}

export function normaliseLabel(value: string): string {
	return value.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
