import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/schemas/user';
import { createAction, updateAction } from '../../src/lib/server/assessment/actions';
import { addEvidence, getEvidenceFile, removeEvidence } from '../../src/lib/server/assessment/evidence';
import { MAX_EVIDENCE_BYTES } from '../../src/lib/server/assessment/evidence-rules';
import { recordFinding } from '../../src/lib/server/assessment/findings';
import { getOutcomePage } from '../../src/lib/server/assessment/page-outcome';
import { getScorecardPage, scorecardPermissions } from '../../src/lib/server/assessment/page';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { createUser } from '../../src/lib/server/users/service';
import { openTestDatabase, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const AS_OF = '2025-03-31';
const SYSTEM = systemActor('test');
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let database: TestDatabase;
let dir: string;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor, clock: recordedLongAgo });
const actors: Record<string, Actor> = {};

async function userWith(role: Exclude<Role, 'admin'>, ods: string): Promise<Actor> {
	const user = await createUser(ctx(), { email: `${role}.${ods.toLowerCase()}@example.nhs.uk`, name: `${role} ${ods}`, grant: { role, ods } });
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role, organisationId: org.id, ods }] };
}

/** A small earlier edition, to compare with and to hold an outcome with no partial level. */
function writeEarlierEdition(): string {
	const file = path.join(dir, 'dspt-caf-2023-24.json');
	writeFileSync(
		file,
		JSON.stringify({
			formatVersion: 1,
			code: 'dspt-caf',
			edition: '2023-24',
			generation: 'caf',
			name: 'Test edition',
			source: 'test',
			objectives: [{ code: 'A', title: 'Managing risk' }],
			principles: [{ code: 'A1', parent: 'A', title: 'Governance' }],
			outcomes: [
				{ code: 'A1.a', parent: 'A1', title: 'Board direction', profile: { level: 'achieved', source: 'assumed' } },
				{ code: 'A1.z', parent: 'A1', title: 'Achieved or not', profile: { level: 'achieved', source: 'assumed' }, allowsPartial: false }
			]
		})
	);
	return file;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-assessment-'));
	await loadFramework(ctx(), CAF);
	await loadFramework(ctx(), writeEarlierEdition());
	await createOrganisation(ctx(), { ods: 'AS1', name: 'Assessed Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'AS2', name: 'Other Trust', kind: 'trust' });
	actors.lead = await userWith('it_lead', 'AS1');
	actors.board = await userWith('board', 'AS1');
	actors.assessor = await userWith('assessor', 'AS1');
	actors.otherLead = await userWith('it_lead', 'AS2');
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('self-assessment', () => {
	it('records an outcome and the scorecard reads it; saving again replaces it and both are audited', async () => {
		await saveSelfAssessment(ctx(actors.lead), 'as1', '2024-25', 'A1.a', {
			level: 'achieved',
			rationale: 'Board minutes',
			owner: 'SIRO',
			reviewOn: '2025-06-30'
		});
		let card = await getScorecard(ctx(), 'AS1', '2024-25', AS_OF);
		expect(card.outcomes.find((o) => o.id === 'A1.a')).toMatchObject({ self: 'Achieved', meetsProfile: true });
		await saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { level: 'not_achieved', rationale: 'Minutes missing', owner: 'SIRO', reviewOn: '' });
		card = await getScorecard(ctx(), 'AS1', '2024-25', AS_OF);
		expect(card.outcomes.find((o) => o.id === 'A1.a')).toMatchObject({ self: 'Not achieved', meetsProfile: false });
		const page = await getOutcomePage(ctx(actors.board), 'AS1', '2024-25', 'A1.a', AS_OF);
		expect(page.response).toMatchObject({ rationale: 'Minutes missing', owner: 'SIRO', reviewOn: null, updatedBy: 'it_lead AS1' });
		const audits = await database.db.selectFrom('audit_event').select(['summary']).where('action', '=', 'assessment.self_assess').orderBy('id').execute();
		expect(audits).toHaveLength(2);
		expect(audits[1]!.summary).toMatchObject({ outcome: 'A1.a', before: { self_level: 'achieved' }, after: { self_level: 'not_achieved' } });
	});

	it('confirms the B2.a hard gate, and refuses a gate answer on an outcome without one or a partial level where there is none', async () => {
		await saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'B2.a', { level: 'partially_achieved', hardGateMet: 'yes' });
		const card = await getScorecard(ctx(), 'AS1', '2024-25', AS_OF);
		expect(card.outcomes.find((o) => o.id === 'B2.a')).toMatchObject({ hardGateHeld: true, meetsProfile: true, gap: false });
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'A1.b', { level: 'achieved', hardGateMet: 'no' })).rejects.toThrow(/has no hard gate/);
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2023-24', 'A1.z', { level: 'partially_achieved' })).rejects.toThrow(/no partial level/);
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { level: 'mostly' as never })).rejects.toThrow(ValidationError);
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { reviewOn: '2025-02-30' })).rejects.toThrow(/reviewOn/);
	});

	it('lets only the organisation’s IT lead (or an administrator) change it; others are refused or do not see it', async () => {
		await expect(saveSelfAssessment(ctx(actors.board), 'AS1', '2024-25', 'A1.a', { level: 'achieved' })).rejects.toThrow(ForbiddenError);
		await expect(saveSelfAssessment(ctx(actors.assessor), 'AS1', '2024-25', 'A1.a', { level: 'achieved' })).rejects.toThrow(ForbiddenError);
		await expect(saveSelfAssessment(ctx(actors.otherLead), 'AS1', '2024-25', 'A1.a', { level: 'achieved' })).rejects.toThrow(NotFoundError);
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'Z9.z', { level: 'achieved' })).rejects.toThrow(/no outcome Z9\.z/);
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2031-32', 'A1.a', { level: 'achieved' })).rejects.toThrow(/no DSPT edition 2031-32/);
		expect(await scorecardPermissions(ctx(actors.lead), 'AS1')).toEqual({ canEdit: true, canAssess: false });
		expect(await scorecardPermissions(ctx(actors.assessor), 'AS1')).toEqual({ canEdit: false, canAssess: true });
		expect(await scorecardPermissions(ctx(actors.board), 'AS1')).toEqual({ canEdit: false, canAssess: false });
	});
});

