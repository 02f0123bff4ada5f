import ExcelJS from 'exceljs';
import type { ServiceContext } from '../context';
import { neutraliseFormula, toCsv } from '../csv';
import { getOverview, type TrustRow } from './page';

const HEADER = [
	'ODS code',
	'Trust',
	'DSPT status',
	'Gaps',
	'Gaps without a planned action',
	'Veracity flags',
	'Staff trained (%)',
	'Compliant devices (%)',
	'Incidents (12 months)',
	'ICO-reportable incidents (12 months)',
	'Device data as of'
];

/** A rate as a percentage with one decimal, as the page shows it; blank when there is nothing to measure. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function cells(t: TrustRow): (string | number | null)[] {
	return [
		t.ods,
		t.name,
		t.status,
		t.gaps,
		t.unplannedGaps,
		t.flags,
		percent(t.trainingRate),
		percent(t.compliantRate),
		t.incidents,
		t.icoReportable,
		t.devicesAsOf
	];
}

/** An ICB's trusts side by side as of a date, the rows of its overview's table (none for a trust: a header only). */
async function trustsOf(ctx: ServiceContext, ods: string, asOf?: string) {
	const overview = await getOverview(ctx, ods, asOf);
	return { ods: overview.org.ods, asOf: overview.asOf, trusts: overview.trusts };
}

export async function trustsCsv(ctx: ServiceContext, ods: string, asOf?: string): Promise<{ fileName: string; csv: string }> {
	const t = await trustsOf(ctx, ods, asOf);
	return { fileName: `beacon-trusts-${t.ods}-${t.asOf}.csv`, csv: toCsv(HEADER, t.trusts.map(cells)) };
}

export async function trustsXlsx(ctx: ServiceContext, ods: string, asOf?: string): Promise<{ fileName: string; bytes: Buffer }> {
	const t = await trustsOf(ctx, ods, asOf);
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(`Trusts ${t.asOf}`);
	sheet.addRow(HEADER).font = { bold: true };
	// Text is neutralised as in the CSV; numbers stay numbers, so the sheet sorts and sums.
	for (const row of t.trusts.map(cells)) sheet.addRow(row.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
	sheet.columns.forEach((column, i) => (column.width = i === 1 ? 48 : 18));
	return { fileName: `beacon-trusts-${t.ods}-${t.asOf}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
