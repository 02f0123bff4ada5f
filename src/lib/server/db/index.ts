import { readDatabaseConfig } from '../config';
import { openDatabase, type Database } from './connect';

let opening: Promise<Database> | undefined;

/** The web server's one database handle, opened on first use and shared by every request. */
export function getDatabase(): Promise<Database> {
	opening ??= openDatabase(readDatabaseConfig());
	return opening;
}
