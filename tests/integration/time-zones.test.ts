import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { listDeviceSnapshots } from '../../src/lib/server/devices/service';
import { importFile } from '../../src/lib/server/imports/import-file';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { getMonthlyTrends } from '../../src/lib/server/metrics/trends';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { findLastBoardPack } from '../../src/lib/server/overview/queries';
import { getFreshness } from '../../src/lib/server/freshness/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';
import { openTestDatabase, testBackend } from './helpers/database';

/**
 * The same data under database sessions set to UTC, Europe/London and two zones far from both must give
 * the same figures: Beacon decides every day boundary itself (an instant's calendar day is its day in
 * London, the NHS year's calendar; a date starts at midnight there) and never leaves it to the server's
 * TimeZone setting. The instants sit in the hour where London and UTC name different days (British Summer
 * Time), so the figures below are those of the London rule and not the UTC one; one sits in winter (GMT),
 * where both agree.
 */
const ZONES = ['UTC', 'Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles'] as const;
const SYSTEM = systemActor('test');
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-zones-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withCell = (row: string[], column: string, value: string) => row.map((c, i) => (INTUNE_COLUMNS[i] === column ? value : c));

/**
 * Intune devices (Intune writes UTC) whose last check-ins sit either side of the midnight in London that
 * starts 2026-08-30, 30 days before the snapshot's date (2026-09-29): that midnight is 23:00 UTC on 29 August.
 */
function intuneFile(): string {
	const rows = [
		[...INTUNE_COLUMNS],
		withCell(intuneRow(0), 'Last check-in', '2026-08-29 22:30:00.0000000'), // 23:30 on 29 August in London: stale
		withCell(intuneRow(1), 'Last check-in', '2026-08-29 23:30:00.0000000'), // 00:30 on 30 August in London: not stale
		withCell(intuneRow(2), 'Last check-in', '2026-09-28 23:45:00.0000000') // 00:45 on 29 September in London: dates the snapshot
	];
	const file = path.join(dir, 'intune.csv');
	writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
	return file;
}

