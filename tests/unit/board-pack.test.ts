import { describe, expect, it } from 'vitest';
import { boardDecisions, boardPack, largestRisks, type BoardPackData } from '../../reports/board-pack';
import type { PackOutcome } from '../../reports/board-pack-data';
import { toPackAssurance } from '../../src/lib/server/reports/assurance-data';
import { peopleCharts } from '../../src/lib/charts/people-charts';
import { emptyRegister, sampleRegister } from '../helpers/assurance-fixture';
import { chartsIn } from '../helpers/chart-nodes';

const META = {
	title: 'Board assurance pack',
	organisation: { ods: 'ZT1', name: 'Test Trust' },
	period: '2025-26',
	reportId: '0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3',
	dataSha256: 'ab'.repeat(32),
	generatedAt: '2026-04-20T09:30:00Z'
};
const rate = (numerator: number, denominator: number) => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });
const months = Array.from({ length: 12 }, (_, i) => `${i < 9 ? 2025 : 2026}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
const outcome = (id: string, o: Partial<PackOutcome> = {}): PackOutcome => ({
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
function sample(): BoardPackData {
	return {
		version: 3,
		coverSheet: {
			meeting: 'Trust Board (public), 30 April 2026, item 9',
			purpose: 'assurance',
			recommendation: 'The board is asked to note the assurance given and approve the MFA recovery plan.',
			executiveLead: 'Alex Reed, Chief Digital Officer',
			author: 'Sam Patel, Head of IT Security',
			bafRisk: 'BAF 7: a cyber attack disrupts clinical services',
			commentary: 'Training recovered after the winter.\n\nMFA for remote access is the one hard gate left; the plan closes it by June.'
		},
		returns: {
			asOf: '2026-03-31',
			investments: [
				{
					name: 'MDM rollout',
					category: 'mdm',
					goLiveOn: '2025-04-01',
					live: true,
					annualCostPence: 21_000_000,
					targetedCategories: ['lost_stolen_device'],
					modelled: {
						slePence: 500_000,
						aro: 15,
						mitigation: 0.7,
						alePence: 7_500_000,
						avoidedPence: 5_250_000,
						netBenefitPence: -15_750_000,
						rosi: -0.75,
						sources: [
							{ input: 'sle', text: "Beacon's default cost per incident (lost stolen device £5,000)", assumed: true },
							{ input: 'aro', text: '15 incidents of the targeted kinds, 3 April 2024 to 31 March 2025', assumed: false },
							{ input: 'mitigation', text: 'Beacon planning assumption (no published NHS figure)', assumed: true },
							{ input: 'annualCost', text: 'The annual running cost recorded for the investment', assumed: false }
						]
					},
					modelledProblem: null,
					observed: {
						before: { from: '2024-04-01', through: '2025-03-31', incidents: 15, costPence: 6_288_300, costedIncidents: 15 },
						after: { from: '2025-04-01', through: '2026-03-31', incidents: 4, costPence: 103_800, costedIncidents: 4 },
						incidentsChange: (4 - 15) / 15,
						costChange: (103_800 - 6_288_300) / 6_288_300,
						windowNote: null,
						caution: null
					},
					observedNote: null
				},
				{
					name: 'Backup vault',
					category: 'backup_recovery',
					goLiveOn: null,
					live: false,
					annualCostPence: 0,
					targetedCategories: [],
					modelled: null,
					modelledProblem: 'No annual cost is recorded, and ROSI divides by it: enter one in the what-if form.',
					observed: null,
					observedNote: 'No go-live date is recorded, so there is no before and after to compare.'
				}
			]
		},
		assumptions: {
			outcomes: 4,
			assumedProfiles: ['A1.a', 'B3.d', 'C1.a'],
			publishedProfiles: ['B2.a'],
			assumedThresholds: [{ outcome: 'B3.d', metric: 'encrypted devices', thresholds: 'Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved' }],
			noEvidence: ['A1.a', 'C1.a']
		},
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
function empty(): BoardPackData {
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
function texts(node: unknown, out: string[] = []): string[] {
	if (typeof node === 'string') out.push(node);
	else if (Array.isArray(node)) for (const n of node) texts(n, out);
	else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (key !== 'image' && key !== 'chart') texts(value, out);
	return out;
}
const textOf = (d: BoardPackData) => texts(boardPack(d, META).content).join('\n');

/** Nodes with a style, in document order. */
function styled(node: unknown, style: string, out: string[] = []): string[] {
	if (Array.isArray(node)) for (const n of node) styled(n, style, out);
	else if (node && typeof node === 'object') {
		const n = node as { style?: string; text?: unknown };
		if (n.style === style && typeof n.text === 'string') out.push(n.text);
		for (const value of Object.values(node)) if (typeof value === 'object') styled(value, style, out);
	}
	return out;
}

describe('the board pack builder', () => {
	it('has a cover and every section in order, following on from one another after the cover, with the frame around it', () => {
		const doc = boardPack(sample(), META);
		expect(styled(doc.content, 'title')).toEqual(['Board assurance pack']);
		expect(styled(doc.content, 'h1')).toEqual([
			'Commentary from the IT lead',
			'Executive summary',
			'DSPT outcomes A–E',
			'People: data security training',
			'Technology: devices',
			'Incidents',
			'Assurance: audits, tests, phishing and messaging',
			'Investment and return',
			'Improvement plan',
			'Board sign-off'
		]);
		// Only the commentary (after the cover page) and the sign-off (a form to complete) start a page: a
		// section starting every page left pages half empty.
		const breaks = (doc.content as { style?: string; text?: string; pageBreak?: string }[]).filter((n) => n.style === 'h1' && n.pageBreak === 'before');
		expect(breaks.map((n) => n.text)).toEqual(['Commentary from the IT lead', 'Board sign-off']);
		expect(doc.pageSize).toBe('A4');
		expect(typeof doc.footer).toBe('function');
		expect(typeof doc.pageBreakBefore).toBe('function');
		const text = textOf(sample());
		for (const s of [
			'Test Trust (ZT1)',
			'Financial year 2025-26: 1 April 2025 to 31 March 2026',
			'OFFICIAL-SENSITIVE',
			'20 April 2026 at 10:30',
			'31 March 2026, the end of the period',
			'shown as they stood at the end of 31 March 2026; nothing recorded after that day is shown',
			META.reportId,
			'abababababab'
		])
			expect(text).toContain(s);
	});

	it('states the figures as the dashboard formats them', () => {
		const text = textOf(sample());
		expect(text).toContain(
			'The DSPT 2024-25 status as of 31 March 2026 is Standards Not Met: 2 of 4 outcomes meet their profile; 2 outcomes fall short (gaps), and 1 of them has no improvement action with an owner and a due date.'
		);
		expect(text).toContain(
			'91.2 % (4,562 of 5,003) of the staff required to complete data security training did so in the 12 months to 31 March 2026, below the 95.0 % target.'
		);
		for (const s of [
			'77.0 %',
			'1,829 of 2,374 devices',
			'£704,287',
			'£198,221',
			'£133',
			'81.8 %',
			'18 of 22 reportable incidents',
			'51.5 hours',
			'+1.2 points (better)',
			'−2 (better)',
			'Phishing',
			'62.8 %',
			'Check recipient addresses before sending.',
			'MDM rollout',
			'£332,323',
			'Board review',
			'Below target',
			'Meets target'
		])
			expect(text).toContain(s);
		// Years before the first with spend are left out of the table, and said so.
		expect(text).toContain('No spend is recorded for 2021-22 to 2023-24.');
		expect(text).not.toContain('2022-23\n');
		// Returns are the returns page's, not a promise of a later release.
		expect(text).not.toContain('not yet measured');
	});

	it('prints the cover sheet and the commentary entered before generation, or says none was entered', () => {
		const text = textOf(sample());
		for (const s of [
			'Cover sheet',
			'Trust Board (public), 30 April 2026, item 9',
			'For assurance',
			'The board is asked to note the assurance given and approve the MFA recovery plan.',
			'Alex Reed, Chief Digital Officer',
			'Sam Patel, Head of IT Security',
			'BAF 7: a cyber attack disrupts clinical services',
			'Training recovered after the winter.\nMFA for remote access is the one hard gate left; the plan closes it by June.'
		])
			expect(text).toContain(s);
		const bare = textOf({ ...sample(), coverSheet: null });
		expect(bare).toContain('No cover sheet was entered when this pack was generated');
		expect(bare).toContain('No commentary was entered when this pack was generated.');
		expect(bare.match(/Not given when the pack was generated/g)).toHaveLength(6);
		const noBaf = textOf({ ...sample(), coverSheet: { ...sample().coverSheet!, bafRisk: null, commentary: null } });
		expect(noBaf).toContain('None named');
		expect(noBaf).toContain('No commentary was entered when this pack was generated.');
	});

	it("puts each investment's modelled and observed return in the pack, with the assumptions beside it", () => {
		const text = textOf(sample());
		for (const s of [
			'Return on each investment',
			'ROSI −75.0 %',
			'Loss avoided £52,500 a year (ALE £75,000 × mitigation 70.0 %) against a cost of £210,000 a year: a net loss of £157,500.',
			'Incidents −73.3 %; cost −98.3 %',
			'Before: 1 April 2024 to 31 March 2025: 15 incidents, £62,883 recorded cost. After: 1 April 2025 to 31 March 2026: 4 incidents, £1,038 recorded cost.',
			'No annual cost is recorded, and ROSI divides by it',
			'No go-live date is recorded, so there is no before and after to compare.',
			"MDM rollout: Beacon's default cost per incident (lost stolen device £5,000).",
			'MDM rollout: Beacon planning assumption (no published NHS figure).'
		])
			expect(text).toContain(s);
		// Sources that are the organisation's own data are not listed as assumptions.
		expect(text).not.toContain('MDM rollout: 15 incidents of the targeted kinds');
		// A pack frozen before returns were (version 2) says so rather than showing none.
		const { returns: _r, ...old } = sample();
		expect(textOf({ ...old, version: 2 })).toContain('This pack was made before Beacon froze investment returns with its data');
		expect(textOf({ ...sample(), returns: { asOf: '2026-03-31', investments: [] } })).toContain(
			'No investments are recorded in Beacon, so there are no returns to report.'
		);
	});

	it('says which profile levels and thresholds are assumed, and which outcomes hold no evidence', () => {
		const text = textOf(sample());
		expect(text).toContain('NHS England publishes the profile level of 1 outcome (B2.a). The other 3 are Beacon’s assumption');
		expect(text).toContain('the 1 data rule below uses Beacon’s default thresholds');
		expect(text).toMatch(/B3\.d\n(left\n)?Encrypted devices\n(left\n)?Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved/);
		expect(text).toContain('No evidence file is held on 31 March 2026 for 2 of the 4 outcomes: A1.a and C1.a.');
		// Named on the outcome's row too, when some outcomes do hold evidence.
		expect(text).toMatch(/Above profile\nno evidence held/);
		const none = textOf({ ...sample(), assumptions: { ...sample().assumptions!, noEvidence: ['A1.a', 'B2.a', 'B3.d', 'C1.a'] } });
		expect(none).toContain('No evidence file is held for any of the 4 outcomes on 31 March 2026');
		expect(none).not.toContain('no evidence held');
		const all = textOf({ ...sample(), assumptions: { ...sample().assumptions!, noEvidence: [], assumedThresholds: [] } });
		expect(all).toContain('An evidence file is held for every outcome on 31 March 2026.');
		expect(all).toContain('No data rule of this edition uses a threshold of Beacon’s own.');
		expect(textOf({ ...sample(), assumptions: undefined })).toContain('This pack was made before Beacon froze which profile levels and thresholds are assumed');
	});

	it('sets every table in the pack at 9 pt or more', () => {
		const sizes: number[] = [];
		const walk = (node: unknown): void => {
			if (Array.isArray(node)) node.forEach(walk);
			else if (node && typeof node === 'object') {
				const n = node as { table?: unknown; fontSize?: number };
				if (n.table) sizes.push(n.fontSize ?? 9.5);
				Object.values(node).forEach(walk);
			}
		};
		walk(boardPack(sample(), META).content);
		expect(sizes.length).toBeGreaterThan(10);
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
	});

	it('names the device snapshot by its source in words, never its code name', () => {
		const text = textOf(sample());
		expect(text).toContain('From the Microsoft Intune snapshot of 31 March 2026');
		expect(text).not.toMatch(/\bintune\b/);
	});

	it('writes each outcome state in words as well as shading', () => {
		const text = textOf(sample());
		expect(text).toContain('B2.a Identity and access');
		expect(text).toMatch(/Gap\naction planned; hard gate not confirmed/);
		expect(text).toMatch(/Meets profile\nself above data/);
		expect(text).toContain('Above profile');
		expect(text).toContain('A Managing risk: no gaps in 1 outcome');
		expect(text).toContain('C: 1 gap in 1 outcome');
	});

	it('derives the decisions asked of the board from the data, most pressing first', () => {
		expect(boardDecisions(sample())).toEqual([
			'Note that the hard gate on B2.a (The NHS England multi-factor authentication policy is met) is not confirmed as met: the DSPT cannot reach Standards Met until it is.',
			'Approve improvement actions, each with an owner and a due date, for the 1 gap without one (C1.a).',
			'Ask the owners of the 1 overdue improvement action for revised dates, or accept the risk of the delay.',
			'Note data security training at 91.2 % against the 95.0 % target, and ask for a recovery plan for the 1 staff group below it.',
			'Note that 4 ICO-reportable incidents were not notified within 72 hours, and ask how notification will be made on time.',
			'Ask the owners of the 1 critical or high finding past its due date to remediate it, or the SIRO to accept the risk with a reason: DSPT 9.2.3 expects 14 days.',
			'Ask for evidence for the 1 outcome self-assessed above what the data shows (B3.d).'
		]);
		expect(textOf(sample())).toContain('Approve improvement actions, each with an owner and a due date, for the 1 gap without one (C1.a).');
	});

	it('ranks the three largest risks: gaps, then claims above the data, then overdue actions', () => {
		expect(largestRisks(sample()).map((r) => r.kind)).toEqual(['gap', 'gap', 'veracity']);
		expect(largestRisks(sample())[0]!.text).toBe(
			'B2.a Identity and access: judged Partially achieved against a profile of Partially achieved; its hard gate is not confirmed as met; an improvement action with an owner and a due date covers it.'
		);
		const noGaps = { ...sample(), risks: { gaps: [], veracity: [] } };
		expect(largestRisks(noGaps)).toEqual([
			{ kind: 'overdue', text: 'Improvement action on A1.a, "Board review": 31 days overdue (due 28 February 2026; owner SIRO).' }
		]);
		expect(textOf(noGaps)).toContain('No outcome falls short of its profile. The largest risks the data shows:');
	});

	it('asks nothing of the board when the data shows nothing to decide', () => {
		const calm: BoardPackData = {
			...sample(),
			outcomes: [outcome('A1.a')],
			plan: { ...sample().plan, rollUp: [], overdue: [] },
			people: { ...sample().people, completionRate: rate(99, 100) },
			incidents: { ...sample().incidents, notifiedLate: 0, notNotifiedOverdue: 0 },
			assurance: toPackAssurance(emptyRegister())
		};
		expect(boardDecisions(calm)).toEqual([]);
		expect(textOf(calm)).toContain('The data asks no decision of the board: this pack is for noting.');
	});

	it('says so in plain words when there is no data, never leaving a section blank', () => {
		const text = textOf(empty());
		for (const s of [
			'No DSPT edition is loaded in Beacon, so this pack gives no DSPT status and no outcome heat map as of 31 March 2026.',
			'No DSPT edition is loaded in Beacon as of 31 March 2026, so there are no outcomes to show.',
			'No staff required to complete data security training are recorded as of 31 March 2026, so there is no completion rate to report.',
			'No device snapshot from mobile device management had been imported by 31 March 2026, so there are no device figures to report.',
			'No incidents were recorded in the 12 months to 31 March 2026. No incidents have been recorded in Beacon for this organisation at all.',
			'No lessons learned were recorded for incidents closed in the 12 months to 31 March 2026.',
			'No security spend was recorded in the financial years 2021-22 to 2025-26.',
			'No investments have been recorded in Beacon.',
			'so there is no improvement plan to report.',
			'there are no risks to rank',
			'No earlier board pack is on record, so changes are measured from 31 December 2025, three months before.',
			'not comparable'
		])
			expect(text).toContain(s);
		expect(text).not.toContain('NaN');
		expect(text).not.toContain('undefined');
	});

	it('tells an incident-free year from an organisation with no incidents recorded', () => {
		const quiet = { ...empty(), incidents: { ...empty().incidents, recorded: 40 } };
		expect(textOf(quiet)).toContain('No incidents were recorded in the 12 months to 31 March 2026.');
		expect(textOf(quiet)).not.toContain('for this organisation at all');
	});

	it('leaves lines to sign, or prints a recorded sign-off', () => {
		expect(textOf(sample())).toMatch(/For completion by the board member signing off[\s\S]*Name[\s\S]*Role[\s\S]*Date[\s\S]*Signature[\s\S]*Comment/);
		const signed = textOf({ ...sample(), signOff: { name: 'Jane Smith', role: 'Chair', date: '2026-04-28', comment: 'Received and noted.' } });
		for (const s of ['Jane Smith', 'Chair', '28 April 2026', 'Received and noted.']) expect(signed).toContain(s);
		expect(signed).not.toContain('For completion by the board member');
	});

	it('is pure: the same data gives the same document', () => {
		expect(JSON.stringify(boardPack(sample(), META).content)).toBe(JSON.stringify(boardPack(sample(), META).content));
	});

	it('asks for the charts the dashboard draws, by specification and printed size, leaving the drawing to the renderer', () => {
		const d = sample();
		const charts = chartsIn(boardPack(d, META).content);
		const size = (height: number) => ({ width: 515, height });
		expect(charts.map((c) => [c.spec.id, c.size])).toEqual([
			['training-trend', size(190)],
			['device-rates-trend', size(190)],
			['device-stale-trend', size(150)],
			['incidents-by-month', size(190)],
			['assurance-phishing-trend', size(160)],
			['spend-by-category', size(135)]
		]);
		expect(charts[0]!.spec).toEqual(peopleCharts({ target: d.people.target, byStaffGroup: [], byDepartment: [], trend: d.people.trend })[2]);
		expect(JSON.stringify(boardPack(d, META))).not.toContain('data:image');
	});
});
