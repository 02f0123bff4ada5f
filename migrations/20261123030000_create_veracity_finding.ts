import { sql, type Kysely } from 'kysely';

// An independent assessor's finding on one outcome of an organisation's self-assessment: does the evidence
// support the level claimed? Findings are kept as a history; the latest per outcome is the current one.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table veracity_finding (
			id bigint generated always as identity,
			assessment_id bigint not null,
			framework_item_id bigint not null,
			verdict text not null,
			note text not null,
			recorded_by bigint,
			recorded_by_label text not null,
			recorded_at timestamptz not null default now(),
			constraint veracity_finding_pk primary key (id),
			constraint veracity_finding_assessment_fk foreign key (assessment_id)
				references assessment (id) on delete cascade,
			constraint veracity_finding_item_fk foreign key (framework_item_id) references framework_item (id),
			constraint veracity_finding_recorded_by_fk foreign key (recorded_by) references app_user (id),
			constraint veracity_finding_verdict_ck check (verdict in ('supported', 'overstated', 'understated', 'insufficient_evidence')),
			constraint veracity_finding_note_ck check (length(btrim(note)) between 1 and 5000)
		)`.execute(db);
	await sql`create index veracity_finding_assessment_ix on veracity_finding (assessment_id, framework_item_id, recorded_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table veracity_finding`.execute(db);
}
