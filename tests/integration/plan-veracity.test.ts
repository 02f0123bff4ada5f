import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction } from '../../src/lib/server/assessment/actions';
import { recordFinding } from '../../src/lib/server/assessment/findings';
import { getImprovementPlanPage } from '../../src/lib/server/assessment/page-plan';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { recordedLongAgo } from './helpers/clock';
import { openTestDatabase, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let database: TestDatabase;
// The story is recorded now but read as of 31 March 2025: the plan's history says it was made long before.
const ctx = () => ({ db: database.db, actor: systemActor('test'), clock: recordedLongAgo });
const AS_OF = '2025-03-31';

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'PV1', name: 'Plan Veracity Trust', kind: 'trust' });
	// 18 of 20 required staff trained in the year to 31 March 2025: 90 %, which B6.b's rule reads as Partially achieved.
	await createTrainingRecords(
		ctx(),
		'PV1',
		Array.from({ length: 20 }, (_, i) => ({
			staffKey: `pv-${String(i).padStart(6, '0')}`,
			staffGroup: 'Nursing',
			department: 'Wards',
			course: 'IG',
			isRequired: true,
			...(i < 18 ? { completedOn: '2025-02-01' } : {})
		}))
	);
	// Claimed Achieved: above the data, so flagged.
	await saveSelfAssessment(ctx(), 'PV1', '2024-25', 'B6.b', { level: 'achieved', rationale: 'ESR', owner: 'IG lead' });
	await saveSelfAssessment(ctx(), 'PV1', '2024-25', 'A1.a', { level: 'achieved', rationale: 'Board minutes', owner: 'SIRO' });
	await saveSelfAssessment(ctx(), 'PV1', '2024-25', 'A1.b', { level: 'achieved', rationale: 'Roles', owner: 'SIRO' });
	await saveSelfAssessment(ctx(), 'PV1', '2024-25', 'A2.a', { level: 'achieved', rationale: 'Risk register', owner: 'SIRO' });
	await recordFinding(ctx(), 'PV1', '2024-25', 'A1.a', { verdict: 'overstated', note: 'Minutes do not show board review' });
	await recordFinding(ctx(), 'PV1', '2024-25', 'A1.b', { verdict: 'supported', note: 'Roles are documented' });
	// A2.a: questioned first, then found supported: the newest finding counts.
	await recordFinding(ctx(), 'PV1', '2024-25', 'A2.a', { verdict: 'insufficient_evidence', note: 'No register seen' });
	await recordFinding(ctx(), 'PV1', '2024-25', 'A2.a', { verdict: 'supported', note: 'Register seen' });
	await database.db
		.updateTable('veracity_finding')
		.set({ recorded_at: new Date('2025-03-20T10:00:00Z') })
		.execute();
	await createAction(ctx(), 'PV1', '2024-25', 'A1.a', { title: 'Minute the board review', owner: 'SIRO', dueOn: '2025-06-30' });
}, 60_000);
afterAll(async () => {
	await database?.close();
});

describe('veracity on the improvement plan', () => {
	it('lists each veracity flag and each outcome whose newest finding is not "supported", with the finding', async () => {
		const page = await getImprovementPlanPage(ctx(), 'PV1', '2024-25', AS_OF);
		expect(page.actions.map((a) => a.outcome)).toEqual(['A1.a']);
		expect(page.veracity.map((v) => v.outcome)).toEqual(['A1.a', 'B6.b']);
		expect(page.veracity[0]).toMatchObject({
			outcome: 'A1.a',
			self: 'Achieved',
			disagreement: false,
			finding: {
				verdict: 'overstated',
				label: 'Level claimed is higher than the evidence supports',
				note: 'Minutes do not show board review',
				on: '2025-03-20'
			},
			openActions: 1
		});
		expect(page.veracity[1]).toMatchObject({
			outcome: 'B6.b',
			self: 'Achieved',
			data: 'Partially achieved',
			disagreement: true,
			finding: null,
			openActions: 0
		});
	});

	it('leaves out a finding recorded after the date the plan is read as of', async () => {
		const page = await getImprovementPlanPage(ctx(), 'PV1', '2024-25', '2025-03-19');
		expect(page.veracity.map((v) => v.outcome)).toEqual(['B6.b']);
	});
});
