import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPack, type BoardPackData } from '../../reports/board-pack';
import { renderPdf, type RenderedPdf } from '../../reports/render.server';
import { formatCount, formatPence, formatRate } from '../../src/lib/format';
import { getImprovementPlan } from '../../src/lib/server/assessment/page';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getDevicesPage } from '../../src/lib/server/devices/page';
import { getIncidentsPage } from '../../src/lib/server/incidents/page';
import { getOverview } from '../../src/lib/server/overview/page';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { NotFoundError } from '../../src/lib/server/errors';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getAssuranceRegister } from '../../src/lib/server/assurance/service';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { toPackAssurance } from '../../src/lib/server/reports/assurance-data';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { canonicalJson, sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { parsePeriod } from '../../src/lib/server/reports/period';
import { generateReport } from '../../src/lib/server/reports/service';
import { verifyPdf } from '../../src/lib/server/reports/verify';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { hasPdfTools, pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';
import { recordAssuranceHistory } from './helpers/assurance-history';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor, clock: recordedLongAgo });
// Read as a board would after the year end, whatever today is.
const PERIOD = parsePeriod('2025-26', '2026-11-23')!;
const AS_OF = PERIOD.asOf;
const meta = (data: BoardPackData) => ({
	title: 'Board assurance pack',
	organisation: { ods: data.org.ods, name: data.org.name },
	period: PERIOD.label,
	reportId: '6f1c1f7e-1111-4222-8333-944455556666',
	dataSha256: sha256Hex(canonicalJson(data)),
	generatedAt: '2026-11-23T09:00:00Z'
});
let data: BoardPackData;
let pdf: RenderedPdf;

beforeAll(async () => {
	// The shipped frameworks and the demo, loaded once per run into a template.
	database = await openTestDatabase('demo');
	data = await gatherBoardPackData(ctx(), 'zb1', PERIOD);
	pdf = await renderPdf(boardPack(data, meta(data)));
}, 180_000);
afterAll(async () => {
	await database?.close();
});

