import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { systemActor } from '../../src/lib/server/auth/actor';
import { makeCheckpoint } from '../../src/lib/server/audit/checkpoint';
import { readCheckpointFile } from '../../src/lib/server/audit/checkpoint-file';
import { recordAudit, takeAuditCheckpoint, verifyAuditChain } from '../../src/lib/server/audit/service';
import { ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { generateReport } from '../../src/lib/server/reports/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { tamperWithAudit } from './helpers/tamper';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });
let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-checkpoint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the table's owner can do: drop the newest events and rewind the head to the one before them. */
async function cutBackTo(lastKept: number): Promise<void> {
	await tamperWithAudit(
		database.db,
		`delete from audit_event where id > ${lastKept}`,
		`update audit_head set last_event_id = ${lastKept}, last_hash = (select hash from audit_event where id = ${lastKept}),
			events = (select count(*) from audit_event)`
	);
}

async function record(n: number, action = 'test.event'): Promise<void> {
	for (let i = 0; i < n; i++) await recordAudit(ctx(), { action, summary: { i } });
}

describe(`audit checkpoints on ${testBackend()}`, () => {
	beforeEach(async () => {
		database = await openTestDatabase();
		await record(40);
	});
	afterEach(async () => {
		await database?.close();
	});

	it('catches the newest events removed and the head rewound, which the trail alone cannot show, naming the checkpoint', async () => {
		const kept = { source: 'kept.json', checkpoint: await takeAuditCheckpoint(ctx()) };
		expect(kept.checkpoint).toMatchObject({ eventId: 40, events: 40 });
		await cutBackTo(33);
		// Against itself the cut trail is consistent: this is why the checkpoint must live elsewhere.
		expect((await verifyAuditChain(ctx())).ok).toBe(true);
		expect(await verifyAuditChain(ctx(), [kept])).toMatchObject({
			ok: false,
			firstBadId: 40,
			checkpoints: 1,
			caughtBy: { source: 'kept.json', eventId: 40, at: kept.checkpoint.at },
			reason: expect.stringMatching(/ends at event 33, but checkpoint kept\.json .* reached event 40: events were removed from its end/)
		});
	});

	it('catches a trail emptied, its head reset and new events written, naming the earliest checkpoint it breaks', async () => {
		const early = { source: 'early.json', checkpoint: makeCheckpoint({ lastEventId: 3, lastHash: await hashOf(3), events: 3 }, new Date()) };
		const late = { source: 'late.json', checkpoint: await takeAuditCheckpoint(ctx()) };
		await tamperWithAudit(
			database.db,
			'delete from audit_event',
			'alter table audit_event alter column id restart with 1',
			'update audit_head set last_event_id = null, last_hash = null, events = 0'
		);
		expect((await verifyAuditChain(ctx())).ok).toBe(true);
		await record(5, 'test.after_reset');
		expect((await verifyAuditChain(ctx())).ok).toBe(true);
		expect(await verifyAuditChain(ctx(), [late, early])).toMatchObject({
			ok: false,
			firstBadId: 3,
			caughtBy: { source: 'early.json', eventId: 3 },
			reason: expect.stringMatching(/event 3 is not the event checkpoint early\.json .* recorded: the trail was reset or rewritten/)
		});
		expect(await verifyAuditChain(ctx(), [late])).toMatchObject({ ok: false, firstBadId: 40, caughtBy: { source: 'late.json' } });
	});

	it('passes an intact trail that has grown since the checkpoint', async () => {
		const kept = { source: 'kept.json', checkpoint: await takeAuditCheckpoint(ctx()) };
		await record(3);
		expect(await verifyAuditChain(ctx(), [kept])).toEqual({ ok: true, events: 43, firstBadId: null, reason: null, checkpoints: 1, caughtBy: null });
	});

	it('reports a deleted head row as tampering, not a failure', async () => {
		await sql`delete from audit_head`.execute(database.db);
		expect(await verifyAuditChain(ctx())).toMatchObject({
			ok: false,
			events: 40,
			firstBadId: 40,
			reason: expect.stringMatching(/audit_head row\) is missing/)
		});
	});

	it('refuses a checkpoint this Beacon did not write, and a file that holds none, naming the file', async () => {
		const genuine = await takeAuditCheckpoint(ctx());
		const altered = { ...genuine, eventId: 39 };
		await expect(verifyAuditChain(ctx(), [{ source: 'altered.json', checkpoint: altered }])).rejects.toThrow(
			/altered\.json: this checkpoint was not written by this Beacon/
		);
		const foreign = makeCheckpoint({ lastEventId: 40, lastHash: genuine.hash, events: 40 }, new Date(genuine.at), 'another instance secret');
		await expect(verifyAuditChain(ctx(), [{ source: 'foreign.json', checkpoint: foreign }])).rejects.toBeInstanceOf(ValidationError);
		const file = path.join(dir, 'kept.json');
		writeFileSync(file, JSON.stringify(genuine));
		expect(await readCheckpointFile(file)).toEqual({ source: 'kept.json', checkpoint: genuine });
		const notOne = path.join(dir, 'notes.json');
		writeFileSync(notOne, JSON.stringify({ eventId: 40 }));
		await expect(readCheckpointFile(notOne)).rejects.toThrow(/^notes\.json: not a Beacon audit checkpoint/);
		writeFileSync(notOne, '%PDF-1.7 nothing here');
		await expect(readCheckpointFile(notOne)).rejects.toThrow(/notes\.json: this PDF carries no audit checkpoint/);
	});
});

