import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORY_LABELS, incidentCharts } from '../../src/lib/charts/incident-charts';
import { INCIDENT_CATEGORIES } from '../../src/lib/schemas/incident';
import { monthInWindow, monthsBefore, notificationStatus, summariseIncidents, type IncidentCubeRow } from '../../src/lib/server/incidents/page-summary';
import { twelveMonthsBefore } from '../../src/lib/server/metrics/periods';

const row = (month: string, extra: Partial<IncidentCubeRow> = {}): IncidentCubeRow => ({
	month,
	category: 'misdirected',
	breach_type: 'confidentiality',
	likelihood: 1,
	severity: 1,
	ico: false,
	dhsc: false,
	notice: null,
	incidents: 1,
	...extra
});

describe('the months of the 12 months before a date', () => {
	it('are 12 calendar months when the date ends a month, 13 (two partial) otherwise', () => {
		expect(monthsBefore('2026-03-31')).toEqual([
			'2025-04',
			'2025-05',
			'2025-06',
			'2025-07',
			'2025-08',
			'2025-09',
			'2025-10',
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02',
			'2026-03'
		]);
		const mid = monthsBefore('2026-03-15');
		expect(mid).toHaveLength(13);
		expect([mid[0], mid.at(-1)]).toEqual(['2025-03', '2026-03']);
		// 2024-02-29 minus 12 months is 2023-02-28: the window starts on 1 March 2023.
		expect(monthsBefore('2024-02-29')[0]).toBe('2023-03');
	});

	it('clip a month to the window', () => {
		const window = twelveMonthsBefore('2026-03-15');
		// Months start at midnight in London: 23:00 UTC the day before in British Summer Time.
		expect(monthInWindow('2025-03', window)).toEqual({ start: new Date('2025-03-16T00:00:00Z'), end: new Date('2025-03-31T23:00:00Z') });
		expect(monthInWindow('2025-07', window)).toEqual({ start: new Date('2025-06-30T23:00:00Z'), end: new Date('2025-07-31T23:00:00Z') });
		expect(monthInWindow('2026-03', window)).toEqual({ start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-16T00:00:00Z') });
		expect(monthInWindow('2025-12', window).end).toEqual(new Date('2026-01-01T00:00:00Z'));
	});
});

describe('summarising the window’s incidents', () => {
	const months = ['2025-04', '2025-05'];
	const { chart, grid } = summariseIncidents(
		[
			row('2025-04', { incidents: 2 }),
			row('2025-04', { category: 'phishing', likelihood: 3, severity: 2, ico: true, notice: 'within', incidents: 3 }),
			row('2025-05', { category: 'phishing', likelihood: 3, severity: 2, ico: true, notice: 'late' }),
			row('2025-05', { category: 'system_unavailability', breach_type: 'availability', likelihood: 5, severity: 4, ico: true, dhsc: true, notice: 'overdue' }),
			row('2025-05', { category: 'malware_ransomware', breach_type: 'integrity', likelihood: 2, severity: 5, dhsc: true, incidents: 4 })
		],
		months
	);

	it('counts per month by breach type, reportability and 72-hour notification', () => {
		expect(chart.months[0]).toEqual({
			month: '2025-04',
			total: 5,
			byBreachType: { confidentiality: 5, integrity: 0, availability: 0 },
			icoReportable: 3,
			dhscReportable: 0,
			notification: { within: 3, late: 0, overdue: 0, pending: 0 }
		});
		expect(chart.months[1]).toMatchObject({
			total: 6,
			byBreachType: { confidentiality: 1, integrity: 4, availability: 1 },
			icoReportable: 2,
			dhscReportable: 5,
			notification: { within: 0, late: 1, overdue: 1, pending: 0 }
		});
	});

	it('lists every category, 0 when none, and fills the grid by likelihood and severity', () => {
		expect(chart.byCategory.map((c) => c.category)).toEqual([...INCIDENT_CATEGORIES]);
		expect(chart.byCategory.find((c) => c.category === 'phishing')).toEqual({
			category: 'phishing',
			total: 4,
			byBreachType: { confidentiality: 4, integrity: 0, availability: 0 }
		});
		expect(chart.byCategory.find((c) => c.category === 'other')!.total).toBe(0);
		expect(grid[0]![0]).toBe(2);
		expect(grid[2]![1]).toBe(4);
		expect(grid[4]![3]).toBe(1);
		expect(grid[1]![4]).toBe(4);
		expect(grid.flat().reduce((a, b) => a + b, 0)).toBe(11);
	});

	it('turns into three stacked charts whose bars add up to the counts', () => {
		const [byMonth, byCategory, notification] = incidentCharts(chart);
		expect(byMonth!.config.data.labels).toEqual(['Apr 2025', 'May 2025']);
		expect(byMonth!.table.rows.map((r) => r.cells.at(-1))).toEqual(['5', '6']);
		expect(byMonth!.config.data.datasets.map((d) => d.label)).toEqual(['Confidentiality', 'Integrity', 'Availability']);
		expect(byCategory!.config.data.labels).toEqual(INCIDENT_CATEGORIES.map((c) => INCIDENT_CATEGORY_LABELS[c]));
		expect(byCategory!.config.horizontal).toBe(true);
		expect(byCategory!.table.rows.find((r) => r.label === 'Phishing')!.cells).toEqual(['4', '0', '0', '4']);
		expect(notification!.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Notified within 72 hours', [3, 0]],
			['Notified late', [0, 1]],
			['Not notified, overdue', [0, 1]],
			['Not notified, 72 hours still running', [0, 0]]
		]);
		expect(notification!.summary).toBe('ICO-reportable incidents per month, by 72-hour notification: Apr 2025 3; May 2025 2.');
	});
});

describe('the 72-hour rule for one incident', () => {
	const detectedAt = new Date('2025-06-01T10:00:00Z');
	const end = new Date('2025-07-01T00:00:00Z');
	const at = (iso: string | null, icoReportable = true, until = end) =>
		notificationStatus({ icoReportable, detectedAt, notifiedAt: iso === null ? null : new Date(iso) }, until);

	it('is within at exactly 72 hours and late a second after', () => {
		expect(at('2025-06-04T10:00:00Z')).toBe('within');
		expect(at('2025-06-04T10:00:01Z')).toBe('late');
	});

	it('is overdue or pending when not notified by the date, and a notification after the date has not happened yet', () => {
		expect(at(null)).toBe('overdue');
		expect(at('2025-07-02T00:00:00Z')).toBe('overdue');
		expect(at(null, true, new Date('2025-06-04T10:00:00Z'))).toBe('pending');
		expect(at(null, true, new Date('2025-06-04T10:00:01Z'))).toBe('overdue');
	});

	it('does not apply to incidents not reportable to the ICO', () => {
		expect(at(null, false)).toBeNull();
	});
});
