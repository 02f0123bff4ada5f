import { sql, type RawBuilder } from 'kysely';

/**
 * Where Beacon decides day boundaries, once, so no figure depends on the database server's TimeZone
 * setting (DESIGN.md §9 rule 9). Instants are compared as instants; where an instant must become a
 * calendar day (an import dated by its latest check-in, an incident's month, a report's day), that day is
 * its day in UTC, and a calendar date starts at 00:00 UTC. The same rule holds in TypeScript
 * (metrics/periods.ts). A query never casts a timestamptz to date or timestamp, or a date to timestamptz,
 * without going through these (tests/unit/time-zone-rules.test.ts checks the SQL for it).
 */
export const DAY_ZONE = 'UTC';

/** The calendar day ('date') an instant falls on. */
export function dayOf(instant: RawBuilder<unknown> | RawBuilder<Date>): RawBuilder<string> {
	return sql<string>`((${instant}) at time zone ${sql.lit(DAY_ZONE)})::date`;
}

/** The wall-clock time of an instant ('timestamp' without zone), for month arithmetic such as date_trunc. */
export function wallClockOf(instant: RawBuilder<unknown>): RawBuilder<Date> {
	return sql<Date>`((${instant}) at time zone ${sql.lit(DAY_ZONE)})`;
}

/** The instant a calendar date (a 'date' expression) starts. */
export function startOfDay(date: RawBuilder<unknown>): RawBuilder<Date> {
	return sql<Date>`((${date})::timestamp at time zone ${sql.lit(DAY_ZONE)})`;
}

/*
 * The plan's and assessment's history (migration 20261208110000) reads a date to its end in Europe/London,
 * the NHS's own calendar: an action completed on 1 April there was not completed "as of 31 March", whatever
 * UTC says. Its boundaries are decided here too, so every zone Beacon names is in this one file. The two
 * rules differ only in the hour around midnight during British Summer Time.
 */
export const PLAN_DAY_ZONE = 'Europe/London';

/** The instant a calendar date (a 'date' expression) starts in Europe/London: the plan history's day boundary. */
export function startOfPlanDay(date: RawBuilder<unknown>): RawBuilder<Date> {
	return sql<Date>`((${date})::timestamp at time zone ${sql.lit(PLAN_DAY_ZONE)})`;
}
