import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpendLineInput } from '../../src/lib/schemas/spend';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getSpendPage, SPEND_LINE_LIMIT } from '../../src/lib/server/spend/page';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { createInvestment, createSpendLines } from '../../src/lib/server/spend/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor });
const AS_OF = '2025-03-31';

const line = (spentOn: string, pounds: number, extra: Partial<SpendLineInput> = {}): SpendLineInput => ({
	spentOn,
	category: 'staff',
	expenseType: 'opex',
	amountPence: pounds * 100,
	supplier: 'Payroll',
	description: 'Salary of A. Person',
	...extra
});

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'DS1', name: 'Spend Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'DS2', name: 'Empty Trust', kind: 'trust' });
	await setHeadcount(ctx(), 'DS1', { financialYear: 2024, headcount: 400 });
	await createDeviceSnapshot(ctx(), 'DS1', {
		asOf: '2025-03-01',
		source: 'intune',
		devices: [1, 2, 3, 4].map((n) => ({ deviceKey: `d${String(n).padStart(15, '0')}`, os: 'iOS' }))
	});
	await createInvestment(ctx(), 'DS1', {
		name: 'MDM rollout',
		category: 'mdm',
		goLiveOn: AS_OF,
		annualCostPence: 1_200_000,
		targetedCategories: ['lost_stolen_device']
	});
	await createInvestment(ctx(), 'DS1', { name: 'Pen testing', category: 'penetration_testing', goLiveOn: '2025-04-01', annualCostPence: 500_000 });
	await createSpendLines(ctx(), 'DS1', [
		line('2019-03-31', 999), // before the five years: nowhere
		line('2020-04-01', 100), // first day of the first year shown (2020-21)
		line('2023-06-01', 1_000, { category: 'training', expenseType: 'capex', supplier: 'Clearview' }),
		line('2024-03-31', 2_000), // last day of 2023-24
		line('2024-04-01', 3_000), // first day of 2024-25
		line('2025-01-15', 600, { category: 'mdm', investmentName: 'MDM rollout' }),
		line(AS_OF, 400, { category: 'mdm', expenseType: 'capex', investmentName: 'MDM rollout' }), // the date itself
		line('2025-04-01', 700, { category: 'mdm', investmentName: 'MDM rollout' }) // next year: not this year, not to date
	]);
});
afterAll(async () => {
	await database?.close();
});

