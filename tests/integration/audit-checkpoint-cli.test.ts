import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/lib/server/db/connect';
import { runCli } from './helpers/cli';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { tamperWithAudit } from './helpers/tamper';

let env: { DATABASE_URL?: string; BEACON_DATA_DIR?: string };
let database: TestDatabase | undefined;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-checkpoint-'));
	if (testBackend() === 'postgres') {
		database = await openTestDatabase();
		env = { DATABASE_URL: database.url };
	} else {
		env = { BEACON_DATA_DIR: path.join(dir, 'pglite') };
		expect((await runCli(['migrate'], { env })).code).toBe(0);
	}
}, 60_000);
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Change the database as its owner would, between CLI runs (PGlite: one process at a time). */
async function asOwner(...statements: string[]): Promise<void> {
	const db = testBackend() === 'postgres' ? database! : await openPGlite(env.BEACON_DATA_DIR!);
	try {
		await tamperWithAudit(db.db, ...statements);
	} finally {
		if (testBackend() === 'pglite') await db.close();
	}
}

describe(`audit checkpoint and verify --checkpoint on ${testBackend()}`, () => {
	it('writes a checkpoint, then catches a cut trail only with it, naming the file; a deleted head is exit 2', async () => {
		for (const ods of ['CQ1', 'CQ2']) expect((await runCli(['org', 'add', '--ods', ods, '--name', `Trust ${ods}`, '--kind', 'trust'], { env })).code).toBe(0);
		const file = path.join(dir, 'checkpoint.json');
		const taken = await runCli(['audit', 'checkpoint', '--out', file, '--json'], { env });
		expect(taken.code, taken.stderr).toBe(0);
		const checkpoint = JSON.parse(taken.stdout) as { eventId: number; events: number; digest: string };
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(checkpoint);
		expect(checkpoint.events).toBeGreaterThanOrEqual(2);
		expect(taken.stderr).toMatch(/keep it where the database's owner cannot change it/);

		const intact = await runCli(['audit', 'verify', '--checkpoint', file, '--json'], { env });
		expect(intact.code, intact.stderr).toBe(0);
		expect(JSON.parse(intact.stdout)).toEqual({ ok: true, events: checkpoint.events, checkpoints: 1 });

		const kept = checkpoint.eventId - 1;
		await asOwner(
			`delete from audit_event where id > ${kept}`,
			`update audit_head set last_event_id = ${kept}, last_hash = (select hash from audit_event where id = ${kept}), events = (select count(*) from audit_event)`
		);
		expect((await runCli(['audit', 'verify'], { env })).code).toBe(0);
		const caught = await runCli(['audit', 'verify', '--checkpoint', file, '--json'], { env });
		expect(caught.code).toBe(2);
		expect(JSON.parse(caught.stdout)).toMatchObject({
			ok: false,
			firstBadId: checkpoint.eventId,
			caughtBy: { source: 'checkpoint.json', eventId: checkpoint.eventId }
		});
		expect(caught.stderr).toMatch(/NOT intact at event \d+: the trail ends at event \d+, but checkpoint checkpoint\.json/);

		const forged = path.join(dir, 'forged.json');
		writeFileSync(forged, JSON.stringify({ ...checkpoint, eventId: kept }));
		const refused = await runCli(['audit', 'verify', '--checkpoint', forged], { env });
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/forged\.json: this checkpoint was not written by this Beacon/);
		expect((await runCli(['audit', 'verify', '--checkpoint', path.join(dir, 'absent.json')], { env })).code).toBe(1);

		await asOwner('delete from audit_head');
		const headless = await runCli(['audit', 'verify', '--json'], { env });
		expect(headless.code, headless.stderr).toBe(2);
		expect(JSON.parse(headless.stdout)).toMatchObject({ ok: false, reason: expect.stringMatching(/audit_head row\) is missing/) });
	}, 240_000);
});
