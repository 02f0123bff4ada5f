import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { hashIdentifier, identifierKey } from '../../src/lib/server/imports/identifiers';
import { importFile, type ImportRequest } from '../../src/lib/server/imports/import-file';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const FIXTURES = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const SYSTEM = systemActor('test');
/** The fixtures' trust; bad-file tests use a second one so they cannot disturb the first's data. */
const ODS = 'RZB';
const SPARE = 'RZC';
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const fixture = (name: string) => path.join(FIXTURES, name);
const run = (kind: ImportRequest['kind'], file: string, options: Partial<ImportRequest> = {}) =>
	importFile(ctx(), { kind, ods: ODS, path: fixture(file), ...options });

/** A fixture with some cells changed: line n (the header is line 1) has `from` replaced by `to`. */
function variant(name: string, edits: [line: number, from: string, to: string][], prefix = ''): string {
	const lines = readFileSync(fixture(name), 'utf8').split('\n');
	for (const [n, from, to] of edits) {
		const line = lines[n - 1] as string;
		if (!line.includes(from)) throw new Error(`${name} line ${n} has no "${from}"`);
		lines[n - 1] = line.replace(from, to);
	}
	const file = path.join(dir, `${prefix}${edits.map(([n]) => n).join('-')}-${name}`);
	writeFileSync(file, lines.join('\n'));
	return file;
}

