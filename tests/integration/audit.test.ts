import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { exportAuditCsv, listAuditEvents, recordAudit, verifyAuditChain } from '../../src/lib/server/audit/service';
import { ForbiddenError } from '../../src/lib/server/errors';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { swapAuditEvents, tamperWithAudit } from './helpers/tamper';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const EVENTS = 40;

beforeEach(async () => {
	database = await openTestDatabase();
	for (let i = 1; i <= EVENTS; i++) {
		await recordAudit(ctx(), {
			action: 'test.event',
			entityType: 'thing',
			entityId: i === 3 ? '=HYPERLINK("x")' : i,
			summary: { n: i, when: new Date(Date.UTC(2026, 0, i)) }
		});
	}
});
afterEach(async () => {
	await database?.close();
});

// A random event other than the first, chosen afresh for each run, so every position gets tried over time.
const randomId = () => 2 + Math.floor(Math.random() * (EVENTS - 1));

describe(`audit trail on ${testBackend()}`, () => {
	it('verifies an intact chain', async () => {
		expect(await verifyAuditChain(ctx())).toEqual({ ok: true, events: EVENTS, firstBadId: null, reason: null, checkpoints: 0, caughtBy: null });
	});

	it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
		await expect(sql`update audit_event set action = 'x.y' where id = 1`.execute(database.db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_event where id = 1`.execute(database.db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
		expect((await verifyAuditChain(ctx())).ok).toBe(true);
	});

	it('names an altered event', async () => {
		const id = randomId();
		await tamperWithAudit(database.db, `update audit_event set summary = '{"n": 0}'::jsonb where id = ${id}`);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: id });
	});

	it('names the event after a removed one', async () => {
		const id = randomId();
		await tamperWithAudit(database.db, `delete from audit_event where id = ${id}`);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: id === EVENTS ? EVENTS : id + 1 });
	});

	it('catches removal of the newest event, which nothing links to', async () => {
		await tamperWithAudit(database.db, `delete from audit_event where id = ${EVENTS}`);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: EVENTS });
	});

	it('catches two events swapped', async () => {
		const a = randomId();
		const b = a === EVENTS ? a - 1 : a + 1;
		const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
		await swapAuditEvents(database.db, lo, hi);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: lo });
	});

	it('cannot be rewritten with the database alone: a recomputed unkeyed hash does not verify', async () => {
		const id = randomId();
		await tamperWithAudit(
			database.db,
			`update audit_event set summary = '{"n": 0}'::jsonb, hash = encode(sha256(convert_to(json_build_array(id, summary, prev_hash)::text, 'UTF8')), 'hex') where id = ${id}`
		);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: id });
	});

	it('catches an event inserted beyond the recorded end of the trail', async () => {
		await sql`insert into audit_event (id, actor_label, action, summary, prev_hash, hash) overriding system value
			select ${EVENTS + 5}, 'forger', 'user.grant', '{}'::jsonb, hash, repeat('a', 64) from audit_event where id = ${EVENTS}`.execute(database.db);
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: EVENTS + 5 });
	});

	it('keeps appending a valid chain from concurrent writers', async () => {
		await Promise.all(Array.from({ length: 10 }, (_, i) => recordAudit(ctx(), { action: 'test.concurrent', summary: { i } })));
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: true, events: EVENTS + 10 });
	});

	it('filters for the audit page and exports CSV with formulas neutralised; only administrators may read it', async () => {
		const events = await listAuditEvents(ctx(), { action: 'test', limit: 5 });
		expect(events.map((e) => e.id)).toEqual([40, 39, 38, 37, 36]);
		const csv = await exportAuditCsv(ctx(), { action: 'test.event' });
		expect(csv.split('\n')[0]).toBe('id,occurred_at,actor,organisation,action,entity_type,entity_id,summary');
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
		expect(csv).not.toMatch(/(^|,)"?=/m);
		const board = { kind: 'user' as const, userId: 1, email: 'b@x.nhs.uk', name: 'B', grants: [{ role: 'board' as const, organisationId: 1, ods: 'X' }] };
		await expect(listAuditEvents({ db: database.db, actor: board })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(verifyAuditChain({ db: database.db, actor: board })).rejects.toBeInstanceOf(ForbiddenError);
	});
});