describe('evidence files', () => {
	it('stores a file with its SHA-256, size and checked type, serves it back, and removes it', async () => {
		const { id, sha256 } = await addEvidence(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { name: 'C:\\minutes\\board-minutes.pdf', bytes: PDF });
		expect(sha256).toMatch(/^[0-9a-f]{64}$/);
		const file = await getEvidenceFile(ctx(actors.board), 'AS1', id);
		expect(file).toMatchObject({ fileName: 'board-minutes.pdf', mediaType: 'application/pdf', sha256 });
		expect(Buffer.from(file.content).equals(Buffer.from(PDF))).toBe(true);
		const page = await getOutcomePage(ctx(actors.assessor), 'AS1', '2024-25', 'A1.a', AS_OF);
		expect(page.evidence).toEqual([expect.objectContaining({ id, fileName: 'board-minutes.pdf', sizeBytes: PDF.length, sha256, uploadedBy: 'it_lead AS1' })]);
		await expect(getEvidenceFile(ctx(actors.otherLead), 'AS1', id)).rejects.toThrow(NotFoundError);
		await expect(getEvidenceFile(ctx(actors.otherLead), 'AS2', id)).rejects.toThrow(NotFoundError);
		await expect(removeEvidence(ctx(actors.board), 'AS1', id)).rejects.toThrow(ForbiddenError);
		await removeEvidence(ctx(actors.lead), 'AS1', id);
		await expect(getEvidenceFile(ctx(actors.lead), 'AS1', id)).rejects.toThrow(NotFoundError);
	});

	it('refuses empty, oversized, unlisted and disguised files, writing nothing', async () => {
		const before = await database.db
			.selectFrom('evidence_file')
			.select((e) => e.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const cases: [string, Uint8Array, RegExp][] = [
			['empty.pdf', new Uint8Array(0), /empty\.pdf is empty/],
			['huge.pdf', new Uint8Array(MAX_EVIDENCE_BYTES + 1).fill(0x25), /at most 20\.0 MB/],
			['script.exe', PDF, /evidence may be PDF/],
			['fake.pdf', new TextEncoder().encode('not a pdf'), /named as a PDF but its content is not one/],
			['binary.csv', new Uint8Array([0x41, 0x00, 0x42]), /named as a CSV/]
		];
		for (const [name, bytes, message] of cases) {
			await expect(addEvidence(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { name, bytes })).rejects.toThrow(message);
		}
		const after = await database.db
			.selectFrom('evidence_file')
			.select((e) => e.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});
});

describe('improvement plan', () => {
	it('adds actions, flags the overdue ones (due before the date, still to do) and rolls them up by objective', async () => {
		const due = { owner: 'Head of IT', status: 'open' as const };
		const late = await createAction(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { title: 'Minute the board’s review', dueOn: '2025-03-30', ...due });
		await createAction(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { title: 'Due on the day', dueOn: AS_OF, ...due });
		const done = await createAction(ctx(actors.lead), 'AS1', '2024-25', 'B2.a', { title: 'Roll out MFA', dueOn: '2025-01-01', ...due });
		await updateAction(ctx(actors.lead), 'AS1', done.id, {
			title: 'Roll out MFA',
			dueOn: '2025-01-01',
			owner: 'Head of IT',
			status: 'completed',
			progressNote: 'Live for all remote access'
		});
		const page = await getOutcomePage(ctx(actors.board), 'AS1', '2024-25', 'A1.a', AS_OF);
		expect(page.actions.map((a) => [a.title, a.overdue])).toEqual([
			['Minute the board’s review', true],
			['Due on the day', false]
		]);
		const mfa = await getOutcomePage(ctx(actors.board), 'AS1', '2024-25', 'B2.a', AS_OF);
		expect(mfa.actions[0]).toMatchObject({ status: 'completed', overdue: false, progressNote: 'Live for all remote access' });
		expect(mfa.actions[0]!.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

		const card = await getScorecardPage(ctx(actors.board), 'AS1', '2024-25', AS_OF);
		expect(card.plan.map((p) => p.objective)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(card.plan[0]).toMatchObject({ total: 2, open: 2, overdue: 1 });
		expect(card.plan[1]).toMatchObject({ total: 1, completed: 1, overdue: 0 });
		expect(card.counts.overdueActions).toBe(1);
		expect(card.objectives.find((o) => o.code === 'A')!.principles[0]!.outcomes[0]).toMatchObject({ id: 'A1.a', actionsToDo: 2, overdueActions: 1 });

		await expect(updateAction(ctx(actors.lead), 'AS2', late.id, { title: 'x' })).rejects.toThrow(NotFoundError);
		await expect(updateAction(ctx(actors.otherLead), 'AS2', late.id, { title: 'x' })).rejects.toThrow(/AS2 has no improvement action/);
		await expect(createAction(ctx(actors.board), 'AS1', '2024-25', 'A1.a', { title: 'x' })).rejects.toThrow(ForbiddenError);
		await expect(createAction(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { title: '   ' })).rejects.toThrow(/title/);
	});

	it('turns Standards Not Met into Approaching Standards once every gap has an action with an owner and a due date', async () => {
		await createOrganisation(ctx(), { ods: 'AS3', name: 'Planning Trust', kind: 'trust' });
		const all = await getScorecard(ctx(), 'AS3', '2024-25', AS_OF);
		expect(all.status).toBe('Standards Not Met');
		for (const outcome of all.outcomes.slice(0, -1)) {
			await createAction(ctx(), 'AS3', '2024-25', outcome.id, { title: `Assess ${outcome.id}`, owner: 'IG lead', dueOn: '2025-09-30' });
		}
		const last = all.outcomes.at(-1)!.id;
		const ownerless = await createAction(ctx(), 'AS3', '2024-25', last, { title: `Assess ${last}`, dueOn: '2025-09-30' });
		expect((await getScorecard(ctx(), 'AS3', '2024-25', AS_OF)).status).toBe('Standards Not Met');
		await updateAction(ctx(), 'AS3', ownerless.id, { title: `Assess ${last}`, dueOn: '2025-09-30', owner: 'IG lead' });
		expect((await getScorecard(ctx(), 'AS3', '2024-25', AS_OF)).status).toBe('Approaching Standards');
	});
});

describe('veracity findings and the scorecard page', () => {
	it('lets the assessor record a finding, newest first; others may not', async () => {
		await recordFinding(ctx(actors.assessor), 'AS1', '2024-25', 'A1.a', { verdict: 'insufficient_evidence', note: 'No minutes seen.' });
		await recordFinding(ctx(actors.assessor), 'AS1', '2024-25', 'A1.a', { verdict: 'supported', note: 'Minutes of 12 March seen.' });
		await expect(recordFinding(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { verdict: 'supported', note: 'self-certified' })).rejects.toThrow(ForbiddenError);
		await expect(recordFinding(ctx(actors.assessor), 'AS1', '2024-25', 'A1.a', { verdict: 'fine' as never, note: 'x' })).rejects.toThrow(/verdict/);
		const page = await getOutcomePage(ctx(actors.board), 'AS1', '2024-25', 'A1.a', AS_OF);
		expect(page.findings.map((f) => f.verdict)).toEqual(['supported', 'insufficient_evidence']);
		expect(page.findings[0]!.recordedBy).toBe('assessor.as1@example.nhs.uk');
		const card = await getScorecardPage(ctx(actors.board), 'AS1', '2024-25', AS_OF);
		expect(card.objectives.find((o) => o.code === 'A')!.principles[0]!.outcomes[0]!.finding).toBe('supported');
	});

	it('groups 47 outcomes under objectives A–E and compares with the previous edition loaded', async () => {
		const card = await getScorecardPage(ctx(actors.board), 'AS1', '2024-25', AS_OF);
		expect(card.objectives.map((o) => o.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(card.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes)).map((o) => o.id)).toEqual(card.scorecard.outcomes.map((o) => o.id));
		expect(card.counts).toMatchObject({ outcomes: 47, selfAssessed: 2 });
		expect(card.comparison).toMatchObject({ kind: 'edition', edition: '2023-24', asOf: '2024-03-31' });
		// The earlier edition has two outcomes: A1.a is in both, A1.z only there, the other 46 are new.
		const changes = card.comparison.result.changes;
		expect(changes.filter((c) => c.direction === 'added')).toHaveLength(46);
		expect(changes.find((c) => c.id === 'A1.z')).toMatchObject({ direction: 'removed' });
		expect(changes.find((c) => c.id === 'A1.a')).toMatchObject({ from: null, to: 'Not achieved', direction: 'improved' });
	});

	it('once the assessment is submitted, its self-assessment and evidence no longer change', async () => {
		await database.db.updateTable('assessment').set({ status: 'submitted', submitted_at: new Date() }).execute();
		await expect(saveSelfAssessment(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { level: 'achieved' })).rejects.toThrow(ConflictError);
		await expect(addEvidence(ctx(actors.lead), 'AS1', '2024-25', 'A1.a', { name: 'late.pdf', bytes: PDF })).rejects.toThrow(/has been submitted/);
	});
});

describe('the baseline comparison', () => {
	it('compares an edition with no earlier one loaded against its own self-assessment on the data a year earlier', async () => {
		await createOrganisation(ctx(), { ods: 'AS4', name: 'Baseline Trust', kind: 'trust' });
		const card = await getScorecardPage(ctx(), 'AS4', '2023-24', '2024-02-29');
		expect(card.comparison).toMatchObject({ kind: 'baseline', edition: '2023-24', asOf: '2023-02-28' });
		expect(card.comparison.result.changes).toEqual([]);
		expect(card.objectives).toHaveLength(1);
		expect(card.counts).toEqual({ outcomes: 2, meeting: 0, disagreements: 0, selfAssessed: 0, overdueActions: 0 });
	});
});
