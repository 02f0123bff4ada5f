import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionStatus } from '../../src/lib/schemas/assessment';
import type { TrainingRecordInput } from '../../src/lib/schemas/training';
import { systemActor } from '../../src/lib/server/auth/actor';
import { NotFoundError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';
import { recordMissingHistory, recordResponseVersion } from '../../src/lib/server/assessment/history-queries';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const AS_OF = '2025-03-31';
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test'), clock: recordedLongAgo });
const staff = (n: number, completedOn?: string): TrainingRecordInput => ({
	staffKey: `sc-${String(n).padStart(6, '0')}`,
	staffGroup: 'Nursing',
	department: 'Wards',
	course: 'IG',
	isRequired: true,
	...(completedOn ? { completedOn } : {})
});
let items: Map<string, number>;
let assessmentId: number;
let orgId: number;

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'SC1', name: 'Scorecard Trust', kind: 'trust' });
	// 5 of 10 required staff trained: 50 %, below the 80 % B6.b needs for Partially achieved.
	await createTrainingRecords(
		ctx(),
		'SC1',
		Array.from({ length: 10 }, (_, i) => staff(i + 1, i < 5 ? '2025-01-10' : undefined))
	);
	const db = database.db;
	const framework = await db.selectFrom('framework').select('id').where('code', '=', 'dspt-caf').where('edition', '=', '2024-25').executeTakeFirstOrThrow();
	const outcomes = await db
		.selectFrom('framework_item')
		.select(['id', 'code'])
		.where('framework_id', '=', framework.id)
		.where('item_type', '=', 'outcome')
		.execute();
	items = new Map(outcomes.map((o) => [o.code, Number(o.id)]));
	orgId = Number((await db.selectFrom('organisation').select('id').where('ods_code', '=', 'SC1').executeTakeFirstOrThrow()).id);
	assessmentId = Number(
		(await db.insertInto('assessment').values({ organisation_id: orgId, framework_id: framework.id }).returning('id').executeTakeFirstOrThrow()).id
	);
	// Every outcome self-assessed at its (Partially achieved) profile, B6.b claimed Achieved, B2.a's gate not yet met.
	await db
		.insertInto('assessment_response')
		.values(
			outcomes.map((o) => ({
				assessment_id: assessmentId,
				framework_item_id: o.id,
				self_level: o.code === 'B6.b' ? 'achieved' : 'partially_achieved',
				is_met: o.code === 'B2.a' ? false : null,
				owner: 'IG lead'
			}))
		)
		.execute();
	// Written straight to the tables, so their history is recorded here, as made long ago.
	await recordMissingHistory(db, [orgId], recordedLongAgo());
});
afterAll(async () => {
	await database?.close();
});

const action = (code: string, extra: { owner?: string | null; due_on?: string | null; status?: ActionStatus } = {}) => ({
	organisation_id: orgId,
	assessment_id: assessmentId,
	framework_item_id: items.get(code) as number,
	title: `Fix ${code}`,
	owner: 'CISO',
	due_on: '2026-06-30',
	...extra
});

describe(`DSPT scorecard on ${testBackend()}`, () => {
	it('shows the data level and explanation, caps and flags a self-assessment above the data, and is Not Met with uncovered gaps', async () => {
		const card = await getScorecard(ctx(), 'sc1', '2024-25', AS_OF);
		expect(card).toMatchObject({ org: 'SC1', edition: '2024-25', asOf: AS_OF, status: 'Standards Not Met', localRule: null });
		expect(card.outcomes).toHaveLength(47);
		const b6b = card.outcomes.find((o) => o.id === 'B6.b');
		expect(b6b).toMatchObject({
			profile: 'Partially achieved',
			self: 'Achieved',
			data: 'Not achieved',
			judged: 'Not achieved',
			meetsProfile: false,
			disagreement: true,
			gap: true,
			planned: false
		});
		expect(b6b?.explanation).toMatch(
			/^training completion 50\.0 % \(5 of 10\) → Not achieved; Partially achieved needs ≥ 80 %.*; self-assessed Achieved is above what the data shows: judged Not achieved/
		);
		// No device snapshot: no data, never Not achieved; the self-assessment stands.
		const b2b = card.outcomes.find((o) => o.id === 'B2.b');
		expect(b2b).toMatchObject({ data: null, self: 'Partially achieved', meetsProfile: true, disagreement: false, gap: false });
		expect(b2b?.explanation).toMatch(/no data/);
		expect(card.outcomes.find((o) => o.id === 'A1.a')).toMatchObject({ data: null, explanation: 'no data rules', meetsProfile: true });
		expect(card.outcomes.find((o) => o.id === 'B2.a')).toMatchObject({ meetsProfile: true, hardGateHeld: false, gap: true });
	});

	it('is Approaching once every gap has an open action with owner and due date, and Met once the gaps close', async () => {
		const db = database.db;
		await db
			.insertInto('improvement_action')
			.values([action('B6.b'), action('B2.a', { due_on: null })])
			.execute();
		await recordMissingHistory(db, [orgId], recordedLongAgo());
		expect((await getScorecard(ctx(), 'SC1', '2024-25', AS_OF)).status).toBe('Standards Not Met');
		await db
			.insertInto('improvement_action')
			.values(action('B2.a', { status: 'in_progress' }))
			.execute();
		await recordMissingHistory(db, [orgId], recordedLongAgo());
		const approaching = await getScorecard(ctx(), 'SC1', '2024-25', AS_OF);
		expect(approaching.status).toBe('Approaching Standards');
		expect(approaching.outcomes.find((o) => o.id === 'B2.a')).toMatchObject({ gap: true, planned: true });

		await db
			.updateTable('assessment_response')
			.set({ is_met: true })
			.where('assessment_id', '=', assessmentId)
			.where('framework_item_id', '=', items.get('B2.a') as number)
			.execute();
		const b2a = await db
			.selectFrom('assessment_response')
			.select('id')
			.where('assessment_id', '=', assessmentId)
			.where('framework_item_id', '=', items.get('B2.a') as number)
			.executeTakeFirstOrThrow();
		await recordResponseVersion(db, Number(b2a.id), recordedLongAgo());
		await createTrainingRecords(
			ctx(),
			'SC1',
			Array.from({ length: 5 }, (_, i) => staff(i + 6, '2025-02-10'))
		);
		const met = await getScorecard(ctx(), 'SC1', '2024-25', AS_OF);
		expect(met.outcomes.find((o) => o.id === 'B6.b')).toMatchObject({ data: 'Achieved', judged: 'Achieved', disagreement: false, gap: false });
		expect(met).toMatchObject({ status: 'Standards Met', localRule: null });
	});

	it('reports an unknown organisation or edition as not found', async () => {
		await expect(getScorecard(ctx(), 'NOPE', '2024-25', AS_OF)).rejects.toThrow(NotFoundError);
		await expect(getScorecard(ctx(), 'SC1', '1999-00', AS_OF)).rejects.toThrow(/no DSPT edition 1999-00/);
	});
});
