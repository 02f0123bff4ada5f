import { sql, type Insertable, type Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, Incident } from '../db/schema';
import type { GradingEdition, GradingPeriod } from './grading-periods';
import { dayOf } from '../db/day';

export function insertIncidents(db: Kysely<DB>, rows: Insertable<Incident>[]) {
	return bulkInsert(db, 'incident', rows);
}

export function selectExistingReferences(db: Kysely<DB>, organisationId: number, references: string[]) {
	if (references.length === 0) return Promise.resolve([]);
	return db.selectFrom('incident').select('reference').where('organisation_id', '=', organisationId).where('reference', 'in', references).execute();
}

/** Where an import's incidents wait to be merged; private to the transaction and gone at its end. */
export const INCIDENT_STAGING_TABLE = 'incident_staging';

export async function createIncidentStaging(db: Kysely<DB>): Promise<void> {
	await sql`
		create temp table incident_staging (
			reference text not null,
			occurred_at timestamptz,
			detected_at timestamptz not null,
			closed_at timestamptz,
			breach_type text not null,
			category text not null,
			likelihood smallint not null,
			severity smallint not null,
			is_ico_reportable boolean not null,
			is_dhsc_reportable boolean not null,
			status text not null,
			description text,
			actions text
		) on commit drop`.execute(db);
}

/**
 * Merge the staged incidents into the organisation's by reference: new ones are added, known ones take
 * the export's values. A blank description or actions cell keeps what was there (a later export may
 * leave those columns out); root cause, lessons and the like are never in an export and stay.
 */
export async function mergeStagedIncidents(db: Kysely<DB>, organisationId: number, batchId: number): Promise<{ added: number; updated: number }> {
	const counts = await sql<{ staged: number; known: number }>`
		select count(*)::int as staged, count(i.id)::int as known
		from incident_staging s
		left join incident i on i.organisation_id = ${organisationId} and i.reference = s.reference`.execute(db);
	await sql`
		insert into incident (organisation_id, reference, occurred_at, detected_at, closed_at, breach_type, category, likelihood, severity,
			is_ico_reportable, is_dhsc_reportable, status, description, actions, import_batch_id)
		select ${organisationId}::bigint, reference, occurred_at, detected_at, closed_at, breach_type, category, likelihood, severity,
			is_ico_reportable, is_dhsc_reportable, status, description, actions, ${batchId}::bigint
		from incident_staging
		on conflict (organisation_id, reference) do update set
			occurred_at = excluded.occurred_at, detected_at = excluded.detected_at, closed_at = excluded.closed_at,
			breach_type = excluded.breach_type, category = excluded.category, likelihood = excluded.likelihood, severity = excluded.severity,
			is_ico_reportable = excluded.is_ico_reportable, is_dhsc_reportable = excluded.is_dhsc_reportable, status = excluded.status,
			description = coalesce(excluded.description, incident.description), actions = coalesce(excluded.actions, incident.actions),
			import_batch_id = excluded.import_batch_id`.execute(db);
	const { staged = 0, known = 0 } = counts.rows[0] ?? {};
	return { added: staged - known, updated: known };
}

/** Every framework edition with the grading rules it states (null when it states none). */
export async function selectGradingEditions(db: Kysely<DB>): Promise<GradingEdition[]> {
	const rows = await db
		.selectFrom('framework')
		.select(['code', 'edition', 'loaded_at', 'ico_min_likelihood', 'ico_min_severity', 'dhsc_min_severity'])
		.execute();
	return rows.map((r) => ({
		code: r.code,
		edition: r.edition,
		loadedAt: r.loaded_at,
		rules:
			r.ico_min_likelihood === null || r.ico_min_severity === null || r.dhsc_min_severity === null
				? null
				: { icoMinLikelihood: r.ico_min_likelihood, icoMinSeverity: r.ico_min_severity, dhscMinSeverity: r.dhsc_min_severity }
	}));
}

/** Which incidents a regrade looks at: all of them, or those an import batch wrote. */
export type RegradeScope = { all: true } | { batchId: number };

/**
 * Set each incident's ICO and DHSC reportability by the rules of the period its detection date (UTC)
 * falls in, in one statement; only incidents whose grade changes are written. Returns how many changed,
 * per organisation.
 */
export async function regradeIncidents(db: Kysely<DB>, periods: readonly GradingPeriod[], scope: RegradeScope) {
	const values = sql.join(
		periods.map((p) => sql`(${p.from}::date, ${p.to}::date, ${p.rules.icoMinLikelihood}::int, ${p.rules.icoMinSeverity}::int, ${p.rules.dhscMinSeverity}::int)`)
	);
	const where = 'batchId' in scope ? sql`i.import_batch_id = ${scope.batchId}` : sql`true`;
	const result = await sql<{ organisation_id: number; ods_code: string; incidents: number }>`
		with period (from_date, to_date, ico_min_likelihood, ico_min_severity, dhsc_min_severity) as (values ${values}),
		changed as (
			update incident i set
				is_ico_reportable = i.likelihood >= p.ico_min_likelihood and i.severity >= p.ico_min_severity,
				is_dhsc_reportable = i.severity >= p.dhsc_min_severity
			from period p
			where ${where}
				and (p.from_date is null or ${dayOf(sql`i.detected_at`)} >= p.from_date)
				and (p.to_date is null or ${dayOf(sql`i.detected_at`)} < p.to_date)
				and (i.is_ico_reportable <> (i.likelihood >= p.ico_min_likelihood and i.severity >= p.ico_min_severity)
					or i.is_dhsc_reportable <> (i.severity >= p.dhsc_min_severity))
			returning i.organisation_id
		)
		select c.organisation_id, o.ods_code, count(*)::int as incidents
		from changed c join organisation o on o.id = c.organisation_id
		group by c.organisation_id, o.ods_code order by o.ods_code`.execute(db);
	return result.rows;
}
