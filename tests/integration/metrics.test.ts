import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../src/lib/schemas/incident';
import type { TrainingRecordInput } from '../../src/lib/schemas/training';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { metricsByName } from '../../src/lib/server/metrics/by-name';
import { METRIC_NAMES } from '../../src/lib/server/metrics/metric-names';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor });
const key = (n: number) => `s${String(n).padStart(15, '0')}`;
const AS_OF = '2025-03-31';

beforeAll(async () => {
	database = await openTestDatabase();
	for (const [ods, name] of [
		['MT1', 'Metrics Trust'],
		['MT2', 'Empty Trust'],
		['MT3', 'Exactly 95 Trust'],
		['MT4', 'Just Below Trust'],
		['MT5', 'Aggregate Trust']
	]) {
		await createOrganisation(ctx(), { ods: ods as string, name: name as string, kind: 'trust' });
	}
});
afterAll(async () => {
	await database?.close();
});

function staff(n: number, completedOn?: string, extra: Partial<TrainingRecordInput> = {}): TrainingRecordInput {
	return { staffKey: key(n), staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, ...(completedOn ? { completedOn } : {}), ...extra };
}

function incident(reference: string, detectedAt: string, extra: Partial<IncidentInput> = {}): IncidentInput {
	return { reference, detectedAt, breachType: 'confidentiality', category: 'misdirected', likelihood: 3, severity: 2, ...extra };
}

const plus = (iso: string, hours: number, minutes = 0) => new Date(new Date(iso).getTime() + (hours * 60 + minutes) * 60_000).toISOString();

