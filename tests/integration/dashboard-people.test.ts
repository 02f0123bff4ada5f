import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRecordInput } from '../../src/lib/schemas/training';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { today } from '../../src/lib/server/db/day';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const AS_OF = '2025-03-31';
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const staff = (n: number, staffGroup: string, department: string, completedOn?: string, extra: Partial<TrainingRecordInput> = {}): TrainingRecordInput => ({
	staffKey: `pp-${String(n).padStart(6, '0')}`,
	staffGroup,
	department,
	course: 'IG',
	isRequired: true,
	...(completedOn ? { completedOn } : {}),
	...extra
});
const board = (ods: string, organisationId: number): Actor => ({
	kind: 'user',
	userId: 999_999,
	email: 'board@example.nhs.uk',
	name: 'Board',
	grants: [{ role: 'board', organisationId, ods }]
});
const idOf = async (ods: string) =>
	Number((await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow()).id);

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'PP1', name: 'People Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'PP2', name: 'Empty Trust', kind: 'trust' });
	await createTrainingRecords(ctx(), 'PP1', [
		staff(1, 'Nursing', 'Wards', '2024-06-01'),
		staff(2, 'Nursing', 'Wards', '2025-01-10'),
		staff(3, 'Nursing', 'Wards'),
		staff(4, 'Nursing', 'Wards', '2023-05-01'), // outside the window as of the date, inside it in April 2024
		staff(5, 'Nursing', 'Theatres', '2024-12-01'),
		staff(6, 'Medical', 'Surgery', AS_OF),
		staff(7, 'Medical', 'Surgery'),
		staff(8, 'Admin', 'Board', '2024-10-01', { isBoardMember: true }),
		staff(9, 'Admin', 'Board', undefined, { isBoardMember: true }),
		staff(10, 'Nursing', 'Wards', '2024-10-01', { isRequired: false }), // not required: counted nowhere
		// Two posts: counted once, under Medical / Surgery (the first in byte order), trained by either record.
		staff(11, 'Nursing', 'Wards'),
		staff(11, 'Medical', 'Surgery', '2024-08-01')
	]);
});
afterAll(async () => {
	await database?.close();
});

describe(`the People page read model on ${testBackend()}`, () => {
	it('gives completion as the metrics service does, and overdue counts per staff group × department that add up to it', async () => {
		const p = await getPeoplePage(ctx(), 'pp1', { asOf: AS_OF });
		const metrics = await getOrganisationMetrics(ctx(), 'PP1', AS_OF);
		expect(p).toMatchObject({ org: 'PP1', name: 'People Trust', asOf: AS_OF, target: 0.95, group: null, unknownGroup: null });
		expect(p.training).toEqual(metrics.training);
		expect(p.training.completionRate).toEqual({ value: 0.6, numerator: 6, denominator: 10 });
		expect(p.training.boardMembers.completionRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
		expect(p.cells).toEqual([
			{ staffGroup: 'Admin', department: 'Board', requiredStaff: 2, completed12m: 1 },
			{ staffGroup: 'Medical', department: 'Surgery', requiredStaff: 3, completed12m: 2 },
			{ staffGroup: 'Nursing', department: 'Theatres', requiredStaff: 1, completed12m: 1 },
			{ staffGroup: 'Nursing', department: 'Wards', requiredStaff: 4, completed12m: 2 }
		]);
		for (const g of p.training.byStaffGroup) {
			const cells = p.cells.filter((c) => c.staffGroup === g.staffGroup);
			expect([cells.reduce((n, c) => n + c.requiredStaff, 0), cells.reduce((n, c) => n + c.completed12m, 0)]).toEqual([g.requiredStaff, g.completed12m]);
		}
		for (const d of p.training.byDepartment) {
			const cells = p.cells.filter((c) => c.department === d.department);
			expect([cells.reduce((n, c) => n + c.requiredStaff, 0), cells.reduce((n, c) => n + c.completed12m, 0)]).toEqual([d.requiredStaff, d.completed12m]);
		}
		// Counts only: nothing that names a person leaves the read model.
		expect(JSON.stringify(p)).not.toContain('pp-0');
	});

	it('trends the 12 months ending at the as-of month from the rollup, month-end completion each month but the last, drawn to the date', async () => {
		const p = await getPeoplePage(ctx(), 'PP1', { asOf: '2025-03-15' });
		expect(p.trend.months).toEqual([
			'2024-04',
			'2024-05',
			'2024-06',
			'2024-07',
			'2024-08',
			'2024-09',
			'2024-10',
			'2024-11',
			'2024-12',
			'2025-01',
			'2025-02',
			'2025-03'
		]);
		expect(p.trend.requiredStaff).toEqual(Array(12).fill(10));
		// April 2024: only staff 4 (May 2023); May: no one; June: staff 1; … February 2025: five. March 2025
		// has not ended on the 15th: it is drawn to the 15th, when staff 6 (trained on the 31st) is not yet
		// trained, so it is five, as the headline says (at its end it would be six).
		expect(p.trend.trainedStaff).toEqual([1, 0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 5]);
		expect(p.trend.toDate).toBe('2025-03-15');
		expect(p.trend.completionRate[0]).toBe(0.1);
		expect(p.trend.completionRate.at(-1)).toBe(0.5);
		expect(p.training.completed12m).toBe(5);
		expect((await getPeoplePage(ctx(), 'PP1', { asOf: AS_OF })).trend).toMatchObject({ toDate: null, trainedStaff: [1, 0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6] });
	});

	it('drills into a staff group the data has, and says when the URL names one it does not', async () => {
		expect((await getPeoplePage(ctx(), 'PP1', { asOf: AS_OF, group: 'Nursing' })).group).toBe('Nursing');
		expect(await getPeoplePage(ctx(), 'PP1', { asOf: AS_OF, group: 'Porters' })).toMatchObject({ group: null, unknownGroup: 'Porters' });
		// The group as the URL gives it: trimmed, blank meaning none, and never longer than a name can be.
		expect((await getPeoplePage(ctx(), 'PP1', { asOf: AS_OF, group: '  Nursing ' })).group).toBe('Nursing');
		expect(await getPeoplePage(ctx(), 'PP1', { asOf: AS_OF, group: '   ' })).toMatchObject({ group: null, unknownGroup: null });
		await expect(getPeoplePage(ctx(), 'PP1', { asOf: AS_OF, group: 'x'.repeat(201) })).rejects.toThrow(/group: a staff group name is at most 200 characters/);
	});

	it('has nothing to show for an organisation without training records: no rate, never 0 %', async () => {
		const p = await getPeoplePage(ctx(), 'PP2', { asOf: AS_OF });
		expect(p.training).toMatchObject({ requiredStaff: 0, completed12m: 0, completionRate: { value: null }, byStaffGroup: [], byDepartment: [] });
		expect(p.cells).toEqual([]);
		expect(p.trend.months).toHaveLength(12);
		expect(p.trend.completionRate).toEqual(Array(12).fill(null));
	});

	it('reads as of today by default, rejects a bad date, and keeps to the organisations the actor may see', async () => {
		expect((await getPeoplePage(ctx(), 'PP1')).asOf).toBe(today());
		await expect(getPeoplePage(ctx(), 'PP1', { asOf: '2025-02-30' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getPeoplePage(ctx(), 'ZZ9', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
		const reader = board('PP2', await idOf('PP2'));
		// Another organisation is not there at all for this reader: its existence is not disclosed.
		await expect(getPeoplePage(ctx(reader), 'PP1', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
		expect((await getPeoplePage(ctx(reader), 'PP2', { asOf: AS_OF })).org).toBe('PP2');
	});
});
