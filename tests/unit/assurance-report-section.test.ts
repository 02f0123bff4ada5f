import { describe, expect, it } from 'vitest';
import type { PackAssurance, RegulatorAssurance } from '../../reports/assurance-data';
import type { RegulatorPackData } from '../../reports/regulator-types';
import { assuranceSection as boardSection, ASSURANCE_TITLE, REASON_MAX_CHARS } from '../../reports/board-pack-assurance';
import type { BoardPackData } from '../../reports/board-pack-data';
import { framed } from '../../reports/frame';
import { estimateTableHeight, keepWithTable, KEEP_WHOLE_MAX_PT } from '../../reports/keep-whole';
import { ASSURANCE_HEADING, assuranceSection as regulatorSection, FREE_TEXT_MAX_CHARS } from '../../reports/regulator-assurance';
import { regulatorPack } from '../../reports/regulator-pack';
import { assuranceCsvFiles, bundleCsvFiles } from '../../reports/regulator-bundle.server';
import { renderPdf } from '../../reports/render.server';
import { toPackAssurance, toRegulatorAssurance } from '../../src/lib/server/reports/assurance-data';
import { phishingTrendChart } from '../../src/lib/charts/assurance-charts';
import { buildRegister, emptyRegister, sampleRegister } from '../helpers/assurance-fixture';
import { chartsIn } from '../helpers/chart-nodes';
import { parseCsvRecords } from '../helpers/csv';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';

const META = {
	title: 'Board assurance pack',
	organisation: { ods: 'ZT1', name: 'Test Trust' },
	period: '2025-26',
	reportId: '0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3',
	dataSha256: 'ab'.repeat(32),
	generatedAt: '2026-04-20T09:30:00Z'
};

