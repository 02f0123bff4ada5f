import path from 'node:path';

/** Where Beacon keeps its data and which database it talks to, read once from the environment. */
export interface DatabaseConfig {
	/** PostgreSQL connection string; when absent Beacon runs on the embedded PGlite database. */
	databaseUrl: string | undefined;
	/** Directory of the embedded PGlite database. */
	dataDir: string;
}

export function readDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	const dataDir = path.resolve(env.BEACON_DATA_DIR?.trim() || path.join('data', 'pglite'));
	return { databaseUrl, dataDir };
}

export function readPort(env: NodeJS.ProcessEnv = process.env): number {
	const raw = env.PORT?.trim() || '3000';
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new Error(`PORT must be a whole number between 1 and 65535, not "${raw}"`);
	}
	return port;
}
