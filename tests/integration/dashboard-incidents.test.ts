import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../src/lib/schemas/incident';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getIncidentsPage, INCIDENT_PAGE_SIZE } from '../../src/lib/server/incidents/page';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { DEFAULT_GRADING_RULES } from '../../src/lib/server/incidents/grading';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor });
const AS_OF = '2025-03-31';
const PRIVATE = 'Dr Jones sent it to the wrong Mrs Smith';

const plus = (iso: string, hours: number, seconds = 0) => new Date(new Date(iso).getTime() + hours * 3_600_000 + seconds * 1000).toISOString();
function incident(reference: string, detectedAt: string, extra: Partial<IncidentInput> = {}): IncidentInput {
	return {
		reference,
		detectedAt,
		breachType: 'confidentiality',
		category: 'misdirected',
		likelihood: 1,
		severity: 1,
		description: PRIVATE,
		rootCause: PRIVATE,
		actions: PRIVATE,
		...extra
	};
}

beforeAll(async () => {
	database = await openTestDatabase();
	for (const [ods, name] of [
		['DI1', 'Incident Trust'],
		['DI2', 'Quiet Trust'],
		['DI3', 'Busy Trust']
	] as const)
		await createOrganisation(ctx(), { ods, name, kind: 'trust' });
	await createIncidents(ctx(), 'DI1', [
		// The window's days are London's: 1 April starts at 23:00 UTC on 31 March (BST).
		incident('OUT-1', '2024-03-31T22:59:59Z'), // a second before the window
		incident('A', '2024-03-31T23:00:00Z', { likelihood: 3, severity: 2, notifiedAt: plus('2024-03-31T23:00:00Z', 72) }), // ICO, within at exactly 72 h
		incident('B', '2024-06-10T10:00:00Z', {
			category: 'phishing',
			likelihood: 4,
			severity: 4,
			notifiedAt: plus('2024-06-10T10:00:00Z', 72, 1),
			containedAt: plus('2024-06-10T10:00:00Z', 5),
			closedAt: '2024-07-01T09:00:00Z',
			status: 'closed',
			isRcaCompleted: true,
			lessons: 'Report-phish button promoted.'
		}), // ICO and DHSC, notified a second late
		incident('C', '2025-03-30T12:00:00Z', { category: 'lost_stolen_device', likelihood: 3, severity: 3 }), // ICO, 72 hours still running at the date's end
		incident('D', '2025-01-10T08:00:00Z', {
			category: 'system_unavailability',
			breachType: 'availability',
			likelihood: 1,
			severity: 5,
			containedAt: plus('2025-01-10T08:00:00Z', 10),
			closedAt: '2025-02-01T00:00:00Z',
			status: 'closed',
			lessons: '   '
		}), // DHSC only; blank lessons are none
		incident('E', '2024-12-01T09:00:00Z', {
			likelihood: 3,
			severity: 2,
			closedAt: '2025-04-02T00:00:00Z',
			status: 'closed',
			lessons: 'Closed after the date.'
		}), // ICO, overdue
		incident('F', '2025-03-31T22:59:59Z', { category: 'insider_misuse', likelihood: 2, severity: 2 }), // the window's last second
		incident('G', '2025-03-31T23:00:00Z'), // the day after (00:00 on 1 April in London)
		incident('H', '2024-02-01T00:00:00Z', {
			category: 'unauthorised_access',
			closedAt: '2024-05-01T00:00:00Z',
			status: 'closed',
			lessons: 'Leavers process tightened.'
		})
	]);
	await createIncidents(
		ctx(),
		'DI3',
		Array.from({ length: 4 * INCIDENT_PAGE_SIZE + 5 }, (_, i) => incident(`X${i}`, plus('2025-03-01T00:00:00Z', i)))
	);
});
afterAll(async () => {
	await database?.close();
});

const refs = async (filters: Record<string, string>, asOf = AS_OF) =>
	(await getIncidentsPage(ctx(), 'DI1', { asOf, ...filters })).table.rows.map((r) => r.reference);

