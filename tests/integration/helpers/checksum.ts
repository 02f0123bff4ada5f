import { sql, type Kysely } from 'kysely';

/**
 * Row count and an MD5 of every table's content, for "nothing changed" assertions. Values a row gets from
 * the clock (created_at and the like, and the audit chain's hashes, which cover its timestamps) are left
 * out so two identical loads compare equal; the row counts still cover them. import_rejection is left out:
 * a rejected import writes nothing of its file but, by design, a trace of the rejection (tested on its own).
 */
export async function checksumTables(db: Kysely<any>): Promise<Record<string, { rows: number; md5: string }>> {
	const tables = await sql<{ table_name: string }>`
		select table_name from information_schema.tables
		where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%' and table_name <> 'import_rejection'
		order by table_name`.execute(db);
	const result: Record<string, { rows: number; md5: string }> = {};
	for (const { table_name } of tables.rows) {
		const row = await sql<{ rows: number; md5: string }>`
			select count(*)::int as rows,
				md5(coalesce(string_agg(j::text, '|' order by j::text), '')) as md5
			from (select to_jsonb(t) - 'created_at' - 'updated_at' - 'loaded_at' - 'uploaded_at' - 'started_at' - 'generated_at' - 'occurred_at' - 'hash' - 'prev_hash' - 'last_hash' - 'last_sign_in_at' - 'password_hash' - 'refreshed_at' - 'finished_at' as j
				from ${sql.table(table_name)} t) s`.execute(db);
		const first = row.rows[0];
		if (first) result[table_name] = first;
	}
	return result;
}
