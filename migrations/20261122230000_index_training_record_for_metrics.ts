import { sql, type Kysely } from 'kysely';

// Training completion groups an organisation's required records by person on every metrics read. This
// index holds them in person order (byte order, whatever the database collation) with every column the
// metric reads, so the grouping streams over an index-only scan instead of sorting ~20,000 text keys.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create index training_record_metrics_ix on training_record (organisation_id, staff_key collate "C")
			include (staff_group, department, is_board_member, completed_on)
			where is_required`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index training_record_metrics_ix`.execute(db);
}
