import { getScorecard } from '../../src/lib/server/scorecard/service';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRecordInput } from '../../src/lib/schemas/training';
import { createAction } from '../../src/lib/server/assessment/actions';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getOverview, getOverviewPage } from '../../src/lib/server/overview/page';
import { recordFinding } from '../../src/lib/server/assurance/findings';
import { NotFoundError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { openTestDatabase, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const AS_OF = '2025-03-31';
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor, clock: recordedLongAgo });
const staff = (n: number, completedOn?: string): TrainingRecordInput => ({
	staffKey: `ov-${String(n).padStart(6, '0')}`,
	staffGroup: 'Nursing',
	department: 'Wards',
	course: 'IG',
	isRequired: true,
	...(completedOn ? { completedOn } : {})
});
const grant = (role: 'board' | 'it_lead', ods: string, organisationId: number): Actor => ({
	kind: 'user',
	userId: 999_999,
	email: `${role}@example.nhs.uk`,
	name: role,
	grants: [{ role, organisationId, ods }]
});
const idOf = async (ods: string) =>
	Number((await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow()).id);

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'OV0', name: 'Overview ICB', kind: 'icb' });
	await createOrganisation(ctx(), { ods: 'OV1', name: 'First Trust', kind: 'trust', parentOds: 'OV0' });
	await createOrganisation(ctx(), { ods: 'OV2', name: 'Second Trust', kind: 'trust', parentOds: 'OV0' });
	// OV1: 9 of 10 trained by the date, 5 of 10 three months earlier.
	await createTrainingRecords(
		ctx(),
		'OV1',
		Array.from({ length: 10 }, (_, i) => staff(i + 1, i < 5 ? '2024-11-15' : i < 9 ? '2025-02-10' : undefined))
	);
	await saveSelfAssessment(ctx(), 'OV1', '2024-25', 'B6.b', { level: 'achieved' });
	await createAction(ctx(), 'OV1', '2024-25', 'A1.a', { title: 'Board review', owner: 'SIRO', dueOn: '2025-02-28' });
});
afterAll(async () => {
	await database?.close();
});

