import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { createOrganisation, listOrganisations, listOrganisationSummaries, setHeadcount } from '../../src/lib/server/organisations/service';
import { findOrganisation, organisationRef, requireOrganisation } from '../../src/lib/server/auth/organisation-access';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { systemActor } from '../../src/lib/server/auth/actor';

const SYSTEM = systemActor('test');

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`organisations on ${testBackend()}`, () => {
	it('creates an ICB and a trust under it, and lists them by ODS code with the parent', async () => {
		await createOrganisation(ctx(), { ods: 'qxa', name: 'NHS Example ICB', kind: 'icb' });
		const trust = await createOrganisation(ctx(), { ods: 'RZZ', name: 'Example Trust', kind: 'trust', parentOds: 'QXA' });
		expect(trust).toEqual({ ods: 'RZZ', name: 'Example Trust', kind: 'trust', parentOds: 'QXA' });
		expect(await listOrganisations(ctx())).toEqual([
			{ ods: 'QXA', name: 'NHS Example ICB', kind: 'icb', parentOds: null },
			{ ods: 'RZZ', name: 'Example Trust', kind: 'trust', parentOds: 'QXA' }
		]);
	});

	it('rejects a duplicate ODS code, an unknown or non-ICB parent and malformed input', async () => {
		await expect(createOrganisation(ctx(), { ods: 'RZZ', name: 'Again', kind: 'trust' })).rejects.toBeInstanceOf(ConflictError);
		await expect(createOrganisation(ctx(), { ods: 'RZY', name: 'Orphan', kind: 'trust', parentOds: 'NOPE' })).rejects.toThrow(/NOPE does not exist/);
		await expect(createOrganisation(ctx(), { ods: 'RZX', name: 'Child of trust', kind: 'trust', parentOds: 'RZZ' })).rejects.toThrow(/not an ICB/);
		const bad = createOrganisation(ctx(), { ods: 'R!', name: ' ', kind: 'trust' });
		await expect(bad).rejects.toBeInstanceOf(ValidationError);
		await expect(bad).rejects.toThrow(/ods: an ODS code is 3 to 10 letters/);
		expect(await listOrganisations(ctx())).toHaveLength(2);
	});

	it('names the missing code when an organisation is not found', async () => {
		await expect(requireOrganisation(ctx(), 'zzz9', 'read')).rejects.toThrow(new NotFoundError('no organisation with ODS code ZZZ9'));
	});

	it('reads an organisation once in a request that keeps a memo (a GET), and afresh without one', async () => {
		const organisationRows = new Map();
		const reading = { ...ctx(), organisationRows };
		const first = await requireOrganisation(reading, ' rzz ', 'read');
		// Renamed behind the request's back: the request goes on with the row it read, and reads no other.
		await database.db.updateTable('organisation').set({ name: 'Renamed Trust' }).where('ods_code', '=', 'RZZ').execute();
		expect(await findOrganisation(reading, 'RZZ')).toBe(first);
		expect(await organisationRef(reading, 'rzz')).toEqual({ id: first.id, parentId: first.parent_id });
		expect([...organisationRows.keys()]).toEqual(['RZZ']);
		expect(first.name).toBe('Example Trust');
		// Without a memo (a form post, the command line) every call reads the register as it is.
		expect((await requireOrganisation(ctx(), 'RZZ', 'read')).name).toBe('Renamed Trust');
		await database.db.updateTable('organisation').set({ name: 'Example Trust' }).where('ods_code', '=', 'RZZ').execute();
		await expect(requireOrganisation(reading, 'ZZZ9', 'read')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('keeps one headcount per financial year, the latest value winning', async () => {
		await setHeadcount(ctx(), 'RZZ', { financialYear: 2024, headcount: 5000 });
		await setHeadcount(ctx(), 'RZZ', { financialYear: 2025, headcount: 5100 });
		await setHeadcount(ctx(), 'RZZ', { financialYear: 2024, headcount: 4900 });
		// Read back as stored: the metrics use the year's headcount, and no page lists them all.
		const { rows } = await sql<{ financial_year: number; headcount: number }>`
			select financial_year, headcount from organisation_headcount
			where organisation_id = (select id from organisation where ods_code = 'RZZ') order by financial_year`.execute(database.db);
		expect(rows.map((r) => ({ financialYear: r.financial_year, headcount: r.headcount }))).toEqual([
			{ financialYear: 2024, headcount: 4900 },
			{ financialYear: 2025, headcount: 5100 }
		]);
		await expect(setHeadcount(ctx(), 'RZZ', { financialYear: 2024, headcount: -1 })).rejects.toBeInstanceOf(ValidationError);
	});

	it('summarises an organisation with no records as zeros', async () => {
		const summaries = await listOrganisationSummaries(ctx());
		expect(summaries.find((s) => s.ods === 'RZZ')).toMatchObject({
			spendLines: 0,
			trainingRecords: 0,
			incidents: 0,
			deviceSnapshots: 0,
			latestDevices: 0,
			latestSnapshotOn: null
		});
	});
});
