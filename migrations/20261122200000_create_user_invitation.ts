import { sql, type Kysely } from 'kysely';

// An administrator's invitation: the only way a person's first single sign-on is accepted. The link
// carries a random token; only its SHA-256 is stored.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table user_invitation (
			id bigint generated always as identity,
			user_id bigint not null,
			token_sha256 text not null,
			created_by bigint,
			created_at timestamptz not null default now(),
			expires_at timestamptz not null,
			accepted_at timestamptz,
			constraint user_invitation_pk primary key (id),
			constraint user_invitation_user_fk foreign key (user_id) references app_user (id) on delete cascade,
			constraint user_invitation_created_by_fk foreign key (created_by) references app_user (id),
			constraint user_invitation_token_uq unique (token_sha256),
			constraint user_invitation_token_ck check (token_sha256 ~ '^[0-9a-f]{64}$'),
			constraint user_invitation_expiry_ck check (expires_at > created_at)
		)`.execute(db);
	await sql`create index user_invitation_user_ix on user_invitation (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table user_invitation`.execute(db);
}
