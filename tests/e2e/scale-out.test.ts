import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/lib/server/db/connect';
import { systemActor } from '../../src/lib/server/auth/actor';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { writeIntuneExport } from '../fixtures/intune-export';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';
import { startAppServer, type AppServer } from './helpers/app-server';
import { HttpSession, redirectPath, signIn } from './helpers/http';
import { createFixtures, TEST_PASSWORD, type Fixtures } from './setup/fixtures';

/**
 * Beacon scales out as stateless app servers on one PostgreSQL database: two servers here, with one secret
 * and one upload directory, as a load balancer would have them. What one server does, the other sees at once.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
// Later than any demo snapshot, so the import's snapshot is the one the overview of this date shows.
const AS_OF = '2026-12-06';

describe.skipIf(!adminUrl)('two app servers on one PostgreSQL database', () => {
	const name = `beacon_scale_${randomBytes(5).toString('hex')}`;
	let dir: string;
	let a: AppServer;
	let b: AppServer;
	let fixtures: Fixtures;
	const itLead = () => fixtures.principals.find((p) => p.key === 'it_lead@ZB1')!.email;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'beacon-scale-'));
		await adminQuery(adminUrl!, `create database ${name}`);
		const url = databaseUrl(adminUrl!, name);
		const database = openPostgres(url, 2);
		try {
			await migrateToLatest(database.db);
			const ctx = { db: database.db, actor: systemActor('e2e-setup') };
			await loadShippedFrameworks(ctx);
			await seedDemo(ctx);
			fixtures = JSON.parse(JSON.stringify(await createFixtures(database))) as Fixtures;
		} finally {
			await database.close();
		}
		const env = {
			DATABASE_URL: url,
			BEACON_SECRET: randomBytes(32).toString('base64url'),
			BEACON_UPLOAD_DIR: path.join(dir, 'uploads'),
			BEACON_LOCAL_ACCOUNTS: 'on'
		};
		[a, b] = await Promise.all([startAppServer('scale-a', env), startAppServer('scale-b', env)]);
	}, 300_000);
	afterAll(async () => {
		await Promise.all([a?.close(), b?.close()]);
		await adminQuery(adminUrl!, `drop database if exists ${name} with (force)`);
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	/** The same browser's cookies, sent to the other server (the load balancer's next pick). */
	function onOther(session: HttpSession, server: AppServer): HttpSession {
		const other = new HttpSession(server.baseUrl);
		for (const [k, v] of session.cookies) other.cookies.set(k, v);
		return other;
	}

	it('honours a session made on one server on the other, and a sign-out on one ends it on both', async () => {
		const onA = await signIn(a.baseUrl, itLead(), TEST_PASSWORD);
		const onB = onOther(onA, b);
		expect((await onB.request('/org/ZB1')).status).toBe(200);
		expect((await onA.request('/org/ZB1')).status).toBe(200);
		await onB.request('/signout', { form: {} });
		expect(redirectPath(await onA.request('/org/ZB1'))).toBe('/signin');
		expect(redirectPath(await onOther(onA, b).request('/org/ZB1'))).toBe('/signin');
	});

	it('imports through the other server an upload staged through one, and both show it at once, caches included', async () => {
		const onA = await signIn(a.baseUrl, itLead(), TEST_PASSWORD);
		const onB = onOther(onA, b);
		const figures = async (session: HttpSession) => {
			const html = await (await session.request(`/org/ZB1?asOf=${AS_OF}`)).text();
			return /data-field="headline-figures"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
		};
		// Each server has built and kept the overview before the import.
		const before = await figures(onA);
		expect(before).not.toBe('');
		expect(await figures(onB)).toBe(before);
		expect(await figures(onA)).toBe(before);

		const file = path.join(dir, 'intune-scale.csv');
		await writeIntuneExport(file, 40, { asOf: AS_OF });
		const form = new FormData();
		form.set('kind', 'devices');
		form.set('asOf', AS_OF);
		form.set('file', new Blob([readFileSync(file)], { type: 'text/csv' }), 'intune-scale.csv');
		const staged = await fetch(`${a.baseUrl}/org/ZB1/imports?/upload`, {
			method: 'POST',
			headers: { origin: a.baseUrl, accept: 'text/html', cookie: [...onA.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
			body: form,
			redirect: 'manual'
		});
		const stagedHtml = await staged.text();
		expect(staged.status, stagedHtml.slice(0, 500)).toBe(200);
		const uploadId = /name="uploadId" value="([^"]+)"/.exec(stagedHtml)?.[1];
		const main = (/<main[\s\S]*<\/main>/.exec(stagedHtml)?.[0] ?? stagedHtml).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(uploadId, `the preview offers the staged upload: ${main.slice(0, 1500)}`).toBeTruthy();

		const confirmed = await onB.request('/org/ZB1/imports?/confirm', {
			form: { uploadId: uploadId!, preset: 'intune', shownPreset: 'intune', asOf: AS_OF, acceptChange: 'on' }
		});
		// A snapshot this much smaller than the last is held back until the change is accepted, as the page's checkbox does.
		const outcome = await confirmed.text();
		expect(confirmed.status).toBe(200);
		expect(outcome).toMatch(/Imported 40 of 40 rows from intune-scale\.csv as batch \d+/);

		const snapshotDate = async (session: HttpSession) =>
			/data-field="snapshot-date">([^<]*)</.exec(await (await session.request(`/org/ZB1/devices?asOf=${AS_OF}`)).text())?.[1];
		expect(await snapshotDate(onA)).toBe('6 December 2026');
		expect(await snapshotDate(onB)).toBe('6 December 2026');
		const after = await figures(onA);
		expect(after).not.toBe(before);
		expect(after).toContain('Snapshot of 6 December 2026');
		expect(await figures(onB)).toBe(after);
		const history = await (await onA.request('/org/ZB1/imports')).text();
		expect(history).toContain('intune-scale.csv');
	});
});
