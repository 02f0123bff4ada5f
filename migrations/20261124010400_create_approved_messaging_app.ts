import { sql, type Kysely } from 'kysely';

// The secure messaging apps an organisation has approved, with their active users where the vendor reports them.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table approved_messaging_app (
			id bigint generated always as identity,
			organisation_id bigint not null,
			name text not null,
			active_users integer,
			active_users_on date,
			added_by bigint,
			added_at timestamptz not null default now(),
			constraint approved_messaging_app_pk primary key (id),
			constraint approved_messaging_app_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint approved_messaging_app_added_by_fk foreign key (added_by) references app_user (id),
			constraint approved_messaging_app_name_ck check (length(btrim(name)) between 1 and 100),
			constraint approved_messaging_app_users_ck check (
				(active_users is null) = (active_users_on is null) and (active_users is null or active_users >= 0))
		)`.execute(db);
	await sql`create unique index approved_messaging_app_name_uq on approved_messaging_app (organisation_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table approved_messaging_app`.execute(db);
}