/** The parts of a board pack the assurance section reads. */
const board = (assurance: PackAssurance) =>
	({
		org: { ods: 'ZT1', name: 'Test Trust', kind: 'trust' },
		period: { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
		assurance
	}) as BoardPackData;

/** Every string a document definition prints (not its styles, page breaks, image data or charts to draw), in document order. */
const NOT_PRINTED = new Set(['image', 'chart', 'style', 'pageBreak']);
function texts(node: unknown, out: string[] = []): string[] {
	if (typeof node === 'string') out.push(node);
	else if (Array.isArray(node)) for (const n of node) texts(n, out);
	else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) if (!NOT_PRINTED.has(key)) texts(value, out);
	return out;
}
const boardText = (a: PackAssurance) => texts(boardSection(board(a))).join('\n');
const regulatorText = (a: RegulatorAssurance) => texts(regulatorSection(a, 'Test Trust')).join('\n');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the assurance a pack freezes', () => {
	const pack = toPackAssurance(sampleRegister());
	const reg = toRegulatorAssurance(sampleRegister());

	it('states the figures the assurance metrics compute', () => {
		expect(pack.coverage).toEqual({ rate: { value: 1, numerator: 2, denominator: 2 }, dsptIndependentAssessment: true, penetrationTest: true });
		expect(pack.findings).toEqual({
			open: 4,
			openBySeverity: { critical: 1, high: 1, medium: 1, low: 1 },
			openCriticalHigh: 2,
			overdue: 2,
			overdueCriticalHigh: 1,
			riskAccepted: 1,
			riskAcceptedCriticalHigh: 1,
			// PT-01 on time, PT-03 accepted on time; PT-02 late, IA-01 open past its 14 days; IA-03 not yet judged.
			remediatedWithin14dRate: { value: 0.5, numerator: 2, denominator: 4 },
			// PT-01 in 10 days, PT-02 in 36.
			meanDaysToRemediate: { value: 23, findings: 2 }
		});
		expect(pack.lastIndependentAssessment).toEqual({
			title: 'DSPT 2025-26 independent assessment',
			completedOn: '2026-02-20',
			provider: 'Audit One LLP',
			opinion: 'Moderate assurance',
			confidence: 'High confidence in the self-assessment'
		});
		expect(pack.latestPenetrationTest).toMatchObject({
			title: 'External and internal penetration test',
			completedOn: '2025-10-15',
			findings: 4,
			findingsCriticalHigh: 3,
			findingsOpen: 1
		});
		expect(pack.phishing).toMatchObject({ latestOn: '2026-01-15', clickRate: { value: 0.09, numerator: 90, denominator: 1000 }, reportRate: { value: 0.31 } });
		expect(pack.messaging).toEqual({
			snapshotOn: '2026-03-01',
			devicesWithUnapproved: 124,
			unapprovedRate: { value: 124 / 2000, numerator: 124, denominator: 2000 },
			exact: false,
			unapprovedApps: [
				{ name: 'WhatsApp', devices: 120 },
				{ name: 'Telegram', devices: 4 }
			],
			approvedApps: [{ name: 'Microsoft Teams', devices: 1900 }],
			approvedStaffRate: { value: 0.6, numerator: 3000, denominator: 5000 }
		});
	});

	it('gives the board the activities of the 12 months, the overdue and the accepted serious findings, and two years of phishing', () => {
		// The phishing exercises have their own chart; the 2024 penetration test is outside the 12 months.
		expect(pack.activities.map((a) => [a.typeLabel, a.completedOn])).toEqual([
			['Cyber Essentials Plus', null],
			['DSPT independent assessment', '2026-02-20'],
			['Penetration test', '2025-10-15'],
			['Internal audit', '2025-06-30']
		]);
		expect(pack.activities[1]).toMatchObject({
			opinion: 'Moderate assurance',
			confidence: 'High confidence in the self-assessment',
			reportFileName: 'ia-report.pdf',
			findings: 3,
			findingsCriticalHigh: 2,
			findingsOpen: 3
		});
		expect(pack.overdue.map((f) => [f.reference, f.daysOverdue])).toEqual([
			['IA-01', 25],
			['PT-04', 77]
		]);
		expect(pack.acceptedCriticalHigh).toEqual([
			expect.objectContaining({
				reference: 'PT-03',
				severityLabel: 'High',
				acceptedBy: 'Jane Doe, SIRO',
				closedOn: '2025-10-28',
				acceptedReason: 'Isolated on its own network segment; replaced in 2026-27.',
				within14Days: true
			})
		]);
		expect(pack.phishingExercises.map((p) => p.startedOn)).toEqual(['2024-06-10', '2025-06-10', '2025-09-10', '2026-01-15']);
		expect(pack.phishingExercises.at(-1)).toEqual({
			title: 'Phishing exercise 2026-01',
			startedOn: '2026-01-15',
			emailsSent: 1000,
			clicked: 90,
			credentialsEntered: 15,
			reported: 310
		});
		expect(reg.phishingExercises.at(-1)!.groups.map((g) => g.staffGroup)).toEqual(['Nursing', 'Medical and Dental']);
	});

	it('gives the regulator the findings register of the period, overdue first, and every messaging app found', () => {
		expect(reg.register.map((f) => [f.reference, f.statusLabel, f.within14Days])).toEqual([
			['PT-04', 'Open', null],
			['IA-01', 'Open', false],
			['IA-03', 'Open', null],
			['IA-02', 'Open', null],
			['PT-01', 'Remediated', true],
			['PT-02', 'Remediated', false],
			['PT-03', 'Risk accepted', true]
		]);
		expect(reg.register.find((f) => f.reference === 'PT-02')).toMatchObject({
			raisedOn: '2025-10-15',
			dueOn: '2025-10-29',
			closedOn: '2025-11-20',
			ageDays: 36,
			overdue: false,
			activity: 'External and internal penetration test',
			owner: 'Service desk'
		});
		expect(reg.messagingApps).toEqual([
			{ appName: 'whatsapp', matched: 'WhatsApp', approved: false, devices: 80 },
			{ appName: 'WhatsApp Business', matched: 'WhatsApp', approved: false, devices: 40 },
			{ appName: 'Telegram', matched: 'Telegram', approved: false, devices: 4 },
			{ appName: 'Microsoft Teams', matched: 'Microsoft Teams', approved: true, devices: 1900 }
		]);
	});

	it('reads a finding remediated after the date as open and overdue on it', () => {
		const later = buildRegister({
			findings: [{ reference: 'X-1', title: 'Late fix', severity: 'critical', raisedOn: '2026-03-01', dueOn: '2026-03-15', remediatedOn: '2026-04-10' }]
		});
		expect(toRegulatorAssurance(later).register).toEqual([
			expect.objectContaining({ reference: 'X-1', status: 'open', closedOn: null, overdue: true, daysOverdue: 16, within14Days: false })
		]);
	});

	it('is plain JSON', () => {
		for (const value of [pack, reg, toPackAssurance(emptyRegister()), toRegulatorAssurance(emptyRegister())])
			expect(JSON.parse(JSON.stringify(value))).toEqual(value);
	});
});

