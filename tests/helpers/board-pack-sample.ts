import { boardPack, type BoardPackData } from '../../reports/board-pack';
import type { PackOutcome } from '../../reports/board-pack-data';
import { toPackAssurance } from '../../src/lib/server/reports/assurance-data';
import { emptyRegister, sampleRegister } from './assurance-fixture';
import { sampleExtras } from './board-pack-extras-sample';

/** Board pack data for the builder's unit tests: a trust with something to say in every section, and one with nothing. */

export const META = {
	title: 'Board assurance pack',
	organisation: { ods: 'ZT1', name: 'Test Trust' },
	period: '2025-26',
	reportId: '0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3',
	dataSha256: 'ab'.repeat(32),
	generatedAt: '2026-04-20T09:30:00Z'
};
export const rate = (numerator: number, denominator: number) => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });
export const months = Array.from({ length: 12 }, (_, i) => `${i < 9 ? 2025 : 2026}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
export const outcome = (id: string, o: Partial<PackOutcome> = {}): PackOutcome => ({
	id,
	title: `Outcome ${id}`,
	profile: 'Partially achieved',
	self: 'Achieved',
	data: null,
	judged: 'Achieved',
	state: 'exceeds',
	gap: false,
	planned: false,
	flagged: false,
	hardGate: null,
	hardGateHeld: null,
	...o
});

/** A trust with something to say in every section. */
export function sample(): BoardPackData {
	return {
		version: 3,
		...sampleExtras(),
		org: { ods: 'ZT1', name: 'Test Trust', kind: 'trust' },
		period: { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
		edition: '2024-25',
		status: { label: 'Standards Not Met', localRule: null, outcomes: 4, meeting: 2, gaps: 2, unplanned: 1 },
		outcomes: [
			outcome('A1.a'),
			outcome('B2.a', {
				title: 'Identity and access',
				self: 'Partially achieved',
				judged: 'Partially achieved',
				state: 'gap',
				gap: true,
				planned: true,
				hardGate: 'The NHS England multi-factor authentication policy is met: MFA everywhere.',
				hardGateHeld: false
			}),
			outcome('B3.d', { self: 'Achieved', data: 'Partially achieved', judged: 'Partially achieved', state: 'meets', flagged: true }),
			outcome('C1.a', { profile: 'Achieved', self: 'Partially achieved', judged: 'Partially achieved', state: 'gap', gap: true })
		],
		changes: {
			since: '2025-12-31',
			reportId: null,
			scorecard: {
				statusBefore: 'Standards Not Met',
				statusAfter: 'Standards Not Met',
				meetingBefore: 1,
				meetingAfter: 2,
				changes: [{ id: 'A1.a', from: 'Partially achieved', to: 'Achieved', direction: 'improved' }]
			},
			figures: [
				{ id: 'trainingRate', label: 'Training completion', unit: 'rate', before: 0.9, after: 0.912, change: 0.012, higherIsBetter: true },
				{ id: 'incidents', label: 'Incidents in the last 12 months', unit: 'count', before: 80, after: 78, change: -2, higherIsBetter: false }
			]
		},
		risks: {
			gaps: [
				{
					id: 'B2.a',
					title: 'Identity and access',
					judged: 'Partially achieved',
					profile: 'Partially achieved',
					shortfall: 1,
					planned: true,
					hardGateFailed: true
				},
				{ id: 'C1.a', title: 'Outcome C1.a', judged: 'Partially achieved', profile: 'Achieved', shortfall: 1, planned: false, hardGateFailed: false }
			],
			veracity: [{ id: 'B3.d', title: 'Outcome B3.d', self: 'Achieved', data: 'Partially achieved' }]
		},
		people: {
			target: 0.95,
			window: { after: '2025-03-31', through: '2026-03-31' },
			requiredStaff: 5003,
			completed12m: 4562,
			completionRate: rate(4562, 5003),
			boardMembers: { name: 'Board members', requiredStaff: 12, completed12m: 12, completionRate: rate(12, 12) },
			byStaffGroup: [
				{ name: 'Medical and Dental', requiredStaff: 1000, completed12m: 990, completionRate: rate(990, 1000) },
				{ name: 'Nursing', requiredStaff: 4003, completed12m: 3572, completionRate: rate(3572, 4003) }
			],
			trend: { months, completionRate: months.map((_, i) => 0.85 + i * 0.005) }
		},
		devices: {
			snapshot: { asOf: '2026-03-31', source: 'intune', isAggregate: false },
			total: 2374,
			managed: 2250,
			compliantRate: rate(1829, 2374),
			encryptedRate: rate(2303, 2374),
			supportedOsRate: rate(2225, 2374),
			staleRate: rate(55, 2374),
			trend: {
				months,
				total: months.map(() => 2374),
				compliant: months.map(() => 1829),
				encrypted: months.map(() => 2303),
				supportedOs: months.map(() => 2225),
				stale: months.map(() => 55)
			}
		},
		incidents: {
			window: { after: '2025-03-31', through: '2026-03-31' },
			recorded: 200,
			total: 78,
			icoReportable: 22,
			dhscReportable: 12,
			notifiedWithin72h: 18,
			notifiedLate: 3,
			notNotifiedOverdue: 1,
			notNotifiedPending: 0,
			notifiedWithin72hRate: rate(18, 22),
			medianHoursToContain: { value: 51.46, incidents: 78 },
			rcaCompletedRate: rate(64, 82),
			per1000Staff: { value: 14.7, numerator: 78, denominator: 5304 },
			byCategory: [
				{ category: 'phishing', total: 49 },
				{ category: 'misdirected', total: 29 },
				{ category: 'other', total: 0 }
			],
			months: months.map((month, i) => ({
				month,
				total: i % 3,
				icoReportable: i % 2,
				byBreachType: { confidentiality: i % 3, integrity: 0, availability: 0 }
			})),
			lessons: [{ text: 'Check recipient addresses before sending.', category: 'misdirected', incidents: 29, lastClosedOn: '2025-12-06' }]
		},
		spend: {
			financialYear: '2025-26',
			totalPence: 70_428_700,
			perStaffPence: { value: 13_278, numerator: 70_428_700, denominator: 5304 },
			perManagedDevicePence: { value: 31_301, numerator: 70_428_700, denominator: 2250 },
			years: [2021, 2022, 2023, 2024, 2025].map((year) => ({
				year,
				label: `${year}-${String((year + 1) % 100).padStart(2, '0')}`,
				totalPence: year === 2025 ? 70_428_700 : year === 2024 ? 19_822_100 : 0,
				byCategory: { mdm: year === 2025 ? 50_000_000 : 0, training: year === 2025 ? 20_428_700 : year === 2024 ? 19_822_100 : 0 },
				byExpenseType: { capex: 0, opex: year === 2025 ? 70_428_700 : year === 2024 ? 19_822_100 : 0 }
			})),
			investments: [
				{
					name: 'MDM rollout',
					category: 'mdm',
					goLiveOn: '2025-04-01',
					live: true,
					annualCostPence: 21_000_000,
					targetedCategories: ['lost_stolen_device'],
					spentThisYearPence: 33_232_300,
					spentToDatePence: 33_232_300
				}
			]
		},
		assurance: toPackAssurance(sampleRegister()),
		plan: {
			rollUp: [
				{ objective: 'A', title: 'Managing risk', total: 2, open: 1, inProgress: 0, completed: 1, cancelled: 0, overdue: 1 },
				{ objective: 'B', title: 'Protecting against cyber attacks', total: 1, open: 0, inProgress: 1, completed: 0, cancelled: 0, overdue: 0 }
			],
			overdue: [{ outcome: 'A1.a', title: 'Board review', owner: 'SIRO', dueOn: '2026-02-28', daysOverdue: 31, status: 'open' }],
			unassigned: 0
		},
		signOff: null
	};
}

/** An organisation with nothing imported yet. */
export function empty(): BoardPackData {
	const d = sample();
	const zero = rate(0, 0);
	return {
		...d,
		edition: null,
		status: null,
		outcomes: [],
		changes: {
			since: '2025-12-31',
			reportId: null,
			scorecard: null,
			figures: d.changes.figures.map((f) => ({ ...f, before: null, after: null, change: null }))
		},
		risks: { gaps: [], veracity: [] },
		people: {
			...d.people,
			requiredStaff: 0,
			completed12m: 0,
			completionRate: zero,
			boardMembers: { name: 'Board members', requiredStaff: 0, completed12m: 0, completionRate: zero },
			byStaffGroup: [],
			trend: { months, completionRate: months.map(() => null) }
		},
		devices: { ...d.devices, snapshot: null, total: 0, managed: 0, compliantRate: zero, encryptedRate: zero, supportedOsRate: zero, staleRate: zero },
		incidents: {
			...d.incidents,
			recorded: 0,
			total: 0,
			icoReportable: 0,
			dhscReportable: 0,
			notifiedWithin72h: 0,
			notifiedLate: 0,
			notNotifiedOverdue: 0,
			notifiedWithin72hRate: zero,
			medianHoursToContain: { value: null, incidents: 0 },
			rcaCompletedRate: zero,
			byCategory: [],
			lessons: []
		},
		spend: {
			...d.spend,
			totalPence: 0,
			perStaffPence: zero,
			perManagedDevicePence: zero,
			years: d.spend.years.map((y) => ({ ...y, totalPence: 0, byCategory: {}, byExpenseType: { capex: 0, opex: 0 } })),
			investments: []
		},
		assurance: toPackAssurance(emptyRegister()),
		plan: { rollUp: [], overdue: [], unassigned: 0 }
	};
}

/** Every string in a document definition (image data and charts to draw left out), in document order. */
export function texts(node: unknown, out: string[] = []): string[] {
	if (typeof node === 'string') out.push(node);
	else if (Array.isArray(node)) for (const n of node) texts(n, out);
	else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (key !== 'image' && key !== 'chart') texts(value, out);
	return out;
}
export const textOf = (d: BoardPackData) => texts(boardPack(d, META).content).join('\n');

/** Nodes with a style, in document order. */
export function styled(node: unknown, style: string, out: string[] = []): string[] {
	if (Array.isArray(node)) for (const n of node) styled(n, style, out);
	else if (node && typeof node === 'object') {
		const n = node as { style?: string; text?: unknown };
		if (n.style === style && typeof n.text === 'string') out.push(n.text);
		for (const value of Object.values(node)) if (typeof value === 'object') styled(value, style, out);
	}
	return out;
}