async function hashOf(id: number): Promise<string> {
	const row = await database.db.selectFrom('audit_event').select('hash').where('id', '=', id).executeTakeFirstOrThrow();
	return row.hash;
}

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));

describe(`checkpoints frozen with report packs on ${testBackend()}`, () => {
	let pdfFile: string;
	let zipFile: string;
	let packCheckpointId: number;
	let reportId: string;
	beforeAll(async () => {
		database = await openTestDatabase();
		await loadFramework(ctx(), CAF);
		await createOrganisation(ctx(), { ods: 'CP1', name: 'Checkpoint Trust', kind: 'trust' });
		await saveSelfAssessment(ctx(), 'CP1', '2024-25', 'B6.b', { level: 'partially_achieved', rationale: 'Training records', owner: 'IG lead' });
		const before = await takeAuditCheckpoint(ctx());
		const pack = await generateReport(ctx(), 'CP1', 'regulator', '2024-25');
		reportId = pack.reportId;
		pdfFile = path.join(dir, 'pack.pdf');
		zipFile = path.join(dir, 'bundle.zip');
		writeFileSync(pdfFile, pack.pdf);
		writeFileSync(zipFile, pack.bundle!);
		packCheckpointId = before.eventId;
		await record(5);
	}, 120_000);
	afterAll(async () => {
		await database?.close();
	});

	it('puts the same checkpoint, of the trail as the pack was made, in the PDF, the bundle manifest and the snapshot', async () => {
		const fromPdf = await readCheckpointFile(pdfFile);
		const fromZip = await readCheckpointFile(zipFile);
		expect(fromPdf.checkpoint).toMatchObject({ eventId: packCheckpointId });
		expect(fromZip.checkpoint).toEqual(fromPdf.checkpoint);
		const stored = await database.db.selectFrom('report_snapshot').select('audit_checkpoint').where('report_id', '=', reportId).executeTakeFirstOrThrow();
		expect(stored.audit_checkpoint).toEqual(fromPdf.checkpoint);
		expect(await verifyAuditChain(ctx(), [fromPdf, fromZip])).toMatchObject({ ok: true, checkpoints: 3 });
	});

	it('catches a cut below a pack with no file given, and after the stored checkpoints are wiped, with the PDF or bundle', async () => {
		await cutBackTo(packCheckpointId - 2);
		expect(await verifyAuditChain(ctx())).toMatchObject({
			ok: false,
			firstBadId: packCheckpointId,
			caughtBy: { source: `regulator pack ${reportId} (CP1, 2024-25)`, eventId: packCheckpointId }
		});
		await database.db
			.updateTable('report_snapshot')
			.set({ audit_checkpoint: sql`jsonb_set(audit_checkpoint, '{eventId}', '1')` })
			.execute();
		expect(await verifyAuditChain(ctx())).toMatchObject({ ok: false, firstBadId: null, reason: expect.stringMatching(/changed in the database/) });
		await database.db.updateTable('report_snapshot').set({ audit_checkpoint: null }).execute();
		expect((await verifyAuditChain(ctx())).ok).toBe(true);
		for (const file of [pdfFile, zipFile]) {
			const kept = await readCheckpointFile(file);
			expect(await verifyAuditChain(ctx(), [kept])).toMatchObject({ ok: false, firstBadId: packCheckpointId, caughtBy: { source: path.basename(file) } });
		}
	});
});