describe("the board pack's assurance section", () => {
	it('says what independent assurance the year had, in words and figures', () => {
		const text = flat(boardText(toPackAssurance(sampleRegister())));
		for (const s of [
			ASSURANCE_TITLE,
			'Both assurance activities expected every year were completed in the 12 months to 31 March 2026: a DSPT independent assessment and a penetration test.',
			'The last DSPT independent assessment, completed by Audit One LLP on 20 February 2026, gave an opinion of Moderate assurance and high confidence in the self-assessment.',
			'The latest penetration test, completed by Red Team Ltd on 15 October 2025: 4 findings (3 critical or high); 1 open.',
			'On 31 March 2026, 4 findings were open: 1 critical, 1 high, 1 medium and 1 low, 2 past their due date (1 critical or high).',
			'Risk accepted instead of remediation: 1 finding (1 critical or high).',
			'50.0 % (2 of 4) of the critical and high findings raised in the 12 months to 31 March 2026 were remediated, or their risk accepted, within 14 days (DSPT 9.2.3).',
			'Findings remediated in that time took 23.0 days on average (2 findings).',
			'Moderate assurance',
			'23.0 days',
			'IA-01 ',
			'Board training records incomplete',
			'Jane Doe, SIRO',
			'Isolated on its own network segment; replaced in 2026-27.',
			'In the latest exercise (15 January 2026) 9.0 % of the staff emailed clicked the link and 31.0 % reported it: more staff reported the email than fell for it.',
			'Phishing exercises: click rate and report rate',
			'From the discovered-apps export of 1 March 2026, at most 124 managed devices of 2,000 (6.2 %) hold a consumer messaging app the organisation has not approved: WhatsApp on 120, Telegram on 4.',
			"The organisation's approved secure messaging app is on managed devices: Microsoft Teams on 1,900. 60.0 % (3,000 of 5,000) of staff are active users of an approved app, as last reported."
		])
			expect(text).toContain(s);
		// The trend is the chart's to tell, not repeated in the sentence.
		expect(text).not.toContain('Since 10 June 2024');
		// The phishing trend, drawn as the Assurance page draws it, kept on one page with its heading.
		const pack = toPackAssurance(sampleRegister());
		const phishing = boardSection(board(pack)).find((n) => texts(n).includes('Phishing exercises')) as { unbreakable?: boolean };
		expect(phishing.unbreakable).toBe(true);
		expect(chartsIn(phishing)).toEqual([{ spec: phishingTrendChart(pack.phishingExercises), size: { width: 515, height: 160 } }]);
	});

	it('says once that nothing is recorded, rather than a page of empty figures', () => {
		const content = boardSection(board(toPackAssurance(emptyRegister())));
		expect(texts(content)).toEqual([
			ASSURANCE_TITLE,
			'No assurance activities, findings, phishing exercises or discovered-apps exports are recorded in Beacon for Test Trust as of 31 March 2026, so there is no assurance to report.'
		]);
	});

	it('gives each part its own plain words when only some assurance is recorded', () => {
		const onlyApps = buildRegister({ apps: { asOf: '2026-02-01', apps: [{ appName: 'Notes', deviceCount: 10 }] }, managedDevices: 100 });
		const text = flat(boardText(toPackAssurance(onlyApps)));
		for (const s of [
			'Neither of the two assurance activities expected every year, a DSPT independent assessment and a penetration test, is recorded as completed in the 12 months to 31 March 2026.',
			'No completed DSPT independent assessment is recorded by 31 March 2026.',
			'No penetration test is recorded by 31 March 2026.',
			'None recorded',
			'No audits, assessments or tests are recorded as completed or under way in the 12 months to 31 March 2026.',
			'No findings from audits, assessments or tests are recorded by 31 March 2026.',
			'No critical or high finding raised in the 12 months to 31 March 2026 has yet reached its 14 days.',
			'None due in the 12 months',
			'No phishing exercise is recorded in the two years to 31 March 2026.',
			'From the discovered-apps export of 1 February 2026, no managed device holds a consumer messaging app the organisation has not approved.'
		])
			expect(text).toContain(s);
		expect(text).not.toMatch(/NaN|undefined|null/);
		const oneExercise = buildRegister({
			phishing: [
				{ activityId: 1, title: 'Spring exercise', startedOn: '2025-05-01', emailsSent: 200, clicked: 30, credentialsEntered: null, reported: 10, groups: [] }
			]
		});
		const one = boardSection(board(toPackAssurance(oneExercise)));
		expect(flat(texts(one).join('\n'))).toContain(
			'In the latest exercise (1 May 2025) 15.0 % of the staff emailed clicked the link and 5.0 % reported it: more staff fell for the email than reported it.'
		);
		expect(flat(texts(one).join('\n'))).toContain('No discovered-apps export from mobile device management had been imported by 31 March 2026');
		// One exercise is no trend: no chart.
		expect(chartsIn(one)).toEqual([]);
	});

	it('says when the last independent assessment is more than a year old', () => {
		const old = buildRegister({
			activities: [
				{ id: 1, type: 'dspt_independent_assessment', title: 'DSPT 2023-24', startedOn: '2024-02-01', completedOn: '2024-03-01', opinion: 'substantial' }
			]
		});
		const text = flat(boardText(toPackAssurance(old)));
		expect(text).toContain(
			'The last DSPT independent assessment, completed on 1 March 2024, more than 12 months before this pack, gave an opinion of Substantial assurance, and no confidence in the self-assessment is recorded.'
		);
		expect(text).toContain('(over 12 months ago)');
	});

	it('shortens a long reason for accepting a risk, and keeps each small table whole with its heading', () => {
		const reason = `${'Compensating controls are in place. '.repeat(40)}END`;
		const register = buildRegister({
			findings: [
				{
					reference: 'R-1',
					title: 'Accepted',
					severity: 'critical',
					raisedOn: '2026-01-01',
					dueOn: '2026-01-15',
					accepted: { on: '2026-01-10', by: 'SIRO', reason }
				}
			]
		});
		const content = boardSection(board(toPackAssurance(register)));
		const text = texts(content).join('\n');
		expect(text).toContain(`${reason.slice(0, REASON_MAX_CHARS).trimEnd()}… (shortened)`);
		expect(text).not.toContain('END');
		expect(content).toContainEqual(
			expect.objectContaining({ unbreakable: true, stack: expect.arrayContaining([expect.objectContaining({ text: 'Critical and high risks accepted' })]) })
		);
	});
});

