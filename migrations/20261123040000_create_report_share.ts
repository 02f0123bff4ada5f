import { sql, type Kysely } from 'kysely';

// A regulator pack shared with a named regulator: that person may then read that one snapshot.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table report_share (
			report_snapshot_id bigint not null,
			user_id bigint not null,
			shared_by bigint,
			shared_by_label text not null,
			shared_at timestamptz not null default now(),
			constraint report_share_pk primary key (report_snapshot_id, user_id),
			constraint report_share_snapshot_fk foreign key (report_snapshot_id) references report_snapshot (id) on delete cascade,
			constraint report_share_user_fk foreign key (user_id) references app_user (id) on delete cascade,
			constraint report_share_shared_by_fk foreign key (shared_by) references app_user (id)
		)`.execute(db);
	await sql`create index report_share_user_ix on report_share (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table report_share`.execute(db);
}