describe(`the spend page read model on ${testBackend()}`, () => {
	it('shows five financial years by category, agreeing with the metrics, with year boundaries at 31 March / 1 April', async () => {
		const page = await getSpendPage(ctx(), 'ds1', { asOf: AS_OF });
		const metrics = await getOrganisationMetrics(ctx(), 'DS1', AS_OF);
		expect(page.org).toEqual({ ods: 'DS1', name: 'Spend Trust' });
		expect(page.metrics).toEqual(metrics.spend);
		expect(page.years.map((y) => [y.label, y.totalPence])).toEqual([
			['2020-21', 10_000],
			['2021-22', 0],
			['2022-23', 0],
			['2023-24', 300_000],
			['2024-25', 400_000]
		]);
		expect(page.years.at(-1)!.totalPence).toBe(metrics.spend.totalPence);
		expect(
			page.years
				.slice(0, -1)
				.reverse()
				.map((y) => y.totalPence)
		).toEqual(metrics.spend.previousYears.map((y) => y.totalPence));
		expect(page.years[3]!.byCategory).toMatchObject({ staff: 200_000, training: 100_000, mdm: 0 });
		expect(page.years[3]!.byExpenseType).toEqual({ capex: 100_000, opex: 200_000 });
		expect(page.years.at(-1)!.byCategory).toMatchObject({ staff: 300_000, mdm: 100_000 });
		// £4,000 ÷ 400 staff, ÷ 4 managed devices.
		expect(page.metrics.perStaffPence.value).toBe(1_000);
		expect(page.metrics.perManagedDevicePence.value).toBe(100_000);
		expect(page.staff.source).toBe('headcount');
		expect(page.devices).toEqual({ snapshot: { asOf: '2025-03-01', source: 'intune', isAggregate: false }, managed: 4 });
	});

	it('lists investments with the spend linked to them this year and to the date, live from their go-live date', async () => {
		const { investments } = await getSpendPage(ctx(), 'DS1', { asOf: AS_OF });
		expect(investments.map((i) => [i.name, i.live, i.annualCostPence, i.spentThisYearPence, i.spentToDatePence])).toEqual([
			['MDM rollout', true, 1_200_000, 100_000, 100_000],
			['Pen testing', false, 500_000, 0, 0]
		]);
		expect(investments[0]!.targetedCategories).toEqual(['lost_stolen_device']);
		const later = await getSpendPage(ctx(), 'DS1', { asOf: '2025-04-01' });
		expect(later.investments.map((i) => [i.live, i.spentThisYearPence, i.spentToDatePence])).toEqual([
			[true, 70_000, 170_000],
			[true, 0, 0]
		]);
	});

	it('lists the lines of the year asked, the date’s year by default, without descriptions', async () => {
		const current = await getSpendPage(ctx(), 'DS1', { asOf: AS_OF });
		expect(current.lines).toMatchObject({ year: 2024, label: '2024-25', from: '2024-04-01', to: '2025-03-31', count: 3, totalPence: 400_000 });
		expect(current.lines.rows.map((r) => r.spentOn)).toEqual([AS_OF, '2025-01-15', '2024-04-01']);
		expect(current.lines.rows[0]).toEqual({
			spentOn: AS_OF,
			category: 'mdm',
			expenseType: 'capex',
			supplier: 'Payroll',
			investment: 'MDM rollout',
			amountPence: 40_000
		});
		expect(JSON.stringify(current)).not.toContain('A. Person');
		const earlier = await getSpendPage(ctx(), 'DS1', { asOf: AS_OF, year: '2023' });
		expect(earlier.lines.rows.map((r) => r.spentOn)).toEqual(['2024-03-31', '2023-06-01']);
		expect((await getSpendPage(ctx(), 'DS1', { asOf: AS_OF, year: '2020' })).lines.rows.map((r) => r.spentOn)).toEqual(['2020-04-01']);
	});

	it('counts nothing dated after the date in the year: year to date, labelled so, compared on the same months', async () => {
		const page = await getSpendPage(ctx(), 'DS1', { asOf: '2025-01-15' });
		// 2024-25 to 15 January: £3,000 (1 April) + £600 (15 January); the £400 of 31 March has not happened yet.
		expect(page.metrics.period).toEqual({ from: '2024-04-01', through: '2025-01-15', yearToDate: true, label: '2024-25 year to date' });
		expect(page.metrics.totalPence).toBe(360_000);
		expect(page.metrics.perStaffPence.value).toBe(900);
		expect(page.years.at(-1)).toMatchObject({ label: '2024-25 year to date', totalPence: 360_000 });
		expect(page.lines).toMatchObject({ year: 2024, from: '2024-04-01', to: '2025-01-15', count: 2, totalPence: 360_000 });
		expect(page.investments.map((i) => [i.name, i.spentThisYearPence, i.spentToDatePence])).toEqual([
			['MDM rollout', 60_000, 60_000],
			['Pen testing', 0, 0]
		]);
		// 2023-24 to 15 January 2024 had only the £1,000 of June (the £2,000 of 31 March came later): +260 %.
		expect(page.metrics.previousYears[0]).toMatchObject({ label: '2023-24', totalPence: 300_000, samePeriodPence: 100_000, comparedPence: 100_000 });
		expect(page.metrics.previousYears[0]!.growth.value).toBeCloseTo(2.6, 10);
		// × 36: £3,600 against 2020-21's £100 in the same months, not against whole years.
		expect(page.growth).toEqual({
			fromLabel: '2020-21',
			toLabel: '2024-25',
			years: 4,
			multiple: 36,
			samePeriod: { from: '2024-04-01', through: '2025-01-15' }
		});
		const whole = await getSpendPage(ctx(), 'DS1', { asOf: AS_OF });
		expect(whole.growth).toEqual({ fromLabel: '2020-21', toLabel: '2024-25', years: 4, multiple: 40, samePeriod: null });
		expect(whole.years.at(-1)!.label).toBe('2024-25');
	});

	it('refuses a year outside the five shown and a date that does not exist', async () => {
		await expect(getSpendPage(ctx(), 'DS1', { asOf: AS_OF, year: '2019' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getSpendPage(ctx(), 'DS1', { asOf: AS_OF, year: '2025' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getSpendPage(ctx(), 'DS1', { asOf: AS_OF, year: '24' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getSpendPage(ctx(), 'DS1', { asOf: '2025-02-30' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('lists at most the newest SPEND_LINE_LIMIT lines and counts them all', async () => {
		await createOrganisation(ctx(), { ods: 'DS3', name: 'Busy Trust', kind: 'trust' });
		await createSpendLines(
			ctx(),
			'DS3',
			Array.from({ length: SPEND_LINE_LIMIT + 5 }, (_, i) => line(`2024-${String((i % 12) + 1).padStart(2, '0')}-10`, 1))
		);
		const page = await getSpendPage(ctx(), 'DS3', { asOf: '2024-12-31' });
		// Lines in January–March 2024 are in 2023-24; the rest are in 2024-25.
		const inYear = Array.from({ length: SPEND_LINE_LIMIT + 5 }, (_, i) => (i % 12) + 1).filter((m) => m >= 4).length;
		expect(page.lines.count).toBe(inYear);
		expect(page.lines.rows).toHaveLength(Math.min(inYear, SPEND_LINE_LIMIT));
		expect(page.lines.totalPence).toBe(inYear * 100);
	});

	it('shows an organisation with no spend as empty: zeros for spend, no data for the rates', async () => {
		const page = await getSpendPage(ctx(), 'DS2', { asOf: AS_OF });
		expect(page.years.map((y) => y.totalPence)).toEqual([0, 0, 0, 0, 0]);
		expect(page.investments).toEqual([]);
		expect(page.lines).toMatchObject({ count: 0, totalPence: 0, rows: [] });
		expect(page.metrics.perStaffPence.value).toBeNull();
		expect(page.metrics.perManagedDevicePence.value).toBeNull();
		expect(page.metrics.previousYears.map((y) => y.growth.value)).toEqual([null, null, null, null]);
	});

	it('shows nothing to someone without a grant on the organisation', async () => {
		const stranger: Actor = { kind: 'user', userId: 999, email: 'x@example.nhs.uk', name: 'X', grants: [] };
		await expect(getSpendPage(ctx(stranger), 'DS1', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getSpendPage(ctx(), 'NOPE', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
	});
});