describe("the regulator pack's assurance section", () => {
	it('lists the activities, the findings register, the phishing exercises by staff group and the messaging apps', () => {
		const text = flat(regulatorText(toRegulatorAssurance(sampleRegister())));
		for (const s of [
			ASSURANCE_HEADING,
			'Activities',
			'Scope: The DSPT 2025-26 submission',
			'Report: ia-report.pdf',
			'Two outcomes over-claimed.',
			'Findings register',
			'Open, overdue',
			'77 days past due',
			'due 13 January 2026',
			'Risk accepted by Jane Doe, SIRO: Isolated on its own network segment; replaced in 2026-27.',
			'on 20 November 2025, after 36 days',
			'Not yet due',
			'Phishing exercises',
			'Since 10 June 2024: click rate 9.0 % (down from 20.0 %), report rate 31.0 % (up from 10.0 %).',
			'Medical and Dental',
			'30 (7.5 %)',
			'Not given',
			'Messaging apps on managed devices',
			'WhatsApp Business',
			'Consumer, not approved',
			'Approved by the organisation'
		])
			expect(text).toContain(s);
		expect(text).not.toContain('OLD-01');
	});

	it('says plainly when nothing is recorded', () => {
		expect(texts(regulatorSection(toRegulatorAssurance(emptyRegister()), 'Test Trust'))).toEqual([
			ASSURANCE_HEADING,
			'No assurance activities, findings, phishing exercises or discovered-apps exports are recorded in Beacon for Test Trust as of 31 March 2026, so there is no assurance to report.'
		]);
		const onlyFindings = buildRegister({
			findings: [{ reference: 'F-1', title: 'Weak passwords', severity: 'low', raisedOn: '2024-01-01', dueOn: '2024-06-01', remediatedOn: '2024-02-01' }]
		});
		const text = flat(regulatorText(toRegulatorAssurance(onlyFindings)));
		expect(text).toContain('No finding was open on 31 March 2026.');
		expect(text).toContain('No findings were open on 31 March 2026 or raised or closed in the 12 months to it.');
		expect(text).toContain('No assurance activities recorded as completed in the 12 months to 31 March 2026 or under way on that date.');
		expect(text).toContain('No discovered-apps export from mobile device management had been imported by 31 March 2026');
	});

	it('shortens free text that could make a row taller than a page; the bundle has it whole', () => {
		const long = `${'A very long scope. '.repeat(120)}ENDOFSCOPE`;
		const register = toRegulatorAssurance(
			buildRegister({ activities: [{ id: 1, type: 'internal_audit', title: 'Audit', startedOn: '2026-01-01', scope: long, note: long }] })
		);
		const text = regulatorText(register);
		expect(text).toContain('(shortened: the full text is in activities.csv of the bundle)');
		expect(text).not.toContain('ENDOFSCOPE');
		expect(long.length).toBeGreaterThan(FREE_TEXT_MAX_CHARS);
		const [, activities] = assuranceCsvFiles(register)[0]!;
		expect(parseCsvRecords(activities)).toEqual([expect.objectContaining({ type: 'Internal audit', scope: long, opinion_note: long, completed_on: '' })]);
	});
});

