import { z } from 'zod';

// zod compiles object schemas with `new Function` where it can, and learns whether it can by trying once as
// the first object schema is built: in the browser, under Beacon's Content-Security-Policy (no 'unsafe-eval'),
// that try is refused and logged as a violation on every page load. Interpreted parsing is all Beacon's forms
// need. Every schema module the pages use imports this one first, so this runs before any schema is built.
z.config({ jitless: true });

/** ODS code as NHS organisations publish it (e.g. R0A, QRV, 8HN05): upper-cased, 3–10 letters and digits. */
export const odsCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9]{3,10}$/, 'an ODS code is 3 to 10 letters and digits, e.g. RXX');

/** A calendar date written YYYY-MM-DD that exists (31/02 is rejected). */
export const isoDate = z.iso.date({ message: 'a date is written YYYY-MM-DD and must exist' });

/** An instant; accepts a Date or an ISO 8601 string with a time zone. */
export const instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((v) => new Date(v));

/** Money as whole pence, never negative. */
export const pence = z.number().int('an amount is whole pence').nonnegative('an amount cannot be negative').max(Number.MAX_SAFE_INTEGER);

export const optionalText = (max: number) => z.string().trim().max(max).optional();
export const requiredText = (max: number) => z.string().trim().min(1, 'required').max(max);

/** How many rows a list call returns: 500 unless asked, never more than 10,000. */
export const listLimit = z.number().int().min(1).max(10_000).default(500);