describe(`the board pack of a demo trust on ${testBackend()}`, () => {
	it('is plain JSON, read as of the end of the period', () => {
		expect(JSON.parse(JSON.stringify(data))).toEqual(data);
		expect(data.org).toMatchObject({ ods: 'ZB1', name: 'Borchester General Hospital NHS Foundation Trust (demo)' });
		expect(data.period).toEqual({ label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' });
		expect(data.signOff).toBeNull();
		expect(canonicalJson(data).length).toBeLessThan(100_000);
	});

	it('holds the same figures as the dashboard for the same organisation and date', async () => {
		const [overview, people, devices, incidents, spend] = await Promise.all([
			getOverview(ctx(), 'ZB1', AS_OF),
			getPeoplePage(ctx(), 'ZB1', { asOf: AS_OF }),
			getDevicesPage(ctx(), 'ZB1', { asOf: AS_OF }),
			getIncidentsPage(ctx(), 'ZB1', { asOf: AS_OF }),
			getSpendPage(ctx(), 'ZB1', { asOf: AS_OF })
		]);
		expect(data.edition).toBe(overview.scorecard!.edition);
		const [plan, card] = await Promise.all([getImprovementPlan(ctx(), 'ZB1', data.edition!, AS_OF), getScorecard(ctx(), 'ZB1', data.edition!, AS_OF)]);
		expect(data.status).toMatchObject({
			label: overview.scorecard!.status,
			gaps: overview.scorecard!.gaps,
			meeting: overview.scorecard!.meeting,
			outcomes: 47
		});
		expect(data.outcomes.map((o) => [o.id, o.profile, o.self, o.data, o.judged, o.gap])).toEqual(
			card.outcomes.map((o) => [o.id, o.profile, o.self, o.data, o.judged, o.gap])
		);
		expect(data.outcomes.map((o) => o.state)).toEqual(overview.heatMap.flatMap((r) => r.cells.map((c) => c.state)));
		expect(data.changes.figures).toEqual(overview.changes.figures);
		expect(data.people.completionRate).toEqual(people.training.completionRate);
		expect(data.people.completionRate).toEqual(overview.metrics.training.completionRate);
		expect(data.people.byStaffGroup.map((g) => [g.name, g.requiredStaff, g.completed12m])).toEqual(
			people.training.byStaffGroup.map((g) => [g.staffGroup, g.requiredStaff, g.completed12m])
		);
		expect(data.devices.compliantRate).toEqual(devices.devices.compliantRate);
		expect(data.devices.encryptedRate).toEqual(devices.devices.encryptedRate);
		expect(data.devices.trend.stale).toEqual(devices.trend.stale);
		expect(data.incidents).toMatchObject({
			total: incidents.metrics.total,
			icoReportable: incidents.metrics.icoReportable,
			notifiedWithin72hRate: incidents.metrics.notifiedWithin72hRate,
			medianHoursToContain: incidents.metrics.medianHoursToContain,
			lessons: incidents.lessons
		});
		expect(data.incidents.total).toBeGreaterThan(0);
		expect(data.spend.totalPence).toBe(spend.metrics.totalPence);
		expect(data.spend.years).toEqual(spend.years);
		expect(data.spend.investments.map((i) => [i.name, i.spentToDatePence])).toEqual(spend.investments.map((i) => [i.name, i.spentToDatePence]));
		expect(data.plan.rollUp).toEqual(plan.rollUp);
	});

	it('renders an A4 PDF of at most 3 MB with a page count', () => {
		expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.bytes.length).toBeLessThan(3 * 1024 * 1024);
		expect(pdf.pages).toBeGreaterThanOrEqual(9);
	});

	it.skipIf(!hasPdfTools)('passes qpdf, embeds every font, and reads back with the organisation, key figures and a page footer on every page', () => {
		expect(qpdfCheck(pdf.bytes).ok).toBe(true);
		const fonts = pdfFonts(pdf.bytes);
		expect(fonts.length).toBeGreaterThan(0);
		expect(fonts.every((f) => f.embedded)).toBe(true);
		expect(Number(pdfInfo(pdf.bytes).Pages)).toBe(pdf.pages);
		const text = pdfText(pdf.bytes);
		for (const s of [
			'Borchester General Hospital NHS Foundation Trust (demo)',
			'Board assurance pack',
			data.status!.label,
			formatRate(data.people.completionRate.value!),
			`${formatCount(data.people.completed12m)} of ${formatCount(data.people.requiredStaff)}`,
			formatRate(data.devices.compliantRate!.value!),
			formatPence(data.spend.totalPence),
			`${formatCount(data.incidents.total)} incidents were detected`,
			'Board sign-off'
		])
			expect(text).toContain(s);
		const pages = text.split('\f').filter((p) => p.trim() !== '');
		expect(pages).toHaveLength(pdf.pages);
		pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`));
	});
});

describe(`the board pack of an organisation with no data on ${testBackend()}`, () => {
	it('gathers and renders, saying in words that there is nothing to report', async () => {
		await createOrganisation(ctx(), { ods: 'ZE1', name: 'Empty Test Trust', kind: 'trust' });
		const empty = await gatherBoardPackData(ctx(), 'ZE1', PERIOD);
		expect(empty.incidents).toMatchObject({ total: 0, recorded: 0 });
		expect(empty.devices.snapshot).toBeNull();
		const rendered = await renderPdf(boardPack(empty, meta(empty)));
		if (!hasPdfTools) return;
		const text = pdfText(rendered.bytes).replace(/\s+/g, ' ');
		expect(text).toContain('No incidents were recorded in the 12 months to 31 March 2026.');
		expect(text).toContain('No device snapshot from mobile device management had been imported by 31 March 2026');
	});

	it("keeps one organisation's pack from a user of another", async () => {
		const other = Number((await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZB2').executeTakeFirstOrThrow()).id);
		const actor: Actor = {
			kind: 'user',
			userId: 999_999,
			email: 'board@example.nhs.uk',
			name: 'board',
			grants: [{ role: 'board', organisationId: other, ods: 'ZB2' }]
		};
		await expect(gatherBoardPackData(ctx(actor), 'ZB1', PERIOD)).rejects.toThrow(NotFoundError);
	});
});

describe(`the assurance section of a board pack on ${testBackend()}`, () => {
	let assured: BoardPackData;
	beforeAll(async () => {
		await createOrganisation(ctx(), { ods: 'ZA1', name: 'Assured Test Trust', kind: 'trust' });
		await recordAssuranceHistory(ctx(), 'ZA1');
		assured = await gatherBoardPackData(ctx(), 'ZA1', PERIOD);
	}, 60_000);

	it('freezes the assurance register as of the end of the period, with the figures the metrics give', async () => {
		expect(assured.assurance).toEqual(toPackAssurance(await getAssuranceRegister(ctx(), 'ZA1', AS_OF)));
		const metrics = (await getOrganisationMetrics(ctx(), 'ZA1', AS_OF)).assurance;
		expect(assured.assurance.findings).toEqual({
			open: 3,
			openBySeverity: { critical: 0, high: 1, medium: 1, low: 1 },
			openCriticalHigh: metrics.openCriticalHigh,
			overdue: metrics.overdueFindings,
			overdueCriticalHigh: 1,
			riskAccepted: metrics.riskAccepted,
			riskAcceptedCriticalHigh: 1,
			remediatedWithin14dRate: metrics.remediatedWithin14dRate,
			meanDaysToRemediate: { value: metrics.meanDaysToRemediate, findings: 2 }
		});
		expect(metrics).toMatchObject({
			openCriticalHigh: 1,
			overdueFindings: 2,
			riskAccepted: 1,
			remediatedWithin14dRate: { numerator: 2, denominator: 4 },
			meanDaysToRemediate: 23
		});
		expect(assured.assurance.lastIndependentAssessment).toMatchObject({
			completedOn: '2026-02-20',
			opinion: 'Moderate assurance',
			confidence: 'High confidence in the self-assessment'
		});
		expect(assured.assurance.latestPenetrationTest).toMatchObject({
			title: 'External and internal penetration test',
			findings: 4,
			findingsCriticalHigh: 3,
			findingsOpen: 1
		});
		expect(assured.assurance.acceptedCriticalHigh).toEqual([
			expect.objectContaining({ reference: 'PT-03', acceptedBy: 'Jane Doe, SIRO', acceptedReason: 'Isolated on its own network segment; replaced in 2026-27.' })
		]);
		expect(assured.assurance.phishingExercises.map((p) => [p.title, p.clicked, p.reported])).toEqual([
			['Summer phishing exercise', 150, 200],
			['Autumn phishing exercise', 120, 260],
			['Winter phishing exercise', 90, 310]
		]);
		expect(assured.assurance.messaging).toMatchObject({
			snapshotOn: '2025-09-15',
			devicesWithUnapproved: metrics.devicesWithUnapprovedMessaging,
			exact: false,
			approvedApps: [{ name: 'Pando', devices: 418 }]
		});
		expect(assured.assurance.messaging.unapprovedApps.map((a) => a.name)).toEqual(expect.arrayContaining(['WhatsApp', 'Telegram']));
		expect(JSON.parse(JSON.stringify(assured))).toEqual(assured);
	});

	it('is frozen with the pack and printed in it; the PDF still carries the hash of the data and verifies', async () => {
		const report = await generateReport(ctx(), 'ZA1', 'board', PERIOD.label);
		const stored = await database.db
			.selectFrom('report_snapshot')
			.select(['data', 'data_sha256'])
			.where('report_id', '=', report.reportId)
			.executeTakeFirstOrThrow();
		const frozen = (typeof stored.data === 'string' ? JSON.parse(stored.data) : stored.data) as BoardPackData;
		expect(frozen.assurance).toEqual(assured.assurance);
		expect(sha256Hex(canonicalJson(frozen))).toBe(report.dataSha256);
		expect(stored.data_sha256).toBe(report.dataSha256);
		expect(await verifyPdf(database.db, report.pdf)).toMatchObject({ outcome: 'authentic', reportId: report.reportId });
		if (process.env.KEEP_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_PDF, report.pdf);
		if (!hasPdfTools) return;
		expect(pdfInfo(report.pdf).Keywords).toContain(`beacon-data-sha256:${report.dataSha256}`);
		const text = pdfText(report.pdf).replace(/\s+/g, ' ');
		for (const s of [
			'Assurance: audits, tests, phishing and messaging',
			'Both assurance activities expected every year were completed in the 12 months to 31 March 2026',
			'gave an opinion of Moderate assurance and high confidence in the self-assessment',
			'On 31 March 2026, 3 findings were open: 0 critical, 1 high, 1 medium and 1 low, 2 past their due date (1 critical or high).',
			'50.0 % (2 of 4) of the critical and high findings',
			'23.0 days',
			'Board training records incomplete',
			'Jane Doe, SIRO',
			'Phishing exercises: click rate and report rate',
			'In the latest exercise (15 January 2026) 9.0 % of the staff emailed clicked the link and 31.0 % reported it',
			'From the discovered-apps export of 15 September 2025',
			"The organisation's approved secure messaging app is on managed devices: Pando on 418.",
			'Ask the owners of the 1 critical or high finding past its due date to remediate it'
		])
			expect(text).toContain(s);
	});

	it('says plainly that an organisation has no assurance recorded', async () => {
		await createOrganisation(ctx(), { ods: 'ZA2', name: 'Unassured Test Trust', kind: 'trust' });
		const none = await gatherBoardPackData(ctx(), 'ZA2', PERIOD);
		expect(none.assurance).toMatchObject({
			recorded: { activities: 0, findings: 0, phishingExercises: 0, appExport: false },
			lastIndependentAssessment: null,
			latestPenetrationTest: null,
			activities: [],
			phishingExercises: []
		});
		const rendered = await renderPdf(boardPack(none, meta(none)));
		if (!hasPdfTools) return;
		expect(pdfText(rendered.bytes).replace(/\s+/g, ' ')).toContain(
			'No assurance activities, findings, phishing exercises or discovered-apps exports are recorded in Beacon for Unassured Test Trust as of 31 March 2026'
		);
	});
});
