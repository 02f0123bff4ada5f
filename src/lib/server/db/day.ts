import { sql, type RawBuilder } from 'kysely';

/**
 * Where Beacon decides day boundaries, once, so no figure depends on the database server's TimeZone
 * setting or on node's TZ (DESIGN.md §9 rule 9). Instants are kept and compared as instants (UTC); where an
 * instant must become a calendar date (an import dated by its latest check-in, an incident's month or NHS
 * year, a report's day, a date's end for "as of"), that date is the one on the NHS's own calendar, Europe/
 * London: an incident at 23:30 UTC on 31 March 2026 happened at 00:30 on 1 April in London (BST), in the
 * 2026-27 year. A calendar date starts at 00:00 London time (23:00 UTC the day before in summer, 00:00 UTC in
 * winter). The SQL helpers below and the TypeScript ones after them are the only places that name the zone;
 * a query never casts a timestamptz to date or timestamp, or a date to timestamptz, without going through
 * them (tests/unit/time-zone-rules.test.ts checks the source for it).
 */
export const DAY_ZONE = 'Europe/London';

/**
 * The one place SQL names a zone: a timestamptz becomes the wall-clock time in London ('timestamp'), and
 * a wall-clock 'timestamp' becomes the instant it is in London (the SQL operator goes both ways).
 */
function inDayZone(expression: RawBuilder<unknown>): RawBuilder<Date> {
	return sql<Date>`((${expression}) at time zone ${sql.lit(DAY_ZONE)})`;
}

/** The calendar day ('date') an instant falls on in London. */
export function dayOf(instant: RawBuilder<unknown> | RawBuilder<Date>): RawBuilder<string> {
	return sql<string>`(${inDayZone(instant)})::date`;
}

/** The London wall-clock time of an instant ('timestamp' without zone), for month arithmetic such as date_trunc. */
export function wallClockOf(instant: RawBuilder<unknown>): RawBuilder<Date> {
	return inDayZone(instant);
}

/** The instant a calendar date (a 'date' expression) starts: midnight in London. */
export function startOfDay(date: RawBuilder<unknown>): RawBuilder<Date> {
	return inDayZone(sql`(${date})::timestamp`);
}

/*
 * The same rule in TypeScript, for instants handled in node. Intl reads the zone database itself, so the
 * process's TZ plays no part (no local-time Date method is used).
 */
const wallClockFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: DAY_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

function wallClockParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
	const parts = Object.fromEntries(wallClockFormat.formatToParts(instant).map((p) => [p.type, p.value]));
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour),
		minute: Number(parts.minute),
		second: Number(parts.second)
	};
}

/** How far London's wall clock is ahead of UTC at an instant, in milliseconds (0 in GMT, one hour in BST). */
function offsetAt(instant: Date): number {
	const p = wallClockParts(instant);
	const asIfUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	return asIfUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date ('YYYY-MM-DD') an instant falls on in London. */
export function calendarDayOf(instant: Date): string {
	const p = wallClockParts(instant);
	return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Today's calendar date in London: what a page or command reads as of when none is named. */
export function today(now: Date = new Date()): string {
	return calendarDayOf(now);
}

/**
 * The instant a calendar date ('YYYY-MM-DD') starts: midnight in London. London's clocks change at 01:00
 * UTC, never at midnight, so every date has exactly one midnight.
 */
export function startOfCalendarDay(isoDate: string): Date {
	const midnightUtc = Date.parse(`${isoDate}T00:00:00Z`);
	const guess = midnightUtc - offsetAt(new Date(midnightUtc));
	return new Date(midnightUtc - offsetAt(new Date(guess)));
}
