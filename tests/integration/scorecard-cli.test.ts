import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';
import { recordMissingHistory } from '../../src/lib/server/assessment/history-queries';
import { recordedLongAgo } from './helpers/clock';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));

// Data goes in through the services; the CLI reads it from the same database.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-scorecard-cli-');
	const ctx = { db: cli.db, actor: systemActor('test') };
	await loadFramework(ctx, CAF);
	await createOrganisation(ctx, { ods: 'SCC1', name: 'Scorecard CLI Trust', kind: 'trust' });
	await createTrainingRecords(ctx, 'SCC1', [
		{ staffKey: 'staff-000001', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-01-10' },
		{ staffKey: 'staff-000002', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true }
	]);
	const org = await cli.db.selectFrom('organisation').select('id').where('ods_code', '=', 'SCC1').executeTakeFirstOrThrow();
	const framework = await cli.db.selectFrom('framework').select('id').where('code', '=', 'dspt-caf').where('edition', '=', '2024-25').executeTakeFirstOrThrow();
	const b6b = await cli.db
		.selectFrom('framework_item')
		.select('id')
		.where('framework_id', '=', framework.id)
		.where('code', '=', 'B6.b')
		.executeTakeFirstOrThrow();
	const assessment = await cli.db
		.insertInto('assessment')
		.values({ organisation_id: org.id, framework_id: framework.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	await cli.db.insertInto('assessment_response').values({ assessment_id: assessment.id, framework_item_id: b6b.id, self_level: 'achieved' }).execute();
	// Written straight to the table, so its history is recorded here, as made long ago.
	await recordMissingHistory(cli.db, [Number(org.id)], recordedLongAgo());
});
afterAll(async () => {
	await cli?.close();
});

describe(`beacon scorecard on ${testBackend()}`, () => {
	it('prints the documented JSON and a readable table, and exits 1 on an unknown organisation or edition', async () => {
		const json = await cli.run(['scorecard', '--org', 'scc1', '--edition', '2024-25', '--as-of', '2025-03-31', '--json']);
		expect(json.code, json.stderr).toBe(0);
		const card = JSON.parse(json.stdout);
		expect(card).toMatchObject({ org: 'SCC1', edition: '2024-25', status: 'Standards Not Met' });
		expect(card.outcomes).toHaveLength(47);
		expect(card.outcomes.find((o: { id: string }) => o.id === 'B6.b')).toMatchObject({
			id: 'B6.b',
			profile: 'Partially achieved',
			self: 'Achieved',
			data: 'Not achieved',
			meetsProfile: false,
			disagreement: true
		});
		expect(card.outcomes.find((o: { id: string }) => o.id === 'A1.a')).toMatchObject({ self: null, data: null, meetsProfile: false, disagreement: false });

		const text = await cli.run(['scorecard', '--org', 'SCC1', '--edition', '2024-25', '--as-of', '2025-03-31']);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toMatch(/^Status: Standards Not Met$/m);
		expect(text.stdout).toMatch(/^B6\.b +Partially achieved +Achieved +Not achieved +no, self above data$/m);

		// One after the other: a PGlite directory opens in one process at a time.
		const unknownOrg = await cli.run(['scorecard', '--org', 'NOPE', '--edition', '2024-25', '--json']);
		const unknownEdition = await cli.run(['scorecard', '--org', 'SCC1', '--edition', '1999-00', '--json']);
		expect([unknownOrg.code, unknownEdition.code]).toEqual([1, 1]);
		expect(unknownOrg.stderr).toMatch(/no organisation with ODS code NOPE/);
		expect(unknownEdition.stderr).toMatch(/no DSPT edition 1999-00 is loaded/);
		expect(unknownEdition.stdout).toBe('');
	}, 90_000);
});