describe('the overview', () => {
	it('gives the status and heat map, headline figures with trends, top risks and changes over three months with no board pack', async () => {
		const o = await getOverview(ctx(), 'ov1', AS_OF);
		expect(o.scorecard).toMatchObject({ edition: '2024-25', status: 'Standards Not Met', outcomes: 47, gaps: 46 });
		expect(o.heatMap.flatMap((r) => r.cells)).toHaveLength(47);
		// Self-assessed Achieved; the data shows 90 %, Partially achieved: judged at the data's level, which meets
		// the profile, and flagged.
		const b6b = o.heatMap.find((r) => r.objective === 'B')!.cells.find((c) => c.id === 'B6.b')!;
		expect(b6b).toMatchObject({ state: 'meets', judged: 'Partially achieved', flagged: true });
		expect(o.risks.veracity.map((v) => v.id)).toEqual(['B6.b']);
		expect(o.risks.overdue).toEqual([expect.objectContaining({ outcome: 'A1.a', title: 'Board review', daysOverdue: 31 })]);
		expect(o.risks.gaps[0]!.id).toBe('B2.a');
		expect(o.metrics.training.completionRate).toMatchObject({ numerator: 9, denominator: 10 });
		expect(o.charts.map((c) => c.id)).toEqual(['training', 'devices', 'incidents', 'spend-ytd']);
		// The rollup runs from the first month with data to the last (February): March has no point.
		expect(o.charts[0]!.config.data.datasets[0]!.data.slice(-3)).toEqual([0.5, 0.9, null]);
		expect(o.changes).toMatchObject({ since: '2024-12-31', reportId: null });
		expect(o.changes.figures.find((f) => f.id === 'trainingRate')).toMatchObject({ before: 0.5, after: 0.9 });
		expect(o.trusts).toEqual([]);
	});

	it('measures changes from the last board pack generated on or before the date', async () => {
		const orgId = await idOf('OV1');
		const row = { organisation_id: orgId, kind: 'board' as const, period: '2024-25 Q3', data: JSON.stringify({}), data_sha256: 'a'.repeat(64) };
		await database.db
			.insertInto('report_snapshot')
			.values({ ...row, generated_at: new Date('2025-01-20T10:00:00Z') })
			.execute();
		await database.db
			.insertInto('report_snapshot')
			.values({ ...row, generated_at: new Date('2025-04-02T10:00:00Z') })
			.execute();
		const o = await getOverview(ctx(), 'OV1', AS_OF);
		expect(o.changes.since).toBe('2025-01-20');
		expect(o.changes.reportId).toMatch(/^[0-9a-f-]{36}$/);
		expect(o.changes.figures.find((f) => f.id === 'trainingRate')).toMatchObject({ before: 0.5, after: 0.9 });
	});

	it('shows an ICB its trusts side by side, and keeps one trust from another', async () => {
		const o = await getOverview(ctx(grant('board', 'OV0', await idOf('OV0'))), 'OV0', AS_OF);
		expect(o.trusts.map((t) => [t.ods, t.status, t.trainingRate])).toEqual([
			['OV1', 'Standards Not Met', 0.9],
			['OV2', 'Standards Not Met', null]
		]);
		// Read together for all the trusts, each row is what the trust's own overview says.
		for (const row of o.trusts) {
			const own = await getOverview(ctx(), row.ods, AS_OF);
			expect(row).toEqual({
				ods: own.org.ods,
				name: own.org.name,
				status: own.scorecard?.status ?? null,
				gaps: own.scorecard?.gaps ?? null,
				unplannedGaps: own.scorecard?.unplanned ?? null,
				flags: expect.any(Number),
				trainingRate: own.metrics.training.completionRate.value,
				compliantRate: own.metrics.devices.compliantRate?.value ?? null,
				incidents: own.metrics.incidents.total,
				icoReportable: own.metrics.incidents.icoReportable,
				devicesAsOf: own.metrics.devices.snapshot?.asOf ?? null
			});
			// Its veracity flags are its own scorecard's: outcomes self-assessed above the data.
			const card = await getScorecard(ctx(), row.ods, own.scorecard!.edition, AS_OF);
			expect(row.flags).toBe(card.outcomes.filter((x) => x.disagreement).length);
		}
		await expect(getOverview(ctx(grant('it_lead', 'OV2', await idOf('OV2'))), 'OV1', AS_OF)).rejects.toThrow(NotFoundError);
	});

	it('serves a repeated overview from its cache, and never a stale one after any of its data changes', async () => {
		await createOrganisation(ctx(), { ods: 'OV3', name: 'Cached Trust', kind: 'trust' });
		const first = await getOverview(ctx(), 'OV3', AS_OF);
		expect(await getOverview(ctx(), 'OV3', AS_OF)).toBe(first);
		await createTrainingRecords(ctx(), 'OV3', [staff(90, '2025-03-01'), staff(91)]);
		const trained = await getOverview(ctx(), 'OV3', AS_OF);
		expect(trained).not.toBe(first);
		expect(trained.metrics.training.completionRate).toMatchObject({ numerator: 1, denominator: 2 });
		await createAction(ctx(), 'OV3', '2024-25', 'A1.a', { title: 'Late', owner: 'SIRO', dueOn: '2025-01-31' });
		const planned = await getOverview(ctx(), 'OV3', AS_OF);
		expect(planned.risks.overdue.map((a) => a.title)).toEqual(['Late']);
		await saveSelfAssessment(ctx(), 'OV3', '2024-25', 'A1.a', { level: 'achieved' });
		expect((await getOverview(ctx(), 'OV3', AS_OF)).heatMap[0]!.cells[0]!.state).not.toBe('not_assessed');
		await setHeadcount(ctx(), 'OV3', { financialYear: 2024, headcount: 5_000 });
		expect((await getOverview(ctx(), 'OV3', AS_OF)).metrics.staff).toMatchObject({ count: 5_000, source: 'headcount' });
	});

	it('gives the page only its headline metrics with the record counts, cached until the data changes', async () => {
		await createOrganisation(ctx(), { ods: 'OV4', name: 'Page Trust', kind: 'trust', parentOds: 'OV0' });
		await createTrainingRecords(ctx(), 'OV4', [staff(95, '2025-03-01'), staff(96)]);
		const first = await getOverviewPage(ctx(), 'OV4', AS_OF);
		const full = await getOverview(ctx(), 'OV4', AS_OF);
		expect(first.overview.metrics.training).toEqual({ completionRate: full.metrics.training.completionRate, completed12m: 1 });
		expect(Object.keys(first.overview.metrics.training)).not.toContain('byDepartment');
		expect(first.overview.scorecard).toEqual(full.scorecard);
		expect(first.organisation).toMatchObject({ ods: 'OV4', parentOds: 'OV0', trainingRecords: 2, incidents: 0 });
		expect(await getOverviewPage(ctx(), 'OV4', AS_OF)).toBe(first);
		await recordFinding(ctx(), 'OV4', { reference: 'P-1', title: 'Open critical', severity: 'critical', raisedOn: '2025-03-01' });
		const after = await getOverviewPage(ctx(), 'OV4', AS_OF);
		expect(after).not.toBe(first);
		expect(after.overview.metrics.assurance).toMatchObject({ openCriticalHigh: 1, overdueFindings: 1 });
		await expect(getOverviewPage(ctx(grant('it_lead', 'OV2', await idOf('OV2'))), 'OV4', AS_OF)).rejects.toThrow(NotFoundError);
		// An ICB's page is built for its reader each time.
		const icb = await getOverviewPage(ctx(), 'OV0', AS_OF);
		expect(icb.overview.trusts.map((t) => t.ods)).toEqual(['OV1', 'OV4', 'OV2']);
		expect(await getOverviewPage(ctx(), 'OV0', AS_OF)).not.toBe(icb);
	});

	it("keeps each trust's row of its ICB's table until that trust's data changes, whoever reads it", async () => {
		await createOrganisation(ctx(), { ods: 'OV5', name: 'Row Trust', kind: 'trust', parentOds: 'OV0' });
		await createTrainingRecords(ctx(), 'OV5', [staff(97, '2025-03-01'), staff(98), staff(99)]);
		const rowOf = async (actor = ctx()) => (await getOverviewPage(actor, 'OV0', AS_OF)).overview.trusts.find((t) => t.ods === 'OV5');
		expect(await rowOf()).toMatchObject({ name: 'Row Trust', trainingRate: 1 / 3 });
		// A board member of the ICB reads the same row; an IT lead of another trust gets no ICB page at all.
		expect(await rowOf(ctx(grant('board', 'OV0', await idOf('OV0'))))).toMatchObject({ trainingRate: 1 / 3 });
		await createTrainingRecords(ctx(), 'OV5', [staff(100, '2025-02-01')]);
		expect(await rowOf()).toMatchObject({ trainingRate: 2 / 4 });
		expect((await getOverview(ctx(), 'OV0', AS_OF)).trusts.find((t) => t.ods === 'OV5')).toMatchObject({ trainingRate: 2 / 4 });
	});
});
