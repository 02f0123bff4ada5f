import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/schemas/user';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { generateReport, getReportBundle, getReportPdf, listReports, shareReport, signOffReport } from '../../src/lib/server/reports/service';
import { verifyPdf, verifyReportId } from '../../src/lib/server/reports/verify';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { createUser } from '../../src/lib/server/users/service';
import { hasPdfTools, pdfText, qpdfCheck } from '../helpers/pdf-tools';
import { openTestDatabase, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const actors: Record<string, Actor> = {};

async function userWith(role: Exclude<Role, 'admin'>, ods: string): Promise<Actor> {
	const user = await createUser(ctx(), { email: `${role}.${ods.toLowerCase()}@example.nhs.uk`, name: `${role} ${ods}`, grant: { role, ods } });
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role, organisationId: org.id, ods }] };
}

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'RP1', name: 'Report Test Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'RP2', name: 'Other Report Trust', kind: 'trust' });
	await createTrainingRecords(
		ctx(),
		'RP1',
		Array.from({ length: 20 }, (_, i) => ({
			staffKey: `rp-${String(i).padStart(6, '0')}`,
			staffGroup: 'Nursing',
			department: 'Wards',
			course: 'IG',
			isRequired: true,
			...(i < 18 ? { completedOn: '2025-02-01' } : {})
		}))
	);
	await saveSelfAssessment(ctx(), 'RP1', '2024-25', 'B6.b', { level: 'partially_achieved', rationale: 'Training records from ESR', owner: 'IG lead' });
	for (const [role, ods] of [
		['it_lead', 'RP1'],
		['board', 'RP1'],
		['regulator', 'RP1'],
		['it_lead', 'RP2']
	] as const)
		actors[`${role}@${ods}`] = await userWith(role, ods);
}, 60_000);
afterAll(async () => {
	await database?.close();
});

describe('generating and freezing packs', () => {
	let board: Awaited<ReturnType<typeof generateReport>>;
	beforeAll(async () => {
		board = await generateReport(ctx(actors['it_lead@RP1']), 'rp1', 'board', '2024-25');
	}, 60_000);

	it('stores the data and the PDF, and gives back the same bytes on every download', async () => {
		expect(board).toMatchObject({ kind: 'board', period: '2024-25' });
		expect(board.sha256).toBe(sha256Hex(board.pdf));
		expect(board.pages).toBeGreaterThan(1);
		const again = await getReportPdf(ctx(actors['board@RP1']), 'RP1', board.reportId);
		expect(again.bytes.equals(board.pdf)).toBe(true);
		expect(again.fileName).toBe(`beacon-board-pack-RP1-2024-25-${board.reportId.slice(0, 8)}.pdf`);
		const [listed] = await listReports(ctx(actors['board@RP1']), 'RP1');
		expect(listed).toMatchObject({ reportId: board.reportId, kind: 'board', pages: board.pages, bytes: board.pdf.length, sha256: board.sha256, signOff: null });
		const stored = await database.db
			.selectFrom('report_snapshot')
			.select(['data', 'data_sha256'])
			.where('report_id', '=', board.reportId)
			.executeTakeFirstOrThrow();
		expect(stored.data_sha256).toBe(board.dataSha256);
		const audit = await database.db.selectFrom('audit_event').select('summary').where('action', '=', 'report.generate').executeTakeFirstOrThrow();
		expect(audit.summary).toMatchObject({ kind: 'board', sha256: board.sha256 });
	});

	it.skipIf(!hasPdfTools)('is a valid PDF whose text names the organisation, the period and the report id', () => {
		expect(qpdfCheck(board.pdf).ok).toBe(true);
		const text = pdfText(board.pdf);
		expect(text).toContain('Report Test Trust');
		expect(text).toContain('2024-25');
		expect(text).toContain(board.reportId);
	});

	it('makes a regulator pack with a bundle that downloads again identical, its manifest hashing every file', async () => {
		const pack = await generateReport(ctx(), 'RP1', 'regulator', '2024-25');
		expect(pack.bundle).not.toBeNull();
		const again = await getReportBundle(ctx(actors['it_lead@RP1']), 'RP1', pack.reportId);
		expect(again.bytes.equals(pack.bundle!)).toBe(true);
		const files = unzipSync(new Uint8Array(again.bytes));
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { name: string; sha256: string }[] };
		expect(manifest.files.length).toBeGreaterThanOrEqual(3);
		for (const f of manifest.files) expect(sha256Hex(files[f.name]!), f.name).toBe(f.sha256);
		await expect(getReportBundle(ctx(), 'RP1', board.reportId)).rejects.toThrow(/has no bundle/);
	}, 60_000);

	it('refuses a period that is not a financial year or has not started, and anyone but the IT lead', async () => {
		await expect(generateReport(ctx(), 'RP1', 'board', '2024-26')).rejects.toThrow(ValidationError);
		await expect(generateReport(ctx(), 'RP1', 'board', '2090-91')).rejects.toThrow(/has not started/);
		await expect(generateReport(ctx(), 'RP1', 'annual', '2024-25')).rejects.toThrow(/board or regulator/);
		await expect(generateReport(ctx(actors['board@RP1']), 'RP1', 'board', '2024-25')).rejects.toThrow(ForbiddenError);
		await expect(generateReport(ctx(actors['it_lead@RP2']), 'RP1', 'board', '2024-25')).rejects.toThrow(NotFoundError);
	});
});

