import { sql, type Kysely } from 'kysely';

// An edition may state its incident grading rules (the likelihood × severity thresholds for ICO and DHSC
// reportability). Null when its file has no incidentGrading block: the rules of an earlier edition, or the
// defaults, then stay in force.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table framework
			add column ico_min_likelihood smallint,
			add column ico_min_severity smallint,
			add column dhsc_min_severity smallint`.execute(db);
	await sql`
		alter table framework add constraint framework_incident_grading_ck check (
			(ico_min_likelihood is null) = (ico_min_severity is null)
			and (ico_min_likelihood is null) = (dhsc_min_severity is null)
			and ico_min_likelihood between 1 and 5
			and ico_min_severity between 1 and 5
			and dhsc_min_severity between 1 and 5)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table framework drop constraint framework_incident_grading_ck`.execute(db);
	await sql`
		alter table framework
			drop column ico_min_likelihood,
			drop column ico_min_severity,
			drop column dhsc_min_severity`.execute(db);
}