describe(`metrics on ${testBackend()}`, () => {
	it('has no rates at all for an organisation with no data: null values, zero denominators, never 0 %', async () => {
		const m = await getOrganisationMetrics(ctx(), 'mt2', AS_OF);
		expect(m).toMatchObject({ org: 'MT2', asOf: AS_OF, staff: { count: 0, source: null, financialYear: 2024 } });
		expect(m.training).toMatchObject({
			requiredStaff: 0,
			completed12m: 0,
			completionRate: { value: null, numerator: 0, denominator: 0 },
			byStaffGroup: [],
			byDepartment: []
		});
		expect(m.training.boardMembers.completionRate.value).toBeNull();
		expect(m.devices).toMatchObject({ snapshot: null, total: 0, compliantRate: { value: null, denominator: 0 }, staleRate: { value: null } });
		expect(m.incidents).toMatchObject({
			total: 0,
			notifiedWithin72hRate: { value: null },
			rcaCompletedRate: { value: null },
			per1000Staff: { value: null },
			medianHoursToContain: { value: null, incidents: 0 },
			totalCostPence: 0
		});
		expect(m.spend).toMatchObject({ totalPence: 0, perStaffPence: { value: null }, perManagedDevicePence: { value: null } });
		expect(m.spend.previousYears.map((y) => y.growth.value)).toEqual([null, null, null, null]);
		const named = metricsByName(m);
		expect(Object.keys(named).sort()).toEqual([...METRIC_NAMES].sort());
		for (const value of Object.values(named)) expect(value?.value ?? null).toBeNull();
	});

	it('counts required staff with a required completion in (date − 12 months, date], by group, department and board', async () => {
		await createTrainingRecords(ctx(), 'MT1', [
			staff(1, '2024-03-31'), // exactly 12 months before: outside
			staff(2, '2024-04-01'), // first day inside
			staff(3, AS_OF), // the date itself: inside
			staff(4, '2025-04-01'), // after the date: outside
			staff(5), // never completed
			staff(6, '2023-05-01'),
			staff(6, '2024-05-01', { expiresOn: '2025-05-01' }), // an old and a current completion: counted once
			staff(7, '2024-06-01', { isRequired: false }), // not required: in neither count
			staff(8, '2024-12-01', { staffGroup: 'Medical', department: 'Surgery' }),
			staff(9, undefined, { staffGroup: 'Medical', department: 'Surgery' }),
			staff(9, '2024-12-01', { course: 'Fire safety', isRequired: false, staffGroup: 'Medical', department: 'Surgery' }), // not the required course
			staff(10, '2024-10-01', { staffGroup: 'Admin', department: 'Board', isBoardMember: true }),
			staff(11, undefined, { staffGroup: 'Admin', department: 'Board', isBoardMember: true }),
			// Two posts: counted once, under the first department in byte order, done by either record.
			staff(12, undefined, { department: 'Wards' }),
			staff(12, '2024-08-01', { department: 'Theatres' })
		]);
		const { training, staff: count } = await getOrganisationMetrics(ctx(), 'MT1', AS_OF);
		expect(training.window).toEqual({ after: '2024-03-31', through: AS_OF });
		expect(training.requiredStaff).toBe(11);
		expect(training.completed12m).toBe(6); // 2, 3, 6, 8, 10, 12
		expect(training.completionRate).toEqual({ value: 6 / 11, numerator: 6, denominator: 11 });
		expect(training.byStaffGroup.map((g) => [g.staffGroup, g.completed12m, g.requiredStaff])).toEqual([
			['Admin', 1, 2],
			['Medical', 1, 2],
			['Nursing', 4, 7]
		]);
		expect(training.byDepartment.map((d) => [d.department, d.completed12m, d.requiredStaff])).toEqual([
			['Board', 1, 2],
			['Surgery', 1, 2],
			['Theatres', 1, 1],
			['Wards', 3, 6]
		]);
		expect(training.boardMembers.completionRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
		// No headcount recorded: per-staff figures divide by the distinct people in the training records.
		expect(count).toEqual({ count: 12, source: 'training_records', financialYear: 2024 });
		// A year later only staff 4's completion (2025-04-01) is inside.
		expect((await getOrganisationMetrics(ctx(), 'MT1', '2026-03-31')).training.completed12m).toBe(1);
	});

	it('gives exactly 0.95 for 95 % and 0.9499 for 94.99 %', async () => {
		await createTrainingRecords(
			ctx(),
			'MT3',
			Array.from({ length: 20 }, (_, i) => staff(i, i < 19 ? '2025-01-15' : undefined))
		);
		await createTrainingRecords(
			ctx(),
			'MT4',
			Array.from({ length: 10_000 }, (_, i) => staff(i, i < 9_499 ? '2025-01-15' : undefined))
		);
		const exactly = await getOrganisationMetrics(ctx(), 'MT3', AS_OF);
		expect(exactly.training.completionRate).toEqual({ value: 0.95, numerator: 19, denominator: 20 });
		expect(metricsByName(exactly)['training.completionRate']?.value).toBe(0.95);
		const below = await getOrganisationMetrics(ctx(), 'MT4', AS_OF);
		expect(below.training.completionRate).toEqual({ value: 0.9499, numerator: 9_499, denominator: 10_000 });
		expect(below.training.completionRate.value! < 0.95).toBe(true);
	});

	it('reads the latest device snapshot on or before the date; 30 days without check-in is not stale, 31 is, and stale is not compliant', async () => {
		await createDeviceSnapshot(ctx(), 'MT1', { asOf: '2025-01-31', source: 'intune', devices: [{ deviceKey: key(100), os: 'iOS', compliance: 'compliant' }] });
		await createDeviceSnapshot(ctx(), 'MT1', {
			asOf: AS_OF,
			source: 'intune',
			devices: [
				{
					deviceKey: key(1),
					os: 'iOS',
					ownership: 'corporate',
					compliance: 'compliant',
					isEncrypted: true,
					isOsSupported: true,
					isJailbroken: false,
					lastCheckInAt: '2025-03-01T00:00:00Z'
				}, // 30 days before
				{
					deviceKey: key(2),
					os: 'iOS',
					ownership: 'corporate',
					compliance: 'compliant',
					isEncrypted: true,
					isOsSupported: true,
					isJailbroken: false,
					lastCheckInAt: '2025-02-28T23:59:59Z'
				}, // 31 days before
				{ deviceKey: key(3), os: 'Windows', ownership: 'corporate', compliance: 'compliant', isEncrypted: true, isOsSupported: false }, // never checked in
				{
					deviceKey: key(4),
					os: 'Android',
					ownership: 'personal',
					compliance: 'noncompliant',
					isManaged: false,
					isEncrypted: false,
					isJailbroken: true,
					lastCheckInAt: '2025-03-30T09:00:00Z'
				},
				{ deviceKey: key(5), os: 'Android', compliance: 'in_grace_period', isOsSupported: true, lastCheckInAt: '2025-03-31T23:00:00Z' }
			]
		});
		await createDeviceSnapshot(ctx(), 'MT1', { asOf: '2025-06-30', source: 'intune', devices: [{ deviceKey: key(1), os: 'iOS' }] });

		const { devices } = await getOrganisationMetrics(ctx(), 'MT1', '2025-04-15');
		expect(devices.snapshot).toEqual({ asOf: AS_OF, source: 'intune', isAggregate: false });
		expect(devices).toMatchObject({ total: 5, managed: 4, compliant: 2, encrypted: 3, supportedOs: 3, stale: 1, jailbroken: 1 });
		expect(devices.compliantRate).toEqual({ value: 0.4, numerator: 2, denominator: 5 });
		expect(devices.staleRate).toEqual({ value: 0.2, numerator: 1, denominator: 5 });
		expect(devices.managedRate?.value).toBe(0.8);
		expect(devices.encryptedRate?.value).toBe(0.6);
		expect(devices.supportedOsRate?.value).toBe(0.6);
		expect(devices.jailbrokenRate?.value).toBe(0.2);
		expect(devices.ownership).toEqual({
			corporate: { value: 0.6, numerator: 3, denominator: 5 },
			personal: { value: 0.2, numerator: 1, denominator: 5 },
			unknown: { value: 0.2, numerator: 1, denominator: 5 }
		});
		expect((await getOrganisationMetrics(ctx(), 'MT1', AS_OF)).devices.snapshot?.asOf).toBe(AS_OF);
		expect((await getOrganisationMetrics(ctx(), 'MT1', '2025-03-30')).devices).toMatchObject({ snapshot: { asOf: '2025-01-31' }, total: 1 });
		expect((await getOrganisationMetrics(ctx(), 'MT1', '2025-06-30')).devices.snapshot?.asOf).toBe('2025-06-30');
		const before = await getOrganisationMetrics(ctx(), 'MT1', '2025-01-30');
		expect(before.devices).toMatchObject({ snapshot: null, total: 0, compliantRate: { value: null, denominator: 0 } });
	});

	it('takes an aggregate snapshot as given, with unknown counts and their rates null', async () => {
		await createDeviceSnapshot(ctx(), 'MT5', {
			asOf: '2025-03-01',
			source: 'aggregate',
			counts: { total: 200, managed: 190, compliant: 150, encrypted: 180, supportedOs: 170 }
		});
		const m = await getOrganisationMetrics(ctx(), 'MT5', AS_OF);
		expect(m.devices).toMatchObject({
			snapshot: { isAggregate: true },
			total: 200,
			managed: 190,
			compliant: 150,
			stale: null,
			jailbroken: null,
			staleRate: null,
			jailbrokenRate: null,
			ownership: null
		});
		expect(m.devices.compliantRate).toEqual({ value: 0.75, numerator: 150, denominator: 200 });
		const named = metricsByName(m);
		expect(named['devices.staleRate']).toBeNull();
		expect(named['devices.supportedOsRate']?.value).toBe(0.85);
	});

	it('judges the 72 hours from detection (72:00 within, 72:01 late) as of the date, and counts the window exactly', async () => {
		const d1 = '2024-06-01T10:00:00.000Z';
		await createIncidents(ctx(), 'MT1', [
			incident('I1', d1, { notifiedAt: plus(d1, 72), containedAt: plus(d1, 2), closedAt: plus(d1, 200), isRcaCompleted: true, costPence: 10_000 }),
			incident('I2', d1, { notifiedAt: plus(d1, 72, 1), containedAt: plus(d1, 4), closedAt: plus(d1, 300), costPence: 5_000, category: 'phishing' }),
			incident('I3', '2025-03-30T12:00:00Z'), // not notified, 37 hours left at the end of the date (23:00 UTC, BST): pending
			incident('I4', '2025-01-01T00:00:00Z', { containedAt: '2025-01-01T06:00:00Z' }), // not notified, overdue
			incident('I5', '2025-03-31T10:00:00Z', { notifiedAt: '2025-04-03T09:00:00Z' }), // notified after the date: pending as of it
			// The window's days are London's: it starts at midnight on 1 April there, 23:00 UTC on 31 March (BST).
			incident('I6', '2024-03-31T23:00:00Z', {
				likelihood: 1,
				severity: 1,
				containedAt: '2024-04-01T09:00:00Z',
				breachType: 'availability',
				category: 'system_unavailability'
			}), // first instant of the window
			incident('I7', '2024-03-31T22:59:59Z', { closedAt: '2024-05-01T00:00:00Z', isRcaCompleted: true, costPence: 99_999 }), // detected before the window, closed in it
			incident('I8', '2025-03-31T23:00:00Z'), // after the date: 00:00 on 1 April in London
			incident('I9', '2024-09-01T00:00:00Z', {
				likelihood: 1,
				severity: 4,
				breachType: 'integrity',
				category: 'malware_ransomware',
				containedAt: '2025-04-02T00:00:00Z'
			}) // DHSC only; contained after the date
		]);
		await setHeadcount(ctx(), 'MT1', { financialYear: 2024, headcount: 2_000 });
		const { incidents, staff: count } = await getOrganisationMetrics(ctx(), 'MT1', AS_OF);
		expect(count).toEqual({ count: 2_000, source: 'headcount', financialYear: 2024 });
		expect(incidents).toMatchObject({
			total: 7,
			icoReportable: 5,
			dhscReportable: 1,
			notifiedWithin72h: 1,
			notifiedLate: 1,
			notNotifiedOverdue: 1,
			notNotifiedPending: 2,
			notifiedWithin72hRate: { value: 0.2, numerator: 1, denominator: 5 },
			medianHoursToContain: { value: 5, incidents: 4 }, // 2, 4, 6, 10 hours
			rcaCompletedRate: { value: 2 / 3, numerator: 2, denominator: 3 }, // I1, I2, I7 closed in the window
			per1000Staff: { value: 3.5, numerator: 7, denominator: 2_000 },
			totalCostPence: 15_000,
			costedIncidents: 2
		});
		expect(incidents.byBreachType).toEqual({ confidentiality: 5, integrity: 1, availability: 1 });
		expect(incidents.byCategory).toMatchObject({ misdirected: 4, phishing: 1, system_unavailability: 1, malware_ransomware: 1, other: 0 });
		expect(metricsByName(await getOrganisationMetrics(ctx(), 'MT1', AS_OF))['incidents.notifiedWithin72hRate']?.value).toBe(0.2);
		// Three days later I3 has run out of time, I5 was notified after 71 hours, and I8 (detected at
		// midnight starting 1 April) reaches exactly 72 hours at the end of the date: still pending.
		const later = (await getOrganisationMetrics(ctx(), 'MT1', '2025-04-03')).incidents;
		expect([later.notifiedWithin72h, later.notifiedLate, later.notNotifiedOverdue, later.notNotifiedPending]).toEqual([2, 1, 2, 1]);
		// With an odd number contained the median is the middle one.
		expect((await getOrganisationMetrics(ctx(), 'MT1', '2024-12-31')).incidents.medianHoursToContain).toEqual({ value: 4, incidents: 3 });
	});

	it('totals spend over the financial year to the date (no later line), per staff and managed device, growing like for like', async () => {
		await createSpendLines(ctx(), 'MT1', [
			{ spentOn: '2024-04-01', category: 'mdm', expenseType: 'capex', amountPence: 1_000 },
			{ spentOn: AS_OF, category: 'training', expenseType: 'opex', amountPence: 500 },
			{ spentOn: '2025-04-01', category: 'mdm', expenseType: 'opex', amountPence: 999 },
			{ spentOn: '2024-03-31', category: 'mdm', expenseType: 'opex', amountPence: 1_200 },
			{ spentOn: '2021-06-01', category: 'other', expenseType: 'opex', amountPence: 300 },
			{ spentOn: '2020-03-31', category: 'other', expenseType: 'opex', amountPence: 7 }
		]);
		// As of 2024-10-10 the year runs: the 2025-03-31 line has not happened yet, and earlier years are
		// compared on 1 April to 10 October (2023-24 had nothing then; 2021-22 had its 300 on 1 June).
		const { spend } = await getOrganisationMetrics(ctx(), 'MT1', '2024-10-10');
		expect(spend.financialYear).toEqual({ year: 2024, label: '2024-25', from: '2024-04-01', to: '2025-03-31' });
		expect(spend.period).toEqual({ from: '2024-04-01', through: '2024-10-10', yearToDate: true, label: '2024-25 year to date' });
		expect(spend.totalPence).toBe(1_000);
		expect(spend.byCategory).toMatchObject({ mdm: 1_000, training: 0, other: 0 });
		expect(spend.byExpenseType).toEqual({ capex: 1_000, opex: 0 });
		expect(spend.perStaffPence).toEqual({ value: 0.5, numerator: 1_000, denominator: 2_000 });
		// Managed devices as of 2024-10-10: no snapshot yet.
		expect(spend.perManagedDevicePence.value).toBeNull();
		expect(spend.previousYears.map((y) => [y.label, y.totalPence, y.samePeriodPence, y.growth.value])).toEqual([
			['2023-24', 1_200, 0, null],
			['2022-23', 0, 0, null],
			['2021-22', 300, 300, 700 / 300],
			['2020-21', 0, 0, null]
		]);
		// At the year's end it is complete, and compared with whole years.
		const { spend: atYearEnd } = await getOrganisationMetrics(ctx(), 'MT1', AS_OF);
		expect(atYearEnd.period).toEqual({ from: '2024-04-01', through: '2025-03-31', yearToDate: false, label: '2024-25' });
		expect(atYearEnd.totalPence).toBe(1_500);
		expect(atYearEnd.previousYears.map((y) => [y.label, y.totalPence, y.growth.value])).toEqual([
			['2023-24', 1_200, 0.25],
			['2022-23', 0, null],
			['2021-22', 300, 4],
			['2020-21', 0, null]
		]);
		expect(atYearEnd.perManagedDevicePence).toEqual({ value: 375, numerator: 1_500, denominator: 4 });
	});

	it('checks the date and the actor like every other service call', async () => {
		await expect(getOrganisationMetrics(ctx(), 'MT1', '2025-02-30')).rejects.toBeInstanceOf(ValidationError);
		await expect(getOrganisationMetrics(ctx(), 'NOPE', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
		const stranger: Actor = { kind: 'user', userId: 999, email: 'x@example.nhs.uk', name: 'X', grants: [] };
		await expect(getOrganisationMetrics(ctx(stranger), 'MT1', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
	});
});
