import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { startOfDay } from './day';

/**
 * The first instant after a calendar date in London (midnight starting the next day there, db/day.ts): a
 * figure "as of" the date counts what happened before this instant. Written so the session's TimeZone
 * setting cannot move it.
 */
export function endOfDay(asOf: string): RawBuilder<Date> {
	return startOfDay(sql`(cast(${asOf} as date) + 1)`);
}

/**
 * Whether a history row (valid_from, valid_to: null while still in force) is the version that stood at the
 * end of the date: made before the day ended and not replaced by then. `alias` is the history table's alias.
 */
export function inForceOn(alias: string, asOf: string): RawBuilder<SqlBool> {
	const end = endOfDay(asOf);
	return sql<SqlBool>`(${sql.ref(`${alias}.valid_from`)} < ${end} and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} >= ${end}))`;
}
