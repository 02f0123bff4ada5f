import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { systemActor } from '../../../src/lib/server/auth/actor';
import { openPGlite } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { loadShippedFrameworks } from '../../../src/lib/server/frameworks/service';
import { seedDemo, type SeedOutcome } from '../../../src/lib/server/seed/demo';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CACHE = path.join(root, 'node_modules', '.cache', 'beacon-test-templates');
/** What the templates are made of: a change to any file here makes a new pair. */
const SOURCES = ['src/lib', 'migrations', 'data', 'package-lock.json', 'tests/integration/setup/pglite-templates.ts'];

export interface PgliteTemplates {
	/** A data-directory tarball: the schema migrated, nothing else. */
	migrated: string;
	/** The same with the shipped frameworks and the demo loaded (what board-pack tests and the e2e server start from). */
	demo: string;
	/** What seedDemo reported when it made `demo`. */
	demoOutcome: SeedOutcome;
}

/**
 * The PGlite templates every integration file and the e2e server start from, built once and kept in
 * node_modules/.cache under a hash of their sources, so a run (or a rerun of one file) pays neither the
 * migrations nor the ten-second demo seed. Shared between the projects of one run through globalThis: each
 * project's set-up loads this module afresh.
 */
export function pgliteTemplates(): Promise<PgliteTemplates> {
	const shared = globalThis as { beaconPgliteTemplates?: Promise<PgliteTemplates> };
	shared.beaconPgliteTemplates ??= buildOrReuse();
	return shared.beaconPgliteTemplates;
}

async function buildOrReuse(): Promise<PgliteTemplates> {
	const dir = path.join(CACHE, sourceHash());
	const paths = { migrated: path.join(dir, 'migrated.tar'), demo: path.join(dir, 'demo.tar'), outcome: path.join(dir, 'demo-outcome.json') };
	if (!existsSync(paths.outcome)) await build(dir);
	return { migrated: paths.migrated, demo: paths.demo, demoOutcome: JSON.parse(readFileSync(paths.outcome, 'utf8')) as SeedOutcome };
}

/** Build into a directory of its own, then move it into place: another run finds a whole pair or none. */
async function build(dir: string): Promise<void> {
	const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
	mkdirSync(staging, { recursive: true });
	const database = await openPGlite('', { inMemory: true });
	let demo: Blob;
	try {
		const pglite = database.pglite;
		if (!pglite) throw new Error('expected a PGlite database');
		await migrateToLatest(database.db);
		writeFileSync(path.join(staging, 'migrated.tar'), Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
		const ctx = { db: database.db, actor: systemActor('test-template') };
		await loadShippedFrameworks(ctx);
		const outcome = await seedDemo(ctx);
		demo = await pglite.dumpDataDir('none');
		writeFileSync(path.join(staging, 'demo-outcome.json'), JSON.stringify(outcome));
	} finally {
		await database.close();
	}
	writeFileSync(path.join(staging, 'demo.tar'), await compacted(demo));
	// Older pairs are of sources that have changed since: only the newest is kept.
	for (const old of existsSync(CACHE) ? readdirSync(CACHE) : []) {
		if (!old.includes('.')) rmSync(path.join(CACHE, old), { recursive: true, force: true });
	}
	try {
		renameSync(staging, dir);
	} catch {
		// Another run moved its own (identical) pair into place first.
		rmSync(staging, { recursive: true, force: true });
	}
}

/**
 * The data directory again, without the write-ahead log the seed left behind: seeding fills eight 16 MB
 * segments, which PostgreSQL keeps for reuse, and every clone would copy them (237 MB; 136 MB without,
 * and opening a clone takes about 0.9 s instead of 1.8 s). Opened with the smallest log PostgreSQL allows,
 * a checkpoint, a switch to a new segment and another checkpoint let it remove the rest.
 */
async function compacted(dataDir: Blob): Promise<Buffer> {
	const pglite = await PGlite.create({
		loadDataDir: dataDir,
		extensions: { pgcrypto },
		startParams: [...PGlite.defaultStartParams, '-c', 'min_wal_size=32MB', '-c', 'max_wal_size=32MB']
	});
	try {
		await pglite.exec('checkpoint');
		await pglite.query('select pg_switch_wal()');
		await pglite.exec('checkpoint');
		return Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
	} finally {
		await pglite.close();
	}
}

/**
 * A hash of every source file's path, size and modification time (cheap, and changes when any file does),
 * and of the instance secret the demo's keyed hashes and audit chain were made with.
 */
function sourceHash(): string {
	const hash = createHash('sha256');
	hash.update(`${process.env.BEACON_SECRET ?? ''}\n`);
	const visit = (target: string) => {
		const stat = statSync(target, { throwIfNoEntry: false });
		if (!stat) return;
		if (stat.isDirectory()) {
			for (const entry of readdirSync(target).sort()) visit(path.join(target, entry));
		} else hash.update(`${path.relative(root, target)}\0${stat.size}\0${stat.mtimeMs}\n`);
	};
	for (const source of SOURCES) visit(path.join(root, source));
	return hash.digest('hex').slice(0, 16);
}
