import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../src/lib/schemas/incident';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ConflictError, ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { importFile } from '../../src/lib/server/imports/import-file';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { rollupFromRawRows, storedRollup } from './helpers/rollup-expected';

const SHIPPED = fileURLToPath(new URL('../../data/frameworks', import.meta.url));
const CAF = path.join(SHIPPED, 'dspt-caf-2024-25.json');
const NDG = path.join(SHIPPED, 'dspt-ndg-2023-24.json');
const DATIX = fileURLToPath(new URL('../fixtures/imports/datix-incidents-2025-06.csv', import.meta.url));
const SYSTEM = systemActor('test');
const STRICT = { icoMinLikelihood: 4, icoMinSeverity: 3, dhscMinSeverity: 5 };

let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

/** A copy of the shipped CAF file with an edit, under the same name. */
function editedCaf(edit: (json: Record<string, unknown>) => void, name = 'dspt-caf-2024-25.json'): string {
	const json = JSON.parse(readFileSync(CAF, 'utf8'));
	edit(json);
	const file = path.join(dir, name);
	writeFileSync(file, JSON.stringify(json, null, '\t'));
	return file;
}

function incident(reference: string, detectedAt: string, likelihood: number, severity: number): IncidentInput {
	return { reference, detectedAt, breachType: 'confidentiality', category: 'misdirected', likelihood, severity };
}

