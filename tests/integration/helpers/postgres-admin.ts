import pg from 'pg';

/** Run one statement (CREATE or DROP DATABASE) on the server TEST_DATABASE_URL points at. */
export async function adminQuery(url: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** The same server and credentials, another database. */
export function databaseUrl(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}
