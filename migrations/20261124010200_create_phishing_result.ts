import { sql, type Kysely } from 'kysely';

// A phishing exercise's results: one row for all staff, or one per staff group where the provider splits them.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table phishing_result (
			activity_id bigint not null,
			-- Empty for the whole exercise when the provider gives no split by staff group.
			staff_group text not null default '',
			emails_sent integer not null,
			clicked integer not null,
			credentials_entered integer,
			reported integer not null,
			constraint phishing_result_pk primary key (activity_id, staff_group),
			constraint phishing_result_activity_fk foreign key (activity_id) references assurance_activity (id) on delete cascade,
			constraint phishing_result_counts_ck check (
				emails_sent > 0 and clicked between 0 and emails_sent and reported between 0 and emails_sent
				and (credentials_entered is null or credentials_entered between 0 and clicked)),
			constraint phishing_result_group_ck check (length(staff_group) <= 100)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table phishing_result`.execute(db);
}
