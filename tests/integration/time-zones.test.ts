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
import { createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';
import { openTestDatabase, testBackend } from './helpers/database';

/**
 * The same data under database sessions set to UTC, Europe/London and two zones far from both must give
 * the same figures: Beacon decides every day boundary itself (an instant's calendar day is its UTC day; a
 * date starts at 00:00 UTC) and never leaves it to the server's TimeZone setting.
 */
const ZONES = ['UTC', 'Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles'] as const;
const SYSTEM = systemActor('test');
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-zones-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withCell = (row: string[], column: string, value: string) => row.map((c, i) => (INTUNE_COLUMNS[i] === column ? value : c));

/** Intune devices whose last check-ins sit either side of midnight UTC 30 days before the snapshot's date (2026-09-28). */
function intuneFile(): string {
	const rows = [
		[...INTUNE_COLUMNS],
		withCell(intuneRow(0), 'Last check-in', '2026-08-28 23:30:00.0000000'), // 30 days and 30 minutes before: stale
		withCell(intuneRow(1), 'Last check-in', '2026-08-29 00:30:00.0000000'), // under 30 days: not stale
		withCell(intuneRow(2), 'Last check-in', '2026-09-28 23:45:00.0000000') // dates the snapshot 2026-09-28 (UTC)
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
			{ reference: 'I3', detectedAt: '2026-08-31T23:30:00Z', breachType: 'integrity', category: 'other', likelihood: 1, severity: 1 }
		]);
		await createTrainingRecords(ctx, 'TZ1', [
			{ staffKey: 's000000000000001', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-09-28' },
			{ staffKey: 's000000000000002', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-09-29' }
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
			onSnapshotDay: await getOrganisationMetrics(ctx, 'TZ1', '2026-09-28'),
			atYearEnd: await getOrganisationMetrics(ctx, 'TZ1', '2026-03-31'),
			trends: await getMonthlyTrends(ctx, 'TZ1', { from: '2025-10', to: '2026-09' }),
			boardPackOnTheDay: await findLastBoardPack(database.db, org.id, '2026-09-28'),
			boardPackTheDayBefore: (await findLastBoardPack(database.db, org.id, '2026-09-27')) ?? null
		};
	} finally {
		await database.close();
	}
}

describe(`figures whatever the database session's time zone, on ${testBackend()}`, () => {
	it('gives the same device, incident, training, spend, trend and board-pack figures in UTC and three other zones', async () => {
		const utc = await figuresIn('UTC');
		// Worked out by hand in UTC: the snapshot is dated 2026-09-28 (its latest check-in's UTC day); stale
		// means a last check-in before 2026-08-29T00:00Z, so device 0 only; devices 0–2 report Compliant.
		expect(utc.imported).toMatchObject({ asOf: '2026-09-28' });
		expect(utc.snapshots[0]).toMatchObject({ asOf: '2026-09-28', total: 3, stale: 1, compliant: 2 });
		expect(utc.onSnapshotDay.devices).toMatchObject({ stale: 1, compliant: 2, total: 3 });
		// I1 (23:30 UTC on 31 March) is in the 12 months to 2026-03-31; I2 (00:30 UTC on 1 April) is not.
		expect(utc.atYearEnd.incidents.total).toBe(1);
		expect(utc.onSnapshotDay.incidents.total).toBe(3);
		expect(utc.onSnapshotDay.training.completed12m).toBe(1);
		expect(utc.boardPackOnTheDay).toEqual({ report_id: expect.any(String), period_end: '2026-09-28' });
		expect(utc.boardPackTheDayBefore).toBeNull();
		const incidentsByMonth = Object.fromEntries(utc.trends.months.map((m, i) => [m, utc.trends.incidents.detected[i]]));
		expect(incidentsByMonth).toMatchObject({ '2026-03': 1, '2026-04': 1, '2026-08': 1 });

		const reportIdless = (f: typeof utc) => ({
			...f,
			boardPackOnTheDay: { ...f.boardPackOnTheDay, report_id: 'x' },
			trends: { ...f.trends, refreshedAt: null }
		});
		for (const zone of ZONES.slice(1)) expect(reportIdless(await figuresIn(zone)), zone).toEqual(reportIdless(utc));
	});
});