describe('the assurance CSVs of the regulator bundle', () => {
	const reg = toRegulatorAssurance(sampleRegister());
	const files = Object.fromEntries(assuranceCsvFiles(reg));
	const csv = (name: string) => parseCsvRecords(files[name]!);

	it('hold every row the pack prints', () => {
		expect(Object.keys(files)).toEqual(['activities.csv', 'findings.csv', 'phishing.csv', 'messaging-apps.csv']);
		expect(csv('activities.csv').map((r) => r.title)).toEqual(reg.activities.map((a) => a.title));
		expect(csv('findings.csv')[0]).toEqual({
			reference: 'PT-04',
			title: 'TLS 1.0 enabled on the intranet',
			severity: 'medium',
			raised_on: '2025-10-15',
			due_on: '2026-01-13',
			owner: 'Web team',
			status: 'open',
			closed_on: '',
			accepted_by: '',
			accepted_reason: '',
			activity: 'External and internal penetration test',
			overdue: 'yes',
			days_overdue: '77',
			age_days: '167',
			within_14_days: ''
		});
		expect(csv('findings.csv').find((r) => r.reference === 'PT-03')).toMatchObject({
			status: 'risk_accepted',
			closed_on: '2025-10-28',
			accepted_by: 'Jane Doe, SIRO',
			within_14_days: 'yes'
		});
		// One row per exercise, then its staff groups.
		expect(
			csv('phishing.csv')
				.slice(-3)
				.map((r) => [r.staff_group, r.emails_sent, r.clicked, r.credentials_entered, r.reported])
		).toEqual([
			['', '1000', '90', '15', '310'],
			['Nursing', '600', '60', '10', '170'],
			['Medical and Dental', '400', '30', '5', '140']
		]);
		expect(csv('messaging-apps.csv')[0]).toEqual({ app_name: 'whatsapp', recognised_as: 'WhatsApp', approved: 'no', devices: '80', export_on: '2026-03-01' });
	});

	it('are left out of the bundle of a snapshot frozen before assurance was added, so it is rebuilt byte for byte', () => {
		const legacy = {
			formatVersion: 1,
			organisation: { ods: 'ZT1', name: 'T' },
			period: { label: '2024-25', from: '2024-04-01', to: '2025-03-31', asOf: '2025-03-31' },
			objectives: [],
			plan: { actions: [] },
			metrics: { asOf: '2025-03-31', items: [] }
		};
		expect(bundleCsvFiles(legacy as never).map(([name]) => name)).toEqual(['outcomes.csv', 'evidence.csv', 'actions.csv', 'metrics.csv']);
	});
});