async function figuresIn(timeZone: string) {
	const database = await openTestDatabase('migrated', { timeZone });
	try {
		const ctx = { db: database.db, actor: SYSTEM };
		const { rows } = await sql<{ zone: string }>`select current_setting('TimeZone') as zone`.execute(database.db);
		expect(rows[0]?.zone).toBe(timeZone);
		await createOrganisation(ctx, { ods: 'TZ1', name: 'Zone Trust', kind: 'trust' });
		await setHeadcount(ctx, 'TZ1', { financialYear: 2026, headcount: 10 });
		const imported = await importFile(ctx, { kind: 'devices', ods: 'TZ1', path: intuneFile() });
		await createIncidents(ctx, 'TZ1', [
			{ reference: 'I1', detectedAt: '2026-03-31T23:30:00Z', breachType: 'confidentiality', category: 'misdirected', likelihood: 3, severity: 2 },
			{ reference: 'I2', detectedAt: '2026-04-01T00:30:00Z', breachType: 'confidentiality', category: 'misdirected', likelihood: 3, severity: 2 },
			{ reference: 'I3', detectedAt: '2026-08-31T23:30:00Z', breachType: 'integrity', category: 'other', likelihood: 1, severity: 1 },
			{ reference: 'I4', detectedAt: '2025-12-31T23:30:00Z', breachType: 'integrity', category: 'other', likelihood: 1, severity: 1 }
		]);
		await createTrainingRecords(ctx, 'TZ1', [
			{ staffKey: 's000000000000001', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-09-29' },
			{ staffKey: 's000000000000002', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-09-30' }
		]);
		await createSpendLines(ctx, 'TZ1', [
			{ spentOn: '2026-03-31', category: 'mdm', expenseType: 'opex', amountPence: 100 },
			{ spentOn: '2026-04-01', category: 'mdm', expenseType: 'opex', amountPence: 1_000 }
		]);
		const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'TZ1').executeTakeFirstOrThrow();
		await sql`
			insert into report_snapshot (organisation_id, kind, period, data, data_sha256, generated_at)
			values (${org.id}, 'board', '2026-27', '{}'::jsonb, ${'0'.repeat(64)}, '2026-09-28T23:30:00Z')`.execute(database.db);
		return {
			imported: imported.details,
			snapshots: await listDeviceSnapshots(ctx, 'TZ1'),
			onSnapshotDay: await getOrganisationMetrics(ctx, 'TZ1', '2026-09-29'),
			freshness: await getFreshness(ctx, 'TZ1', '2026-09-29'),
			atYearEnd: await getOrganisationMetrics(ctx, 'TZ1', '2026-03-31'),
			trends: await getMonthlyTrends(ctx, 'TZ1', { from: '2025-10', to: '2026-09' }),
			boardPackOnTheDay: await findLastBoardPack(database.db, org.id, '2026-09-29'),
			boardPackTheDayBefore: (await findLastBoardPack(database.db, org.id, '2026-09-28')) ?? null
		};
	} finally {
		await database.close();
	}
}

describe(`figures whatever the database session's time zone, on ${testBackend()}`, () => {
	it('gives the same device, incident, training, spend, trend and board-pack figures in UTC and three other zones', async () => {
		const utc = await figuresIn('UTC');
		// Worked out by hand on London's calendar: the snapshot is dated 2026-09-29 (its latest check-in,
		// 23:45 UTC on 28 September, is 00:45 on the 29th in London; the UTC rule said the 28th). Stale means a
		// last check-in before midnight starting 2026-08-30 in London, 2026-08-29T23:00Z: device 0 only (the
		// UTC rule, from 2026-08-30T00:00Z, made device 1 stale too). Devices 0–2 report Compliant.
		expect(utc.imported).toMatchObject({ asOf: '2026-09-29' });
		expect(utc.snapshots[0]).toMatchObject({ asOf: '2026-09-29', total: 3, stale: 1, compliant: 2 });
		expect(utc.onSnapshotDay.devices).toMatchObject({ stale: 1, compliant: 2, total: 3 });
		// I1 (23:30 UTC on 31 March 2026, BST) is 00:30 on 1 April in London: NHS year 2026-27, so outside the
		// 12 months to 31 March 2026, which hold only I4 (23:30 UTC on 31 December 2025, GMT: 31 December).
		expect(utc.atYearEnd.incidents.total).toBe(1);
		expect(utc.onSnapshotDay.incidents.total).toBe(4);
		expect(utc.onSnapshotDay.training.completed12m).toBe(1);
		// The board pack made at 23:30 UTC on 28 September was made on the 29th in London.
		expect(utc.boardPackOnTheDay).toEqual({ report_id: expect.any(String), period_end: '2026-09-29' });
		expect(utc.boardPackTheDayBefore).toBeNull();
		// Months are London's: I1 and I2 in April, I3 (23:30 UTC on 31 August) in September, I4 in December.
		const incidentsByMonth = Object.fromEntries(utc.trends.months.map((m, i) => [m, utc.trends.incidents.detected[i]]));
		expect(incidentsByMonth).toMatchObject({ '2025-12': 1, '2026-03': 0, '2026-04': 2, '2026-08': 0, '2026-09': 1 });
		// Freshness dates each source by London's day: the latest incident (I3) on 1 September, 28 days old;
		// the device snapshot on 29 September, 0 days old.
		const source = (name: string) => utc.freshness.sources.find((s) => s.source === name);
		expect(source('incidents')).toMatchObject({ latestOn: '2026-09-01', ageDays: 28 });
		expect(source('devices')).toMatchObject({ latestOn: '2026-09-29', ageDays: 0 });

		const reportIdless = (f: typeof utc) => ({
			...f,
			boardPackOnTheDay: { ...f.boardPackOnTheDay, report_id: 'x' },
			trends: { ...f.trends, refreshedAt: null }
		});
		for (const zone of ZONES.slice(1)) expect(reportIdless(await figuresIn(zone)), zone).toEqual(reportIdless(utc));
	});
});