describe('verification, sign-off and sharing', () => {
	let board: Awaited<ReturnType<typeof generateReport>>;
	let regulator: Awaited<ReturnType<typeof generateReport>>;
	beforeAll(async () => {
		board = await generateReport(ctx(), 'RP1', 'board', '2024-25');
		regulator = await generateReport(ctx(), 'RP1', 'regulator', '2024-25');
	}, 60_000);

	it('knows its own PDFs, and a changed byte makes a copy not authentic', async () => {
		expect(await verifyPdf(database.db, board.pdf)).toMatchObject({
			outcome: 'authentic',
			authentic: true,
			reportId: board.reportId,
			org: { ods: 'RP1', name: 'Report Test Trust' },
			kind: 'board',
			period: '2024-25'
		});
		const tampered = Buffer.from(board.pdf);
		tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
		expect(await verifyPdf(database.db, tampered)).toMatchObject({ outcome: 'altered', authentic: false, reportId: board.reportId });
		expect(await verifyPdf(database.db, Buffer.from('%PDF-1.4 not ours'))).toMatchObject({ outcome: 'unknown', authentic: false, org: null });
		expect(await verifyReportId(database.db, board.reportId.toUpperCase())).toMatchObject({ outcome: 'issued', authentic: false, org: { ods: 'RP1' } });
		expect(await verifyReportId(database.db, '00000000-0000-4000-8000-000000000000')).toMatchObject({ outcome: 'unknown', org: null });
		expect(await verifyReportId(database.db, 'not-an-id')).toMatchObject({
			outcome: 'malformed',
			authentic: false,
			message: expect.stringMatching(/not a report id/)
		});
	});

	it('records the board sign-off once, audited, without changing the PDF', async () => {
		await expect(signOffReport(ctx(actors['it_lead@RP1']), 'RP1', board.reportId, { name: 'A', role: 'Chair', on: '2025-05-01' })).rejects.toThrow(
			ForbiddenError
		);
		await signOffReport(ctx(actors['board@RP1']), 'RP1', board.reportId, { name: 'Jo Chair', role: 'Chair', on: '2025-05-01', comment: 'Approved' });
		await expect(signOffReport(ctx(actors['board@RP1']), 'RP1', board.reportId, { name: 'Jo Chair', role: 'Chair', on: '2025-05-02' })).rejects.toThrow(
			ConflictError
		);
		const listed = (await listReports(ctx(actors['board@RP1']), 'RP1')).find((r) => r.reportId === board.reportId);
		expect(listed?.signOff).toEqual({ name: 'Jo Chair', role: 'Chair', on: '2025-05-01', comment: 'Approved', recordedBy: 'board RP1' });
		// /verify says when the board signed it off and who recorded it, by id as for the file itself.
		const expected = { on: '2025-05-01', name: 'Jo Chair', role: 'Chair', recordedBy: 'board RP1' };
		expect((await verifyReportId(database.db, board.reportId)).boardSignOff).toEqual(expected);
		expect((await verifyPdf(database.db, board.pdf)).boardSignOff).toEqual(expected);
		expect((await getReportPdf(ctx(), 'RP1', board.reportId)).bytes.equals(board.pdf)).toBe(true);
		await expect(signOffReport(ctx(actors['board@RP1']), 'RP1', board.reportId, { name: '', role: 'Chair', on: '2025-13-01' })).rejects.toThrow(
			ValidationError
		);
	});

	it('lets a regulator read a regulator pack only once it is shared with them', async () => {
		const reg = actors['regulator@RP1']!;
		// Nothing of RP1 is shared with them yet: to them, RP1 is not there.
		await expect(listReports(ctx(reg), 'RP1')).rejects.toThrow(NotFoundError);
		await expect(getReportPdf(ctx(reg), 'RP1', regulator.reportId)).rejects.toThrow(NotFoundError);
		await expect(shareReport(ctx(actors['it_lead@RP1']), 'RP1', board.reportId, 'regulator.rp1@example.nhs.uk')).rejects.toThrow(/only a regulator pack/);
		await expect(shareReport(ctx(actors['it_lead@RP1']), 'RP1', regulator.reportId, 'board.rp1@example.nhs.uk')).rejects.toThrow(/no active regulator/);
		await shareReport(ctx(actors['it_lead@RP1']), 'RP1', regulator.reportId, 'Regulator.RP1@example.nhs.uk');
		expect((await listReports(ctx(reg), 'RP1')).map((r) => r.reportId)).toEqual([regulator.reportId]);
		expect((await getReportPdf(ctx(reg), 'RP1', regulator.reportId)).bytes.equals(regulator.pdf)).toBe(true);
		await expect(getReportPdf(ctx(reg), 'RP1', board.reportId)).rejects.toThrow(NotFoundError);
		await expect(getReportPdf(ctx(actors['it_lead@RP2']), 'RP1', regulator.reportId)).rejects.toThrow(NotFoundError);
		await expect(getReportPdf(ctx(), 'RP2', regulator.reportId)).rejects.toThrow(/RP2 has no report/);
	});
});