async function grades(ods: string) {
	const rows = await sql<{ reference: string; ico: boolean; dhsc: boolean }>`
		select i.reference, i.is_ico_reportable as ico, i.is_dhsc_reportable as dhsc
		from incident i join organisation o on o.id = i.organisation_id where o.ods_code = ${ods} order by i.reference`.execute(database.db);
	return Object.fromEntries(rows.rows.map((r) => [r.reference, `${r.ico ? 'ICO' : '-'} ${r.dhsc ? 'DHSC' : '-'}`]));
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-grading-'));
	for (const ods of ['RGA', 'RGB']) await createOrganisation(ctx(), { ods, name: `${ods} Grading Trust`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`incident grading as edition data on ${testBackend()}`, () => {
	it('stores each edition’s incidentGrading block on its framework row', async () => {
		await loadFramework(ctx(), NDG);
		await loadFramework(ctx(), CAF);
		const rows = await database.db
			.selectFrom('framework')
			.select(['code', 'ico_min_likelihood', 'ico_min_severity', 'dhsc_min_severity'])
			.orderBy('code')
			.execute();
		expect(rows).toEqual([
			{ code: 'dspt-caf', ico_min_likelihood: 3, ico_min_severity: 2, dhsc_min_severity: 4 },
			{ code: 'dspt-ndg', ico_min_likelihood: 3, ico_min_severity: 2, dhsc_min_severity: 4 }
		]);
	});

	it('regrades every incident in the edition’s period, and only those, when the edition’s rules change', async () => {
		await createIncidents(ctx(), 'RGA', [
			// An edition's year starts at midnight on 1 April in London: 23:00 UTC on 31 March (BST).
			incident('A-before', '2024-03-31T22:59:59Z', 3, 2),
			incident('A-first-day', '2024-03-31T23:00:00Z', 3, 2),
			incident('A-serious', '2024-09-01T10:00:00Z', 4, 4),
			incident('A-next-year', '2025-06-01T10:00:00Z', 4, 3)
		]);
		await createIncidents(ctx(), 'RGB', [incident('B-1', '2024-10-01T10:00:00Z', 3, 4)]);
		expect(await grades('RGA')).toEqual({ 'A-before': 'ICO -', 'A-first-day': 'ICO -', 'A-next-year': 'ICO -', 'A-serious': 'ICO DHSC' });

		const report = await loadFramework(
			ctx(),
			editedCaf((j) => (j.incidentGrading = STRICT))
		);
		expect(report.status).toBe('replaced');
		// 31 March is the NDG 2023-24 year; from 1 April the CAF 2024-25 rules, and they stay in force after its year.
		expect(await grades('RGA')).toEqual({ 'A-before': 'ICO -', 'A-first-day': '- -', 'A-next-year': 'ICO -', 'A-serious': 'ICO -' });
		expect(await grades('RGB')).toEqual({ 'B-1': '- -' });
		const event = await database.db
			.selectFrom('audit_event')
			.select(['action', 'entity_type', 'summary'])
			.where('action', '=', 'incidents.regrade')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(event).toMatchObject({
			entity_type: 'framework',
			summary: {
				code: 'dspt-caf',
				edition: '2024-25',
				before: { icoMinLikelihood: 3, icoMinSeverity: 2, dhscMinSeverity: 4 },
				after: STRICT,
				incidents: 3,
				organisations: { RGA: 2, RGB: 1 }
			}
		});
		// The rollups of both organisations follow the new grades.
		for (const ods of ['RGA', 'RGB']) expect(await storedRollup(database.db, ods)).toEqual(await rollupFromRawRows(ctx(), ods));
		expect((await storedRollup(database.db, 'RGA')).find((r) => r.month === '2024-09-01')).toMatchObject({
			incidents_ico_reportable: 1,
			incidents_dhsc_reportable: 0
		});
	});

	it('grades new incidents, by hand or imported, by the edition in force on their detection date', async () => {
		await createIncidents(ctx(), 'RGB', [incident('B-old', '2024-03-31T12:00:00Z', 3, 2), incident('B-new', '2024-04-01T12:00:00Z', 3, 2)]);
		expect(await grades('RGB')).toMatchObject({ 'B-old': 'ICO -', 'B-new': '- -' });
		// The Datix rows are from April and May 2025: graded by the CAF 2024-25 rules still in force.
		const report = await importFile(ctx(), { kind: 'incidents', ods: 'RGB', path: DATIX });
		expect(report.batchId).not.toBeNull();
		const imported = await sql<{ reference: string; likelihood: number; severity: number; ico: boolean; dhsc: boolean }>`
			select i.reference, i.likelihood, i.severity, i.is_ico_reportable as ico, i.is_dhsc_reportable as dhsc
			from incident i where i.import_batch_id = ${report.batchId}`.execute(database.db);
		expect(imported.rows.length).toBeGreaterThan(3);
		for (const r of imported.rows) {
			expect({ ref: r.reference, ico: r.ico, dhsc: r.dhsc }).toEqual({ ref: r.reference, ico: r.likelihood >= 4 && r.severity >= 3, dhsc: r.severity >= 5 });
		}
		expect(imported.rows.some((r) => r.likelihood >= 3 && r.severity >= 2 && !r.ico)).toBe(true);
		expect(await storedRollup(database.db, 'RGB')).toEqual(await rollupFromRawRows(ctx(), 'RGB'));
	});

	it('falls back to the earlier edition’s rules when an edition drops its block, and regrades', async () => {
		const ndgStrict = JSON.parse(readFileSync(NDG, 'utf8'));
		ndgStrict.incidentGrading = { icoMinLikelihood: 2, icoMinSeverity: 1, dhscMinSeverity: 3 };
		writeFileSync(path.join(dir, 'dspt-ndg-2023-24.json'), JSON.stringify(ndgStrict));
		await loadFramework(ctx(), path.join(dir, 'dspt-ndg-2023-24.json'));
		expect(await grades('RGA')).toMatchObject({ 'A-before': 'ICO -', 'A-first-day': '- -' });
		await loadFramework(
			ctx(),
			editedCaf((j) => delete j.incidentGrading)
		);
		expect(await grades('RGA')).toEqual({ 'A-before': 'ICO -', 'A-first-day': 'ICO -', 'A-next-year': 'ICO DHSC', 'A-serious': 'ICO DHSC' });
		const framework = await database.db.selectFrom('framework').select(['ico_min_likelihood']).where('code', '=', 'dspt-caf').executeTakeFirstOrThrow();
		expect(framework.ico_min_likelihood).toBeNull();
	});

	it('lets an edition in use change its grading rules, and nothing else', async () => {
		await sql`insert into assessment (organisation_id, framework_id)
			select o.id, f.id from organisation o, framework f where o.ods_code = 'RGA' and f.code = 'dspt-caf'`.execute(database.db);
		const items = await database.db
			.selectFrom('framework_item as i')
			.innerJoin('framework as f', 'f.id', 'i.framework_id')
			.select(['i.id', 'i.code'])
			.where('f.code', '=', 'dspt-caf')
			.orderBy('i.id')
			.execute();
		const report = await loadFramework(
			ctx(),
			editedCaf((j) => (j.incidentGrading = STRICT))
		);
		expect(report.status).toBe('replaced');
		expect(await grades('RGA')).toMatchObject({ 'A-first-day': '- -', 'A-serious': 'ICO -' });
		const after = await database.db
			.selectFrom('framework_item as i')
			.innerJoin('framework as f', 'f.id', 'i.framework_id')
			.select(['i.id', 'i.code'])
			.where('f.code', '=', 'dspt-caf')
			.orderBy('i.id')
			.execute();
		expect(after).toEqual(items);

		const before = await checksumTables(database.db);
		const error = await loadFramework(
			ctx(),
			editedCaf((j) => {
				j.incidentGrading = { icoMinLikelihood: 5, icoMinSeverity: 5, dhscMinSeverity: 5 };
				(j.outcomes as { title: string }[])[0]!.title = 'Board direction (revised)';
			})
		).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as Error).message).toMatch(
			/is in use \(1 assessment\(s\), 0 improvement action\(s\)\): it cannot be replaced, only its incidentGrading changed/
		);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('rejects a malformed incidentGrading block naming its JSON path, and changes nothing', async () => {
		const before = await checksumTables(database.db);
		const cases: [unknown, RegExp][] = [
			[{ icoMinLikelihood: 3, icoMinSeverity: 0, dhscMinSeverity: 4 }, /bad\.json: incidentGrading\.icoMinSeverity: a score is a whole number from 1 to 5/],
			[{ icoMinLikelihood: 3.5, icoMinSeverity: 2, dhscMinSeverity: 4 }, /bad\.json: incidentGrading\.icoMinLikelihood: a score is a whole number from 1 to 5/],
			[{ icoMinLikelihood: 3, icoMinSeverity: 2 }, /bad\.json: incidentGrading\.dhscMinSeverity: /],
			[{ icoMinLikelihood: 3, icoMinSeverity: 2, dhscMinSeverity: 4, dhscEssentialService: true }, /bad\.json: incidentGrading: Unrecognized key/i],
			['3/2/4', /bad\.json: incidentGrading: /]
		];
		for (const [block, message] of cases) {
			const error = await loadFramework(
				ctx(),
				editedCaf((j) => (j.incidentGrading = block), 'bad.json')
			).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as Error).message).toMatch(message);
		}
		expect(await checksumTables(database.db)).toEqual(before);
	});
});
