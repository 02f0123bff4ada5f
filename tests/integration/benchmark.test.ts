import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import { systemActor } from '../../src/lib/server/auth/actor';
import { WITHHELD_TEXT } from '../../src/lib/server/benchmark/anonymise';
import { getBenchmarkPage } from '../../src/lib/server/benchmark/page';
import { getPeerBenchmarks } from '../../src/lib/server/benchmark/peers';
import { getOrganisationStanding, getStatusDistribution, getStatusTrend } from '../../src/lib/server/benchmark/public-status';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { organisationRef } from '../../src/lib/server/auth/organisation-access';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { countRows, haveSamples, labelOf, SAMPLE_FILES, SAMPLES, sampleRows, samplePath } from './helpers/public-status-counts';

if (!haveSamples) console.warn(`[beacon] real DSPT status samples not found at ${SAMPLES}: the public benchmark tests are skipped`);

const SYSTEM = systemActor('test');
const AS_OF = '2025-03-31';
let database: TestDatabase;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor });

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`public DSPT status benchmarks on ${testBackend()}`, () => {
	it('shows nothing before an export is imported, and refuses an edition it does not hold', async () => {
		// No editions held: no national distribution at all.
		expect(await getStatusTrend(ctx())).toEqual([]);
		await expect(getStatusDistribution(ctx(), { edition: '22/23' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getStatusDistribution(ctx(), { edition: '2022' })).rejects.toBeInstanceOf(ValidationError);
	});

	it.skipIf(!haveSamples)('counts the real files by edition, by ICB and by sector exactly as the files do', async () => {
		for (const file of Object.values(SAMPLE_FILES)) {
			const report = await importDsptStatus(ctx(), { path: samplePath(file) });
			expect(report.errors, file).toEqual([]);
		}
		// The editions the register holds (as the benchmark page lists them), one national distribution each.
		expect((await getStatusTrend(ctx())).map((d) => d.edition)).toEqual(['21/22', '22/23']);
		const trusts2223 = sampleRows(SAMPLE_FILES.trusts2223);
		const icbs2223 = sampleRows(SAMPLE_FILES.icbs2223);
		const trusts2122 = sampleRows(SAMPLE_FILES.trusts2122);

		const national2223 = countRows([...trusts2223, ...icbs2223]);
		expect(national2223.total).toBeGreaterThan(200);
		expect(await getStatusDistribution(ctx(), { edition: '22/23' })).toEqual({ edition: '22/23', scope: 'national', ...national2223 });
		expect(await getStatusDistribution(ctx(), { edition: '21/22' })).toEqual({ edition: '21/22', scope: 'national', ...countRows(trusts2122) });

		// Every ICB named in the 22/23 trusts file ("High Level Health Geography"), each against the file.
		const icbs = [...new Set(trusts2223.map((r) => (r['High Level Health Geography'] ?? '').trim().toUpperCase()).filter(Boolean))];
		expect(icbs.length).toBeGreaterThan(30);
		for (const icb of icbs) {
			const expected = countRows(trusts2223, (r) => (r['High Level Health Geography'] ?? '').trim().toUpperCase() === icb);
			expect(await getStatusDistribution(ctx(), { edition: '22/23', icb: icb.toLowerCase() }), icb).toEqual({
				edition: '22/23',
				scope: `ICB ${icb}`,
				...expected
			});
		}

		const sectorTrusts = countRows([...trusts2223, ...icbs2223], (r) => r['Primary Sector'] === 'NHS Trust');
		expect(await getStatusDistribution(ctx(), { edition: '22/23', sector: 'nhs trust' })).toMatchObject({ scope: 'sector nhs trust', ...sectorTrusts });
		expect((await getStatusDistribution(ctx(), { edition: '22/23', icb: 'QOP', sector: 'NHS Trust' })).total).toBe(
			countRows(trusts2223, (r) => r['High Level Health Geography'] === 'QOP' && r['Primary Sector'] === 'NHS Trust').total
		);

		const trend = await getStatusTrend(ctx());
		expect(trend.map((d) => [d.edition, d.total])).toEqual([
			['21/22', countRows(trusts2122).total],
			['22/23', national2223.total]
		]);
	});

	it.skipIf(!haveSamples)('says where a real trust stands in each edition, beside the national share', async () => {
		const row2223 = sampleRows(SAMPLE_FILES.trusts2223).find((r) => r.Code === 'R0A')!;
		const row2122 = sampleRows(SAMPLE_FILES.trusts2122).find((r) => r['ODS Code'] === 'R0A');
		const standing = await getOrganisationStanding(ctx(), 'r0a');
		const national2223 = countRows([...sampleRows(SAMPLE_FILES.trusts2223), ...sampleRows(SAMPLE_FILES.icbs2223)]);
		const [, s2223] = standing;
		expect(s2223).toMatchObject({ edition: '22/23', status: 'Standards Met', icb: row2223['High Level Health Geography'], sector: 'NHS Trust' });
		expect(s2223?.nationalShare['Standards Met']).toBeCloseTo(national2223.statuses['Standards Met']! / national2223.total, 12);
		expect(standing[0]).toMatchObject({ edition: '21/22', status: row2122 ? labelOf(row2122.Status!) : null });

		const page = await getBenchmarkPage(ctx(), 'R0A', { asOf: AS_OF });
		expect(page.edition).toBe('22/23');
		expect(page.icb?.ods).toBe('QOP');
		expect(page.icb?.trend.find((d) => d.edition === '22/23')?.total).toBe(
			countRows(sampleRows(SAMPLE_FILES.trusts2223), (r) => r['High Level Health Geography'] === 'QOP').total
		);
		await expect(getBenchmarkPage(ctx(), 'R0A', { asOf: AS_OF, edition: '18/19' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getBenchmarkPage(ctx(), 'R0A', { asOf: AS_OF, edition: '2022' })).rejects.toThrow(/edition: an edition is written like 22\/23/);
		await expect(getBenchmarkPage(ctx(), 'R0A', { asOf: '2026-02-30' })).rejects.toThrow(/asOf: a date is written YYYY-MM-DD and must exist/);
	});
});

describe(`peer benchmarks on ${testBackend()}`, () => {
	/** Trusts with a headcount of 1,000 and k × £1,000 of spend: spend per staff member k × 100 pence. */
	async function addTrust(ods: string, k: number) {
		await createOrganisation(ctx(), { ods, name: `Peer ${ods} NHS Trust`, kind: 'trust', parentOds: 'PX0' });
		await setHeadcount(ctx(), ods, { financialYear: 2024, headcount: 1_000 });
		await createSpendLines(ctx(), ods, [{ spentOn: '2024-06-01', category: 'mdm', expenseType: 'opex', amountPence: k * 100_000 }]);
	}
	const userWith = async (role: 'it_lead' | 'board', ods: string): Promise<Actor> => {
		const ref = await organisationRef(ctx(), ods);
		return { kind: 'user', userId: 1, email: `${role}@test.invalid`, name: role, grants: [{ role, organisationId: ref!.id, ods }] };
	};

	it('withholds a group of four, and shows a group of five as quartiles with the trust’s position', async () => {
		await createOrganisation(ctx(), { ods: 'PX0', name: 'Peer ICB', kind: 'icb' });
		for (const [i, ods] of ['PA1', 'PA2', 'PA3', 'PA4'].entries()) await addTrust(ods, i + 1);
		const four = await getPeerBenchmarks(ctx(), 'PA4', AS_OF);
		const spend4 = four.metrics.find((m) => m.key === 'spendPerStaff')!;
		expect(spend4).toMatchObject({ value: 400, group: { shown: false, reason: WITHHELD_TEXT }, quarter: null });
		// No devices or training anywhere: nobody has a figure, so nothing is shown.
		expect(four.metrics.find((m) => m.key === 'training')?.group.shown).toBe(false);

		await addTrust('PA5', 5);
		const five = await getPeerBenchmarks(ctx(), 'PA5', AS_OF);
		const spend5 = five.metrics.find((m) => m.key === 'spendPerStaff')!;
		expect(spend5.group).toMatchObject({ shown: true, size: 5, quartiles: { min: 100, q1: 200, median: 300, q3: 400, max: 500 } });
		expect(spend5).toMatchObject({ value: 500, quarter: 4, position: 'In the highest quarter of 5 trusts.' });
		// Incidents per 1,000 staff: all five have staff and no incidents, so they are level.
		expect(five.metrics.find((m) => m.key === 'incidents')?.position).toBe('Level with every one of 5 trusts.');
	});

	it('never shows an it_lead another trust’s name beside a figure; an ICB’s board sees its trusts by name', async () => {
		const itLead = await getPeerBenchmarks(ctx(await userWith('it_lead', 'PA1')), 'PA1', AS_OF);
		const spend = itLead.metrics.find((m) => m.key === 'spendPerStaff')!;
		expect(spend.group.shown && spend.group.named).toEqual([]);
		const text = JSON.stringify(itLead.metrics);
		for (const other of ['PA2', 'PA3', 'PA4', 'PA5']) {
			expect(text).not.toContain(other);
			expect(text).not.toContain(`Peer ${other}`);
		}
		await expect(getPeerBenchmarks(ctx(await userWith('it_lead', 'PA1')), 'PA2', AS_OF)).rejects.toBeInstanceOf(NotFoundError);

		const icbBoard = await getPeerBenchmarks(ctx(await userWith('board', 'PX0')), 'PA1', AS_OF);
		const named = icbBoard.metrics.find((m) => m.key === 'spendPerStaff')!.group;
		expect(named.shown && named.named.map((n) => [n.ods, n.value])).toEqual([
			['PA2', 200],
			['PA3', 300],
			['PA4', 400],
			['PA5', 500]
		]);
	});
});
