import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/schemas/user';
import { addEvidence } from '../../src/lib/server/assessment/evidence';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { getSubmissionState, reopenAssessment, submitAssessment } from '../../src/lib/server/assessment/submission';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { generateReport, shareReport, signOffReport } from '../../src/lib/server/reports/service';
import { listSharedWithMe } from '../../src/lib/server/reports/shared';
import { createUser } from '../../src/lib/server/users/service';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';
import { openTestDatabase, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const actors: Record<string, Actor> = {};
const PDF = new TextEncoder().encode('%PDF-1.4\n% evidence\n%%EOF\n');
// 23:30 on 13 March 2026 in London is still 13 March there (GMT): the date shown is England's.
const SUBMITTED_AT = new Date('2026-03-13T23:30:00Z');

async function userWith(role: Role, ods?: string): Promise<Actor> {
	const user = await createUser(ctx(), { email: `${role}@submission.example.nhs.uk`, name: `Sam ${role}`, grant: { role, ods } });
	const org = ods ? await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow() : null;
	return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role, organisationId: org?.id ?? null, ods: ods ?? null }] };
}

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'SU1', name: 'Submitting Trust', kind: 'trust' });
	actors.lead = await userWith('it_lead', 'SU1');
	actors.board = await userWith('board', 'SU1');
	actors.regulator = await userWith('regulator', 'SU1');
	actors.admin = await userWith('admin');
	await saveSelfAssessment(ctx(actors.lead), 'SU1', '2024-25', 'A1.a', { level: 'achieved', rationale: 'Board minutes', owner: 'SIRO' });
}, 60_000);
afterAll(async () => {
	await database?.close();
});

describe('submitting the DSPT assessment', () => {
	let packId: string;

	it('refuses to submit before the board has signed off a regulator pack of the edition', async () => {
		await expect(submitAssessment(ctx(actors.lead), 'SU1', '2024-25')).rejects.toThrow(/has not signed off a DSPT 2024-25 regulator pack/);
		packId = (await generateReport(ctx(actors.lead), 'SU1', 'regulator', '2024-25')).reportId;
		await expect(submitAssessment(ctx(actors.lead), 'SU1', '2024-25')).rejects.toThrow(ValidationError);
		// A signed-off board pack is not a regulator pack.
		const board = await generateReport(ctx(actors.lead), 'SU1', 'board', '2024-25');
		await signOffReport(ctx(actors.board), 'SU1', board.reportId, { name: 'Jo Chair', role: 'Chair', on: '2026-03-10' });
		await expect(submitAssessment(ctx(actors.lead), 'SU1', '2024-25')).rejects.toThrow(ValidationError);
		expect(await getSubmissionState(ctx(actors.lead), 'SU1', '2024-25')).toMatchObject({ status: 'draft', signedOffPack: null, canSubmit: false });
	}, 60_000);

	it('lets the IT lead submit once the board has signed it off, recording who and when, audited', async () => {
		await signOffReport(ctx(actors.board), 'SU1', packId, { name: 'Jo Chair', role: 'Chair', on: '2026-03-12' });
		expect(await getSubmissionState(ctx(actors.lead), 'SU1', '2024-25')).toMatchObject({
			status: 'draft',
			signedOffPack: { reportId: packId, period: '2024-25', on: '2026-03-12', by: 'Jo Chair' },
			canSubmit: true,
			canReopen: false
		});
		await expect(submitAssessment(ctx(actors.board), 'SU1', '2024-25')).rejects.toThrow(ForbiddenError);
		const state = await submitAssessment(ctx(actors.lead), 'SU1', '2024-25', SUBMITTED_AT);
		expect(state).toMatchObject({ status: 'submitted', submitted: { at: SUBMITTED_AT.toISOString(), by: 'Sam it_lead' }, canSubmit: false });
		const audit = await database.db.selectFrom('audit_event').select('summary').where('action', '=', 'assessment.submit').executeTakeFirstOrThrow();
		expect(audit.summary).toMatchObject({ edition: '2024-25', signedOffPack: packId, signedOffOn: '2026-03-12' });
		await expect(submitAssessment(ctx(actors.lead), 'SU1', '2024-25')).rejects.toThrow(ConflictError);
	});

	it('freezes the self-assessment and its evidence', async () => {
		await expect(saveSelfAssessment(ctx(actors.lead), 'SU1', '2024-25', 'A1.a', { level: 'partially_achieved' })).rejects.toThrow(/has been submitted/);
		await expect(addEvidence(ctx(actors.lead), 'SU1', '2024-25', 'A1.a', { name: 'late.pdf', bytes: PDF })).rejects.toThrow(/has been submitted/);
	});

	it('says in every later pack of the edition when and by whom it was submitted, and on the regulator’s home', async () => {
		const later = await generateReport(ctx(actors.lead), 'SU1', 'regulator', '2025-26');
		const row = await database.db.selectFrom('report_snapshot').select('data').where('report_id', '=', later.reportId).executeTakeFirstOrThrow();
		expect((row.data as { submission: unknown }).submission).toEqual({ at: SUBMITTED_AT.toISOString(), by: 'Sam it_lead' });
		if (hasPdfTools) expect(pdfText(later.pdf).replace(/\s+/g, ' ')).toContain('Submitted on 13 March 2026 by Sam it_lead.');
		await shareReport(ctx(actors.lead), 'SU1', later.reportId, 'regulator@submission.example.nhs.uk');
		const [shared] = await listSharedWithMe(ctx(actors.regulator));
		expect(shared).toMatchObject({ reportId: later.reportId, edition: '2024-25', submission: { on: SUBMITTED_AT.toISOString(), by: 'Sam it_lead' } });
	}, 60_000);

	it('lets only an administrator reopen it, with a reason, audited', async () => {
		await expect(reopenAssessment(ctx(actors.lead), 'SU1', '2024-25', 'a typo')).rejects.toThrow(ForbiddenError);
		await expect(reopenAssessment(ctx(actors.admin), 'SU1', '2024-25', '  ')).rejects.toThrow(ValidationError);
		expect((await getSubmissionState(ctx(actors.admin), 'SU1', '2024-25')).canReopen).toBe(true);
		const state = await reopenAssessment(ctx(actors.admin), 'SU1', '2024-25', 'The SIRO asked to correct A1.a');
		expect(state).toMatchObject({ status: 'draft', submitted: null, canReopen: false });
		const audit = await database.db.selectFrom('audit_event').select('summary').where('action', '=', 'assessment.reopen').executeTakeFirstOrThrow();
		expect(audit.summary).toEqual({
			edition: '2024-25',
			reason: 'The SIRO asked to correct A1.a',
			submittedAt: SUBMITTED_AT.toISOString(),
			submittedBy: 'Sam it_lead'
		});
		await saveSelfAssessment(ctx(actors.lead), 'SU1', '2024-25', 'A1.a', { level: 'partially_achieved', rationale: 'Corrected', owner: 'SIRO' });
		await expect(reopenAssessment(ctx(actors.admin), 'SU1', '2024-25', 'again')).rejects.toThrow(ConflictError);
	});
});
