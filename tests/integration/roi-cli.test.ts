import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createInvestment, createSpendLines } from '../../src/lib/server/spend/service';
import { runCli } from './helpers/cli';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

// The model form needs no database; the --org form reads one.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-roi-cli-');
	const ctx = { db: cli.db, actor: systemActor('test') };
	await createOrganisation(ctx, { ods: 'RC1', name: 'ROI CLI Trust', kind: 'trust' });
	await createInvestment(ctx, 'RC1', {
		name: 'MDM rollout',
		category: 'mdm',
		goLiveOn: '2025-04-01',
		annualCostPence: 300_000,
		targetedCategories: ['lost_stolen_device']
	});
	await createSpendLines(ctx, 'RC1', [{ spentOn: '2025-05-01', category: 'mdm', expenseType: 'opex', amountPence: 50_000, investmentName: 'MDM rollout' }]);
	await createIncidents(ctx, 'RC1', [
		{ reference: 'L1', detectedAt: '2024-09-01T09:00:00Z', breachType: 'confidentiality', category: 'lost_stolen_device', likelihood: 2, severity: 2 },
		{ reference: 'L2', detectedAt: '2024-10-01T09:00:00Z', breachType: 'confidentiality', category: 'lost_stolen_device', likelihood: 2, severity: 2 },
		{ reference: 'L3', detectedAt: '2025-04-01T00:00:00Z', breachType: 'confidentiality', category: 'lost_stolen_device', likelihood: 2, severity: 2 }
	]);
});
afterAll(async () => {
	await cli?.close();
});

describe(`beacon roi on ${testBackend()}`, () => {
	it('works ALE and ROSI from the four inputs without a database, and rejects bad input with exit 2 and usage with exit 1', async () => {
		// No database in the environment at all: the model form must not open one.
		const [ok, rejected, usage] = await Promise.all([
			runCli(['roi', '--sle', '1000000', '--aro', '4', '--mitigation', '0.75', '--cost', '1500000', '--json'], {
				env: { BEACON_DATA_DIR: '/nonexistent/beacon-roi' }
			}),
			runCli(['roi', '--sle', '1000000', '--aro', '4', '--mitigation', '1.5', '--cost', '1500000', '--json'], { env: {} }),
			runCli(['roi', '--sle', '1000000', '--aro', '4', '--mitigation', '0.5'], { env: {} })
		]);
		expect(ok.code, ok.stderr).toBe(0);
		expect(JSON.parse(ok.stdout)).toEqual({
			alePence: 4_000_000,
			rosi: 1,
			avoidedPence: 3_000_000,
			netBenefitPence: 1_500_000,
			inputs: { slePence: 1_000_000, aro: 4, mitigation: 0.75, annualCostPence: 1_500_000 }
		});
		expect(rejected.code).toBe(2);
		expect(rejected.stderr).toMatch(/mitigation ratio runs from 0 to 1/);
		expect(usage.code).toBe(1);
		expect(usage.stderr).toMatch(/missing --cost/);
	});

	it('lists each investment with modelled and observed figures, and exits 1 on an unknown organisation', async () => {
		const json = await cli.run(['roi', '--org', 'rc1', '--as-of', '2026-03-31', '--json']);
		expect(json.code, json.stderr).toBe(0);
		const out = JSON.parse(json.stdout);
		expect(out.org).toBe('RC1');
		expect(out.investments).toHaveLength(1);
		const mdm = out.investments[0];
		expect(mdm.spend.toDatePence).toBe(50_000);
		// The incident records begin on 1 September 2024 (L1), so the before window is 1 September 2024 to
		// 31 March 2025, 212 days, not the 365 from 1 April 2024 (which would count five empty months as
		// "no incidents"). 2 before (no costs: default SLE £5,000), ARO 2 ÷ (212 ÷ 365.25) = 3.45, mitigation
		// 0.7: ALE £17,250, avoided £12,075, ROSI (12,075 − 3,000) ÷ 3,000 = 3.025.
		expect(mdm.modelled).toMatchObject({ inputs: { slePence: 500_000, aro: 3.45, mitigation: 0.7, annualCostPence: 300_000 }, alePence: 1_725_000 });
		expect(mdm.modelled.rosi).toBeCloseTo(3.025, 10);
		expect(mdm.observed).toMatchObject({
			before: { incidents: 2, from: '2024-09-01', days: 212 },
			after: { incidents: 1, from: '2025-04-01', days: 365 },
			beforeClipped: { fullFrom: '2024-04-01', dataFrom: '2024-09-01' }
		});
		expect(mdm.observed.windowNote).toMatch(/^The before window starts on 1 September 2024, when the incident records begin, not on 1 April 2024/);
		const text = await cli.run(['roi', '--org', 'rc1', '--as-of', '2026-03-31']);
		expect(text.stdout).toContain('The before window starts on 1 September 2024');
		expect(mdm.observed.caution).toMatch(/only 3 incidents/);
		const unknown = await cli.run(['roi', '--org', 'ZZ9']);
		expect(unknown.code).toBe(1);
	});
});
