import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getOverview } from '../../src/lib/server/overview/page';
import { trustsCsv, trustsXlsx } from '../../src/lib/server/overview/trusts-export';
import { openTestDatabase, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });
const AS_OF = '2026-03-31';

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe("an ICB's trusts side by side, downloaded", () => {
	it('gives the overview’s rows as CSV, rates as percentages with one decimal', async () => {
		const { trusts } = await getOverview(ctx(), 'ZB0', AS_OF);
		const { fileName, csv } = await trustsCsv(ctx(), 'ZB0', AS_OF);
		expect(fileName).toBe('beacon-trusts-ZB0-2026-03-31.csv');
		const lines = csv.trim().split('\n');
		expect(lines[0]).toBe(
			'ODS code,Trust,DSPT status,Gaps,Gaps without a planned action,Veracity flags,Staff trained (%),Compliant devices (%),Incidents (12 months),ICO-reportable incidents (12 months),Device data as of'
		);
		// A header and the demo's five trusts.
		expect(lines).toHaveLength(6);
		for (const t of trusts) {
			const line = lines.find((l) => l.startsWith(`${t.ods},`));
			const pct = (r: number | null) => (r === null ? '' : String(Math.round(r * 1000) / 10));
			expect(line).toBe(
				[
					t.ods,
					t.name,
					t.status,
					t.gaps,
					t.unplannedGaps,
					t.flags,
					pct(t.trainingRate),
					pct(t.compliantRate),
					t.incidents,
					t.icoReportable,
					t.devicesAsOf ?? ''
				].join(',')
			);
		}
		// The demo's trusts are all assessed and hold device snapshots.
		expect(trusts.every((t) => t.gaps !== null && t.devicesAsOf !== null && t.devicesAsOf <= AS_OF)).toBe(true);
	}, 60_000);

	it('gives the same rows as an XLSX workbook, numbers as numbers; a trust has no trusts', async () => {
		const { bytes } = await trustsXlsx(ctx(), 'ZB0', AS_OF);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		expect(sheet.name).toBe('Trusts 2026-03-31');
		expect(sheet.rowCount).toBe(6);
		expect(typeof sheet.getRow(2).getCell(4).value).toBe('number');
		expect((await trustsCsv(ctx(), 'ZB1', AS_OF)).csv.trim().split('\n')).toHaveLength(1);
	}, 60_000);
});