async function query<T>(text: ReturnType<typeof sql<T>>): Promise<T[]> {
	return (await text.execute(database.db)).rows;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-import-kinds-'));
	for (const ods of [ODS, SPARE]) await createOrganisation(ctx(), { ods, name: `${ods} Borsetshire NHS Trust`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`importing each kind of file on ${testBackend()}`, () => {
	it('loads an ESR extract with keyed staff hashes, and a later extract replaces it', async () => {
		const first = await run('training', 'esr-training-2025-06.csv');
		expect(first).toMatchObject({ preset: 'esr', rowsTotal: 10, rowsImported: 10, rowsRejected: 0, errors: [], details: { replacedRecords: 0 } });
		const raw = ['10234567', '10345678', '20456789', '30567890', '40678901', '50789012'];
		const keys = await query(
			sql<{
				staff_key: string;
			}>`select distinct t.staff_key from training_record t join organisation o on o.id = t.organisation_id where o.ods_code = ${ODS} order by 1`
		);
		expect(keys.map((k) => k.staff_key).sort()).toEqual(raw.map((n) => hashIdentifier(identifierKey(), 'staff', n)).sort());
		const stored = await query(
			sql<
				Record<string, unknown>
			>`select staff_group, department, course, is_required, is_board_member, completed_on, expires_on from training_record where staff_key = ${hashIdentifier(identifierKey(), 'staff', '30567890')} order by course`
		);
		expect(stored).toEqual([
			{
				staff_group: 'Estates and Ancillary',
				department: 'Estates',
				course: 'NHS|CSTF|Information Governance and Data Security - 1 Year|',
				is_required: true,
				is_board_member: false,
				completed_on: '2025-02-28',
				expires_on: '2026-02-28'
			},
			{
				staff_group: 'Estates and Ancillary',
				department: 'Estates',
				course: 'NHS|LOCAL|Cyber Awareness Refresher - 1 Year|',
				is_required: false,
				is_board_member: false,
				completed_on: null,
				expires_on: null
			}
		]);
		const anywhere = await query(
			sql<{ n: number }>`select count(*)::int as n from training_record t where to_jsonb(t)::text like any (${raw.map((n) => `%${n}%`)}::text[])`
		);
		expect(anywhere[0]?.n).toBe(0);

		const second = await run('training', 'esr-training-2025-09.csv');
		expect(second).toMatchObject({ rowsImported: 6, errors: [], details: { replacedRecords: 10 } });
		const after = await query(
			sql<{ n: number; batches: number }>`select count(*)::int as n, count(distinct import_batch_id)::int as batches from training_record`
		);
		expect(after[0]).toEqual({ n: 6, batches: 1 });
	});

	it('loads ledger lines in pence, and a year-to-date re-export replaces only the imported lines of its own period', async () => {
		expect((await run('spend', 'ledger-2024-25-q4.csv')).details).toEqual({ periodFrom: '2025-01-14', periodTo: '2025-03-21', replacedLines: 0 });
		await createSpendLines(ctx(), ODS, [
			{ spentOn: '2025-05-15', category: 'assurance', expenseType: 'opex', amountPence: 150_000, description: 'DSPT independent assessment (entered by hand)' }
		]);
		expect((await run('spend', 'ledger-2025-26-m03.csv')).details).toEqual({ periodFrom: '2025-04-03', periodTo: '2025-06-26', replacedLines: 0 });
		const ytd = await run('spend', 'ledger-2025-26-m06.csv');
		expect(ytd).toMatchObject({
			preset: 'ledger',
			rowsImported: 7,
			errors: [],
			details: { periodFrom: '2025-04-03', periodTo: '2025-09-22', replacedLines: 4 }
		});
		const lines = await query(sql<{ spent_on: string; category: string; expense_type: string; amount_pence: number; manual: boolean }>`
			select spent_on, category, expense_type, amount_pence, import_batch_id is null as manual from spend_line order by spent_on, id`);
		expect(lines.map((l) => [l.spent_on, l.category, l.expense_type, l.amount_pence, l.manual])).toEqual([
			['2025-01-14', 'network_security', 'opex', 1_840_000, false],
			['2025-02-07', 'penetration_testing', 'opex', 1_275_000, false],
			['2025-03-21', 'backup_recovery', 'capex', 4_620_000, false],
			['2025-04-03', 'mdm', 'opex', 3_840_000, false],
			['2025-04-15', 'endpoint_protection', 'opex', 912_000, false],
			['2025-05-15', 'assurance', 'opex', 150_000, true],
			['2025-05-29', 'training', 'opex', 495_000, false],
			['2025-06-26', 'identity_access', 'capex', 590_050, false],
			['2025-07-14', 'endpoint_protection', 'opex', 912_000, false],
			['2025-09-02', 'monitoring', 'opex', 2_750_000, false],
			['2025-09-22', 'secure_messaging', 'opex', 325_000, false]
		]);
	});

	it('adds Datix incidents with translated scores, and a cumulative export updates them and adds the new ones', async () => {
		expect(await run('incidents', 'datix-incidents-2025-06.csv')).toMatchObject({
			preset: 'datix',
			rowsImported: 7,
			errors: [],
			details: { added: 7, updated: 0 }
		});
		const later = await run('incidents', 'datix-incidents-2025-09.csv');
		expect(later).toMatchObject({ rowsImported: 9, errors: [], details: { added: 2, updated: 7 } });
		const incidents = await query(sql<Record<string, unknown>>`
			select reference, category, breach_type, likelihood, severity, is_ico_reportable as ico, is_dhsc_reportable as dhsc, status,
				to_char(detected_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as detected, closed_at::date::text as closed, description is not null as described
			from incident order by reference`);
		expect(incidents.map((i) => Object.values(i))).toEqual([
			['48211', 'misdirected', 'confidentiality', 3, 2, true, false, 'closed', '2025-04-03 00:00', '2025-04-30', true],
			['48230', 'lost_stolen_device', 'confidentiality', 4, 3, true, false, 'closed', '2025-04-10 14:20', '2025-07-18', true],
			['48302', 'phishing', 'confidentiality', 2, 1, false, false, 'closed', '2025-04-23 00:00', '2025-05-02', true],
			['48355', 'system_unavailability', 'availability', 5, 4, true, true, 'closed', '2025-05-01 06:45', '2025-05-02', true],
			['48390', 'insider_misuse', 'confidentiality', 4, 3, true, false, 'closed', '2025-05-14 00:00', '2025-08-29', true],
			['48401', 'unapproved_messaging', 'confidentiality', 3, 2, true, false, 'investigating', '2025-05-21 00:00', null, true],
			['48412', 'other', 'confidentiality', 1, 1, false, false, 'closed', '2025-05-28 00:00', '2025-06-04', true],
			['48650', 'lost_stolen_paper', 'confidentiality', 4, 2, true, false, 'open', '2025-07-11 00:00', null, true],
			['48702', 'malware_ransomware', 'availability', 1, 4, false, true, 'investigating', '2025-08-03 07:15', null, true]
		]);
	});

	it('stores device counts as aggregate snapshots, and a revised count replaces the snapshot of its date', async () => {
		const first = await run('devices', 'device-counts-2025.csv');
		expect(first).toMatchObject({ preset: 'device-counts', rowsImported: 2, errors: [] });
		const revised = await run('devices', 'device-counts-2025-09-revised.csv');
		const replaced = (first.details.snapshots as { asOf: string; snapshotId: number }[]).find((s) => s.asOf === '2025-09-30')?.snapshotId;
		expect(revised.details).toEqual({ snapshots: [{ asOf: '2025-09-30', snapshotId: expect.any(Number), replacedSnapshot: replaced }] });
		const snapshots = await query(sql<Record<string, unknown>>`
			select as_of, source, is_aggregate, total_count, managed_count, compliant_count, encrypted_count, supported_os_count, stale_count
			from device_snapshot order by as_of`);
		expect(snapshots).toEqual([
			{
				as_of: '2025-06-30',
				source: 'aggregate',
				is_aggregate: true,
				total_count: 3180,
				managed_count: 3020,
				compliant_count: 2710,
				encrypted_count: 2950,
				supported_os_count: 2870,
				stale_count: 96
			},
			{
				as_of: '2025-09-30',
				source: 'aggregate',
				is_aggregate: true,
				total_count: 3251,
				managed_count: 3166,
				compliant_count: 2911,
				encrypted_count: 3096,
				supported_os_count: 2994,
				stale_count: null
			}
		]);
	});

	it('takes the date of counts without an As Of column from asOf, and refuses them without one on each row', async () => {
		const file = path.join(dir, 'counts-undated.csv');
		writeFileSync(file, 'Total,Managed,Compliant,Encrypted,Supported OS\n3300,3200,2950,3150,3010\n');
		const before = await checksumTables(database.db);
		const undated = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file });
		expect(undated).toMatchObject({ batchId: null, rowsImported: 0, rowsRejected: 1 });
		expect(undated.errors).toEqual([
			{ row: 2, column: null, value: null, message: expect.stringMatching(/^no date for these counts: .*give the date with --as-of YYYY-MM-DD/) }
		]);
		expect(await checksumTables(database.db)).toEqual(before);
		const dated = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file, asOf: '2025-12-31' });
		expect(dated.details).toMatchObject({ snapshots: [{ asOf: '2025-12-31', replacedSnapshot: null }] });
	});

	it("reports counts that name another organisation's ODS code as a problem of that row, changing nothing", async () => {
		const before = await checksumTables(database.db);
		const file = variant('device-counts-2025.csv', [[2, 'RZB', 'RZC']]);
		const report = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file });
		expect(report).toMatchObject({ batchId: null, rowsTotal: 2, rowsImported: 0, rowsRejected: 1 });
		expect(report.errors).toEqual([
			{ row: 2, column: 'ODS Code', value: 'RZC', message: 'these counts are for RZC: expected RZB, the organisation being imported, or an empty cell' }
		]);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('reports a second row for the same date on that row, and lists every bad row of the file at once', async () => {
		const file = path.join(dir, 'counts-mixed.csv');
		writeFileSync(
			file,
			[
				'ODS Code,As Of,Total,Managed,Compliant,Encrypted,Supported OS',
				'RZB,2026-01-31,100,90,80,70,60',
				'RZC,2026-02-28,100,90,80,70,60',
				'rzb,31/01/2026,100,95,80,70,60',
				',,100,90,80,70,60',
				'RZB,2026-03-31,100,90,80,70,60'
			].join('\n')
		);
		const before = await checksumTables(database.db);
		const report = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file });
		expect(report).toMatchObject({ batchId: null, rowsTotal: 5, rowsImported: 0, rowsRejected: 3 });
		expect(report.errors).toEqual([
			{ row: 3, column: 'ODS Code', value: 'RZC', message: expect.stringMatching(/^these counts are for RZC: expected RZB/) },
			{ row: 4, column: 'As Of', value: '31/01/2026', message: 'the counts for 2026-01-31 are already on row 2: expected one row per date' },
			{ row: 5, column: 'As Of', value: '', message: expect.stringMatching(/^no date for these counts/) }
		]);
		expect(await checksumTables(database.db)).toEqual(before);

		const skipped = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file, skipInvalid: true, acceptChange: true });
		expect(skipped).toMatchObject({ rowsImported: 2, rowsRejected: 3, details: { snapshots: [{ asOf: '2026-01-31' }, { asOf: '2026-03-31' }] } });
		const stored = await query(
			sql<{ managed_count: number }>`select managed_count from device_snapshot where import_batch_id = ${skipped.batchId} and as_of = '2026-01-31'`
		);
		expect(stored).toEqual([{ managed_count: 90 }]);
	});
});