describe('keeping headings with their tables', () => {
	const columns = [{ header: 'A' }, { header: 'B', width: 60 }];
	it('keeps a short table whole, and lets a long one flow with its lead kept to its first rows', () => {
		const short = [['one', 'two']];
		expect(estimateTableHeight(columns, short, 8)).toBeLessThan(60);
		expect(keepWithTable([{ text: 'Heading', style: 'h3' }], { table: {} } as never, estimateTableHeight(columns, short, 8))).toEqual([
			expect.objectContaining({ unbreakable: true })
		]);
		const tall = Array.from({ length: 40 }, () => ['x'.repeat(400), 'y']);
		expect(estimateTableHeight(columns, tall, 8)).toBeGreaterThan(KEEP_WHOLE_MAX_PT);
		const kept = keepWithTable([{ text: 'Heading', style: 'h3' }], { table: {} } as never, estimateTableHeight(columns, tall, 8));
		expect(kept).toEqual([expect.objectContaining({ unbreakable: true, headlineLevel: 1 }), { table: {} }]);
	});
});

describe('the regulator pack around the section', () => {
	it('asks pdfmake to keep headings with their tables only when a long table needs it', () => {
		const base: Omit<RegulatorPackData, 'assurance'> = {
			formatVersion: 2,
			organisation: { ods: 'ZT1', name: 'Test Trust' },
			period: { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
			edition: { code: 'dspt-caf', edition: '2024-25', name: 'DSPT', chosenBy: 'period' },
			assessmentStatus: null,
			status: {
				label: 'Standards Not Met',
				code: 'standards_not_met',
				localRule: null,
				counts: {
					outcomes: 0,
					selfAssessed: 0,
					meetingProfile: 0,
					judgedAchieved: 0,
					gaps: 0,
					uncoveredGaps: 0,
					disagreements: 0,
					evidenceFiles: 0,
					openActions: 0,
					overdueActions: 0
				},
				hardGates: []
			},
			objectives: [],
			plan: { actions: [] },
			metrics: { asOf: '2026-03-31', items: [] }
		};
		expect(regulatorPack({ ...base, assurance: toRegulatorAssurance(emptyRegister()) }, META).pageBreakBefore).toBeUndefined();
		const findings = Array.from({ length: 30 }, (_, i) => ({
			reference: `F-${i}`,
			title: `Finding ${i}`,
			severity: 'medium' as const,
			raisedOn: '2025-11-01',
			dueOn: '2026-02-01'
		}));
		expect(typeof regulatorPack({ ...base, assurance: toRegulatorAssurance(buildRegister({ findings })) }, META).pageBreakBefore).toBe('function');
	});
});

describe('rendered', () => {
	it('prints every finding of a long register, none dropped at a page break', { timeout: 60_000 }, async () => {
		const findings = Array.from({ length: 40 }, (_, i) => ({
			reference: `F-${String(i + 1).padStart(2, '0')}`,
			title: `Finding ${i + 1} ${'with a long description of what was found. '.repeat(i % 5 === 0 ? 10 : 1)}`,
			severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4]!,
			raisedOn: '2025-11-01',
			dueOn: '2025-11-15',
			...(i % 3 === 0 ? { accepted: { on: '2025-11-10', by: 'SIRO', reason: `${'Reason. '.repeat(250)}` } } : {})
		}));
		const register = toRegulatorAssurance(buildRegister({ findings }));
		const pack = toPackAssurance(buildRegister({ findings }));
		const regDoc = await renderPdf(framed(META, regulatorSection(register, 'Test Trust')));
		const boardDoc = await renderPdf(framed(META, boardSection(board(pack))));
		expect(regDoc.pages).toBeGreaterThan(3);
		expect(boardDoc.pages).toBeGreaterThanOrEqual(2);
		if (!hasPdfTools) return;
		const text = pdfText(regDoc.bytes);
		for (const f of findings) expect(text).toContain(f.reference);
		expect(flat(pdfText(boardDoc.bytes))).toContain('The 5 most pressing of 26 are shown; the regulator pack lists them all.');
	});
});
