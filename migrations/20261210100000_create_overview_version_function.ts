import { sql, type Kysely } from 'kysely';

/*
 * The overview's fingerprint (overview/queries.ts) as a function of the database: the same value the query
 * used to spell out inline, but planned once per connection (PL/pgSQL keeps its statements' plans) rather
 * than on every page view. Inline, planning its twelve sub-selects cost about 2 ms a statement in
 * PostgreSQL, more than running them; an ICB's page asks for six fingerprints at a time.
 *
 * A change to what the fingerprint covers is a new migration that replaces this function.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function overview_version(org_id bigint) returns text language plpgsql stable as $$
		begin
			return concat_ws('|',
				(select max(refreshed_at)::text from monthly_rollup where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(r.updated_at)::text, '')
					from assessment_response r join assessment a on a.id = r.assessment_id where a.organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(updated_at)::text, '') from improvement_action where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(generated_at)::text, '') from report_snapshot where organisation_id = org_id and kind = 'board'),
				(select count(*) || ':' || coalesce(max(loaded_at)::text, '') from framework),
				(select count(*) || ':' || coalesce(sum(headcount), 0) from organisation_headcount where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(id), 0) from device_snapshot where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(id), 0) from assurance_activity where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(updated_at)::text, '') from assurance_finding where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(active_users), 0) || ':' || coalesce(max(active_users_on)::text, '')
					from approved_messaging_app where organisation_id = org_id),
				(select count(*) || ':' || coalesce(max(id), 0) from discovered_app_snapshot where organisation_id = org_id),
				(select concat_ws(',', devices_cadence_days, training_cadence_days, spend_cadence_days, incidents_cadence_days, data_ends_on)
					from organisation where id = org_id)
			);
		end
		$$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop function overview_version(bigint)`.execute(db);
}