describe(`the incidents page read model on ${testBackend()}`, () => {
	it('counts the window’s incidents per month, category and grade, adding up to the metrics', async () => {
		const page = await getIncidentsPage(ctx(), 'di1', { asOf: AS_OF });
		const metrics = await getOrganisationMetrics(ctx(), 'DI1', AS_OF);
		expect(page.metrics).toEqual(metrics.incidents);
		expect(page.metrics).toMatchObject({
			total: 6,
			icoReportable: 4,
			dhscReportable: 2,
			notifiedWithin72h: 1,
			notifiedLate: 1,
			notNotifiedOverdue: 1,
			notNotifiedPending: 1
		});
		expect(page.recordedIncidents).toBe(9);
		expect(page.months).toHaveLength(12);
		const sum = (pick: (m: (typeof page.chart.months)[number]) => number) => page.chart.months.reduce((s, m) => s + pick(m), 0);
		expect(sum((m) => m.total)).toBe(page.metrics.total);
		expect(sum((m) => m.icoReportable)).toBe(page.metrics.icoReportable);
		expect(sum((m) => m.dhscReportable)).toBe(page.metrics.dhscReportable);
		expect(page.chart.months.map((m) => m.total)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 2]);
		expect(['within', 'late', 'overdue', 'pending'].map((s) => sum((m) => m.notification[s as 'within']))).toEqual([1, 1, 1, 1]);
		expect(page.chart.months.at(-1)!.notification).toEqual({ within: 0, late: 0, overdue: 0, pending: 1 });
		expect(Object.fromEntries(page.chart.byCategory.map((c) => [c.category, c.total]))).toMatchObject({ ...metrics.incidents.byCategory });
		expect(page.grid.counts).toEqual([
			[0, 0, 0, 0, 1],
			[0, 1, 0, 0, 0],
			[0, 2, 1, 0, 0],
			[0, 0, 0, 1, 0],
			[0, 0, 0, 0, 0]
		]);
		expect(page.grid.rules).toEqual(DEFAULT_GRADING_RULES);
	});

	it('lists the window’s incidents newest first, as they stood on the date, without free text', async () => {
		const page = await getIncidentsPage(ctx(), 'DI1', { asOf: AS_OF });
		expect(page.table.rows.map((r) => r.reference)).toEqual(['F', 'C', 'D', 'E', 'B', 'A']);
		expect(page.table.matched).toBe(6);
		const by = Object.fromEntries(page.table.rows.map((r) => [r.reference, r]));
		expect(by.B).toMatchObject({ notification: 'late', hoursToContain: 5, status: 'closed', rcaCompleted: true, icoReportable: true, dhscReportable: true });
		expect(by.A).toMatchObject({ notification: 'within', hoursToContain: null, status: 'open', rcaCompleted: null });
		expect(by.C!.notification).toBe('pending');
		expect(by.D).toMatchObject({ notification: null, hoursToContain: 10, status: 'closed', rcaCompleted: false });
		// Closed two days after the date: open, and overdue, as of it.
		expect(by.E).toMatchObject({ notification: 'overdue', status: 'open', rcaCompleted: null });
		expect(JSON.stringify(page)).not.toContain('Mrs Smith');
	});

	it('filters by category, breach type, reportability and month, alone and together', async () => {
		expect(await refs({ category: 'misdirected' })).toEqual(['E', 'A']);
		expect(await refs({ breachType: 'availability' })).toEqual(['D']);
		expect(await refs({ reportable: 'ico' })).toEqual(['C', 'E', 'B', 'A']);
		expect(await refs({ reportable: 'dhsc' })).toEqual(['D', 'B']);
		expect(await refs({ reportable: 'none' })).toEqual(['F']);
		expect(await refs({ month: '2024-04' })).toEqual(['A']);
		expect(await refs({ month: '2025-03' })).toEqual(['F', 'C']);
		expect(await refs({ month: '2024-12', reportable: 'ico', category: 'misdirected' })).toEqual(['E']);
		expect(await refs({ month: '2024-12', category: 'phishing' })).toEqual([]);
	});

	it('clips a partial month to the window when the date is mid-month', async () => {
		const page = await getIncidentsPage(ctx(), 'DI1', { asOf: '2025-03-15' });
		expect(page.months).toHaveLength(13);
		expect(page.chart.months.reduce((s, m) => s + m.total, 0)).toBe(page.metrics.total);
		// The window starts on 16 March 2024: OUT-1 (31 March 2024) is in, H (1 February) is not.
		expect(await refs({ month: '2024-03' }, '2025-03-15')).toEqual(['OUT-1']);
		expect(await refs({ month: '2025-03' }, '2025-03-15')).toEqual([]);
	});

	it('refuses filters it does not know and months outside the 12 shown', async () => {
		for (const filters of [
			{ month: '2024-03' },
			{ month: '2025-04' },
			{ month: '2025-13' },
			{ category: 'gossip' },
			{ breachType: 'secrecy' },
			{ reportable: 'yes' }
		]) {
			await expect(getIncidentsPage(ctx(), 'DI1', { asOf: AS_OF, ...filters })).rejects.toBeInstanceOf(ValidationError);
		}
		await expect(getIncidentsPage(ctx(), 'DI1', { asOf: '2025-02-29' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('shows the lessons of incidents closed in the window, most recent first, leaving out blank ones', async () => {
		const { lessons } = await getIncidentsPage(ctx(), 'DI1', { asOf: AS_OF });
		expect(lessons).toEqual([
			{ text: 'Report-phish button promoted.', category: 'phishing', incidents: 1, lastClosedOn: '2024-07-01' },
			{ text: 'Leavers process tightened.', category: 'unauthorised_access', incidents: 1, lastClosedOn: '2024-05-01' }
		]);
	});

	it('lists the matching incidents a page at a time, newest first, and counts them all', async () => {
		// 205 incidents, X0 oldest to X204 newest: pages of 50, the fifth holding the oldest five.
		const page = await getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF });
		expect(INCIDENT_PAGE_SIZE).toBe(50);
		expect(page.table).toMatchObject({ matched: 205, page: 1, pages: 5, pageSize: 50 });
		expect(page.table.rows).toHaveLength(50);
		expect(page.table.rows[0]!.reference).toBe('X204');
		expect(page.table.rows.at(-1)!.reference).toBe('X155');
		const second = await getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF, page: '2' });
		expect(second.table.rows.map((r) => r.reference)).toEqual(Array.from({ length: 50 }, (_, i) => `X${154 - i}`));
		const last = await getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF, page: '5' });
		expect(last.table.rows.map((r) => r.reference)).toEqual(['X4', 'X3', 'X2', 'X1', 'X0']);
		// A bookmark past the end shows the last page; a page that is not a number is refused.
		expect((await getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF, page: '9' })).table).toMatchObject({ page: 5, rows: last.table.rows });
		await expect(getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF, page: '0' })).rejects.toThrow('a page is a whole number from 1');
		await expect(getIncidentsPage(ctx(), 'DI3', { asOf: AS_OF, page: 'two' })).rejects.toThrow('a page is a whole number from 1');
	});

	it('is empty for an organisation with no incidents: zeros, no data for the rates', async () => {
		const page = await getIncidentsPage(ctx(), 'DI2', { asOf: AS_OF });
		expect(page.recordedIncidents).toBe(0);
		expect(page.metrics).toMatchObject({
			total: 0,
			notifiedWithin72hRate: { value: null },
			rcaCompletedRate: { value: null },
			medianHoursToContain: { value: null }
		});
		expect(page.chart.months.every((m) => m.total === 0)).toBe(true);
		expect(page.grid.counts.flat().every((n) => n === 0)).toBe(true);
		expect(page.table).toMatchObject({ rows: [], matched: 0 });
		expect(page.lessons).toEqual([]);
	});

	it('shows nothing to someone without a grant on the organisation', async () => {
		const stranger: Actor = { kind: 'user', userId: 999, email: 'x@example.nhs.uk', name: 'X', grants: [] };
		await expect(getIncidentsPage(ctx(stranger), 'DI1', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
	});
});
