import { sql, type Kysely } from 'kysely';

// People who sign in, and what they may do for which organisation.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table app_user (
			id bigint generated always as identity,
			email text not null,
			display_name text not null,
			is_active boolean not null default true,
			-- Raised to end every session of the user at once ("sign out everywhere", disable, role change).
			session_epoch integer not null default 0,
			password_hash text,
			oidc_issuer text,
			oidc_subject text,
			invited_at timestamptz,
			last_sign_in_at timestamptz,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			constraint app_user_pk primary key (id),
			constraint app_user_email_ck check (email = lower(btrim(email)) and email like '%_@_%'),
			constraint app_user_display_name_ck check (length(btrim(display_name)) between 1 and 200),
			constraint app_user_oidc_pair_ck check ((oidc_issuer is null) = (oidc_subject is null)),
			constraint app_user_session_epoch_ck check (session_epoch >= 0)
		)`.execute(db);
	await sql`create unique index app_user_email_uq on app_user (email)`.execute(db);
	await sql`create unique index app_user_oidc_uq on app_user (oidc_issuer, oidc_subject)`.execute(db);

	await sql`
		create table role_grant (
			id bigint generated always as identity,
			user_id bigint not null,
			organisation_id bigint,
			role text not null,
			granted_by bigint,
			created_at timestamptz not null default now(),
			constraint role_grant_pk primary key (id),
			constraint role_grant_user_fk foreign key (user_id) references app_user (id) on delete cascade,
			constraint role_grant_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint role_grant_granted_by_fk foreign key (granted_by) references app_user (id),
			constraint role_grant_role_ck check (role in ('admin', 'it_lead', 'board', 'regulator', 'assessor')),
			-- admin is instance-wide; every other role is held for one organisation (an ICB grant covers its trusts).
			constraint role_grant_scope_ck check ((role = 'admin') = (organisation_id is null)),
			constraint role_grant_uq unique nulls not distinct (user_id, organisation_id, role)
		)`.execute(db);
	await sql`create index role_grant_organisation_ix on role_grant (organisation_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table role_grant`.execute(db);
	await sql`drop table app_user`.execute(db);
}
