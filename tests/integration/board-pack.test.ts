import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardPack, type BoardPackData } from '../../reports/board-pack';
import { renderPdf, type RenderedPdf } from '../../reports/render.server';
import { formatCount, formatPence, formatRate } from '../../src/lib/format';
import { getImprovementPlan } from '../../src/lib/server/assessment/plan-page';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getDevicesPage } from '../../src/lib/server/dashboard/devices';
import { getIncidentsPage } from '../../src/lib/server/dashboard/incidents';
import { getOverview } from '../../src/lib/server/dashboard/overview';
import { getPeoplePage } from '../../src/lib/server/dashboard/people';
import { getSpendPage } from '../../src/lib/server/dashboard/spend';
import { NotFoundError } from '../../src/lib/server/errors';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { canonicalJson, sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { parsePeriod } from '../../src/lib/server/reports/period';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { hasPdfTools, pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
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
	database = await openTestDatabase();
	await loadShippedFrameworks(ctx());
	await seedDemo(ctx());
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
		const [overview, people, devices, incidents, spend] = await Promise.all([getOverview(ctx(), 'ZB1', AS_OF), getPeoplePage(ctx(), 'ZB1', { asOf: AS_OF }), getDevicesPage(ctx(), 'ZB1', { asOf: AS_OF }), getIncidentsPage(ctx(), 'ZB1', { asOf: AS_OF }), getSpendPage(ctx(), 'ZB1', { asOf: AS_OF })]);
		expect(data.edition).toBe(overview.scorecard!.edition);
		const [plan, card] = await Promise.all([getImprovementPlan(ctx(), 'ZB1', data.edition!, AS_OF), getScorecard(ctx(), 'ZB1', data.edition!, AS_OF)]);
		expect(data.status).toMatchObject({ label: overview.scorecard!.status, gaps: overview.scorecard!.gaps, meeting: overview.scorecard!.meeting, outcomes: 47 });
		expect(data.outcomes.map((o) => [o.id, o.profile, o.self, o.data, o.judged, o.gap])).toEqual(card.outcomes.map((o) => [o.id, o.profile, o.self, o.data, o.judged, o.gap]));
		expect(data.outcomes.map((o) => o.state)).toEqual(overview.heatMap.flatMap((r) => r.cells.map((c) => c.state)));
		expect(data.changes.figures).toEqual(overview.changes.figures);
		expect(data.people.completionRate).toEqual(people.training.completionRate);
		expect(data.people.completionRate).toEqual(overview.metrics.training.completionRate);
		expect(data.people.byStaffGroup.map((g) => [g.name, g.requiredStaff, g.completed12m])).toEqual(people.training.byStaffGroup.map((g) => [g.staffGroup, g.requiredStaff, g.completed12m]));
		expect(data.devices.compliantRate).toEqual(devices.devices.compliantRate);
		expect(data.devices.encryptedRate).toEqual(devices.devices.encryptedRate);
		expect(data.devices.trend.stale).toEqual(devices.trend.stale);
		expect(data.incidents).toMatchObject({ total: incidents.metrics.total, icoReportable: incidents.metrics.icoReportable, notifiedWithin72hRate: incidents.metrics.notifiedWithin72hRate, medianHoursToContain: incidents.metrics.medianHoursToContain, lessons: incidents.lessons });
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
		const actor: Actor = { kind: 'user', userId: 999_999, email: 'board@example.nhs.uk', name: 'board', grants: [{ role: 'board', organisationId: other, ods: 'ZB2' }] };
		await expect(gatherBoardPackData(ctx(actor), 'ZB1', PERIOD)).rejects.toThrow(NotFoundError);
	});
});