describe(`rejecting bad rows on ${testBackend()}`, () => {
	const spare = (kind: ImportRequest['kind'], file: string, options: Partial<ImportRequest> = {}) =>
		importFile(ctx(), { kind, ods: SPARE, path: file, ...options });
	const cases: [ImportRequest['kind'], string, [number, string, string][], { row: number; column: string; value: string; message: RegExp }][] = [
		[
			'training',
			'esr-training-2025-06.csv',
			[[4, '01/06/2025', '31/02/2025']],
			{ row: 4, column: 'Achievement Date', value: '31/02/2025', message: /must exist/ }
		],
		['spend', 'ledger-2025-26-m03.csv', [[3, '"£9,120.00"', '-9120.00']], { row: 3, column: 'Value (£)', value: '-9120.00', message: /cannot be negative/ }],
		[
			'incidents',
			'datix-incidents-2025-06.csv',
			[[5, 'Almost certain', '7']],
			{ row: 5, column: 'Likelihood', value: '7', message: /^expected a likelihood from 1 to 5/ }
		],
		[
			'devices',
			'device-counts-2025.csv',
			[
				[2, 'RZB', 'RZC'],
				[3, 'RZB', 'RZC'],
				[3, '"3,160"', '3300']
			],
			{ row: 3, column: 'Managed', value: '3300', message: /^Managed is 3300 but Total is 3245: expected at most the total$/ }
		]
	];
	for (const [kind, name, edits, problem] of cases) {
		it(`rejects a ${kind} file with one bad row, naming it, and changes nothing`, async () => {
			const before = await checksumTables(database.db);
			const report = await spare(kind, variant(name, edits));
			expect(report).toMatchObject({ batchId: null, rowsImported: 0, rowsRejected: 1 });
			expect(report.errors).toEqual([{ ...problem, message: expect.stringMatching(problem.message) }]);
			expect(await checksumTables(database.db)).toEqual(before);
		});
	}

	it('reports a reference used twice on the later row, and withholds personal identifiers from problems', async () => {
		const twice = await spare('incidents', variant('datix-incidents-2025-06.csv', [[4, '48302', '48211']]));
		expect(twice.errors).toEqual([
			{
				row: 4,
				column: 'Ref',
				value: '48211',
				message: expect.stringMatching(/^the reference 48211 is already on (row 2|an earlier row): expected each incident once per file$/)
			}
		]);
		const long = await spare('training', variant('esr-training-2025-06.csv', [[2, '10234567,', `${'10234567'.padEnd(60, '9')},`]]));
		expect(long.errors).toEqual([{ row: 2, column: 'Employee Number', value: '(withheld: personal identifier)', message: 'longer than 50 characters' }]);
	});

	it('with skipInvalid, loads the good rows and keeps the problems on the batch', async () => {
		const report = await spare(
			'training',
			variant(
				'esr-training-2025-06.csv',
				[
					[4, '01/06/2025', '31/02/2025'],
					[6, '20456789', '']
				],
				'skip-'
			),
			{ skipInvalid: true }
		);
		expect(report).toMatchObject({ rowsTotal: 10, rowsImported: 8, rowsRejected: 2 });
		expect(report.batchId).toEqual(expect.any(Number));
		const batch = await query(sql<{ errors: unknown; records: number }>`
			select b.errors, (select count(*)::int from training_record t where t.import_batch_id = b.id) as records from import_batch b where b.id = ${report.batchId}`);
		expect(batch[0]).toEqual({
			records: 8,
			errors: [
				{ row: 4, column: 'Achievement Date', value: '31/02/2025', message: 'a date is written YYYY-MM-DD or DD/MM/YYYY and must exist' },
				{ row: 6, column: 'Employee Number', value: '(withheld: personal identifier)', message: 'every record needs the employee number' }
			]
		});
	});
});
