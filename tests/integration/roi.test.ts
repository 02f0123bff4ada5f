import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentInput } from '../../src/lib/schemas/incident';
import { whatIfQuery } from '../../src/lib/schemas/roi';
import { systemActor } from '../../src/lib/server/auth/actor';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getInvestmentReturns } from '../../src/lib/server/roi/service';
import { createInvestment, createSpendLines } from '../../src/lib/server/spend/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });
const AS_OF = '2026-03-31';
let n = 0;
const incident = (detectedAt: string, category: IncidentInput['category'], costPence?: number): IncidentInput => ({
	reference: `R${++n}`,
	detectedAt,
	breachType: 'confidentiality',
	category,
	likelihood: 2,
	severity: 2,
	...(costPence === undefined ? {} : { costPence })
});

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'RI1', name: 'Returns Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'RI2', name: 'Other Trust', kind: 'trust' });
	await createInvestment(ctx(), 'RI1', {
		name: 'MDM rollout',
		category: 'mdm',
		goLiveOn: '2025-04-01',
		annualCostPence: 300_000,
		targetedCategories: ['lost_stolen_device']
	});
	await createInvestment(ctx(), 'RI1', {
		name: 'Secure messaging',
		category: 'secure_messaging',
		goLiveOn: '2026-01-01',
		annualCostPence: 500_000,
		targetedCategories: ['misdirected', 'unapproved_messaging']
	});
	await createInvestment(ctx(), 'RI1', { name: 'Pen test', category: 'penetration_testing' });
	await createSpendLines(ctx(), 'RI1', [
		{ spentOn: '2024-06-01', category: 'mdm', expenseType: 'capex', amountPence: 100_000, investmentName: 'MDM rollout' },
		{ spentOn: '2025-05-01', category: 'mdm', expenseType: 'opex', amountPence: 50_000, investmentName: 'MDM rollout' },
		{ spentOn: '2026-04-02', category: 'mdm', expenseType: 'opex', amountPence: 99_900, investmentName: 'MDM rollout' }, // after the date
		{ spentOn: '2025-05-01', category: 'staff', expenseType: 'opex', amountPence: 70_000 } // linked to nothing
	]);
	await createIncidents(ctx(), 'RI1', [
		// Windows start at midnight in London: on 1 April that is 23:00 UTC the day before (BST).
		incident('2024-03-31T22:59:59Z', 'lost_stolen_device', 999_999), // before the before window
		...[50_000, 60_000, 70_000, 80_000, 90_000, 100_000].map((cost, i) => incident(`2024-0${i + 4}-10T10:00:00Z`, 'lost_stolen_device', cost)),
		incident('2024-10-10T10:00:00Z', 'lost_stolen_device'),
		incident('2025-03-31T22:59:59Z', 'lost_stolen_device'), // last second before go-live
		incident('2025-03-31T23:00:00Z', 'lost_stolen_device', 20_000), // go-live itself (00:00 on 1 April in London): after
		incident('2025-09-01T10:00:00Z', 'lost_stolen_device'),
		incident('2025-09-02T10:00:00Z', 'phishing', 500_000), // not targeted
		incident('2025-12-01T10:00:00Z', 'misdirected'),
		incident('2025-12-02T10:00:00Z', 'unapproved_messaging')
	]);
	await createIncidents(ctx(), 'RI2', [incident('2024-06-01T10:00:00Z', 'lost_stolen_device', 5_000_000)]);
});
afterAll(async () => {
	await database?.close();
});

describe(`investment returns on ${testBackend()}`, () => {
	it('shows each investment’s linked spend to the date, by financial year', async () => {
		const r = await getInvestmentReturns(ctx(), 'ri1', AS_OF);
		expect(r.org).toEqual({ ods: 'RI1', name: 'Returns Trust' });
		expect(r.investments.map((i) => i.name)).toEqual(['MDM rollout', 'Secure messaging', 'Pen test']);
		const [mdm, messaging, pen] = r.investments;
		expect(mdm!.spend).toEqual({
			toDatePence: 150_000,
			firstOn: '2024-06-01',
			lastOn: '2025-05-01',
			byYear: [
				{ year: 2024, label: '2024-25', pence: 100_000 },
				{ year: 2025, label: '2025-26', pence: 50_000 }
			]
		});
		expect(messaging!.spend).toEqual({ toDatePence: 0, firstOn: null, lastOn: null, byYear: [] });
		expect(pen!.live).toBe(false);
	});

	it('compares 12-month windows either side of go-live, counting an incident at go-live as after', async () => {
		const mdm = (await getInvestmentReturns(ctx(), 'RI1', AS_OF)).investments[0]!;
		expect(mdm.observed).toMatchObject({
			shortened: false,
			years: 1,
			before: { from: '2024-04-01', through: '2025-03-31', days: 365, incidents: 8, costPence: 450_000, costedIncidents: 6 },
			after: { from: '2025-04-01', through: '2026-03-31', days: 365, incidents: 2, costPence: 20_000, costedIncidents: 1 },
			change: { incidents: -6, incidentsFraction: -0.75, costPence: -430_000 },
			caution: null
		});
	});

	it('models ROSI from the organisation’s own costs when it has enough costed incidents: SLE £750, ARO 8, mitigation 0.7, cost £3,000', async () => {
		const { modelled } = (await getInvestmentReturns(ctx(), 'RI1', AS_OF)).investments[0]!;
		expect(modelled.inputs).toEqual({ slePence: 75_000, aro: 8, mitigation: 0.7, annualCostPence: 300_000 });
		expect(modelled.sources.slePence.kind).toBe('observed');
		expect(modelled.sources.mitigation.kind).toBe('assumption');
		expect(modelled.baseline).toEqual({ from: '2024-04-01', through: '2025-03-31', incidents: 8, costedIncidents: 6 });
		// ALE 75,000 × 8 = 600,000p; avoided × 0.7 = 420,000p; (420,000 − 300,000) ÷ 300,000 = 0.4.
		expect(modelled.result).toMatchObject({ alePence: 600_000, avoidedPence: 420_000, netBenefitPence: 120_000, rosi: 0.4 });
		expect(modelled.whatIf).toBe(false);
	});

	it('shortens the windows to the data, falls back to default costs, annualises the rate and cautions on few incidents', async () => {
		const messaging = (await getInvestmentReturns(ctx(), 'RI1', AS_OF)).investments[1]!;
		expect(messaging.observed).toMatchObject({
			shortened: true,
			before: { from: '2025-10-03', through: '2025-12-31', days: 90, incidents: 2 },
			after: { from: '2026-01-01', through: AS_OF, days: 90, incidents: 0 }
		});
		expect(messaging.observed!.caution).toMatch(/only 2 incidents in the two windows together/);
		// Both kinds default to £2,500; 2 incidents in 90 days is 8.12 a year (2 × 365.25 ÷ 90, to two decimals).
		expect(messaging.modelled.inputs).toEqual({ slePence: 250_000, aro: 8.12, mitigation: 0.6, annualCostPence: 500_000 });
		expect(messaging.modelled.sources.slePence.kind).toBe('assumption');
		expect(messaging.modelled.result).toMatchObject({ alePence: 2_030_000, avoidedPence: 1_218_000, rosi: 1.436 });
	});

	it('says why there is no comparison or ROSI for an investment without a go-live date or a cost', async () => {
		const pen = (await getInvestmentReturns(ctx(), 'RI1', AS_OF)).investments[2]!;
		expect(pen.observed).toBeNull();
		expect(pen.observedNote).toMatch(/No go-live date/);
		expect(pen.modelled.result).toBeNull();
		expect(pen.modelled.problem).toMatch(/No annual cost/);
		expect(pen.modelled.baseline).toMatchObject({ from: '2025-04-01', through: AS_OF, incidents: 0 });
	});

	it('applies what-if values to the investment they name only, from the form’s pounds', async () => {
		const whatIf = whatIfQuery.parse({ investment: 'MDM rollout', sle: '750', aro: '', mitigation: '1', cost: '3000.5' });
		expect(whatIf).toEqual({ investment: 'MDM rollout', slePence: 75_000, aro: undefined, mitigation: 1, annualCostPence: 300_050 });
		const r = await getInvestmentReturns(ctx(), 'RI1', AS_OF, whatIf);
		const [mdm, messaging] = r.investments;
		expect(mdm!.modelled.inputs).toEqual({ slePence: 75_000, aro: 8, mitigation: 1, annualCostPence: 300_050 });
		expect(mdm!.modelled.sources.mitigation).toEqual({ kind: 'what-if', text: 'Your what-if value' });
		expect(mdm!.modelled.sources.aro.kind).toBe('observed');
		expect(mdm!.modelled.whatIf).toBe(true);
		expect(mdm!.modelled.result!.avoidedPence).toBe(600_000);
		expect(messaging!.modelled.whatIf).toBe(false);
		expect(whatIfQuery.safeParse({ investment: 'x', mitigation: '1.2' }).success).toBe(false);
		expect(whatIfQuery.safeParse({ investment: 'x', sle: '10.001' }).success).toBe(false);
		expect(whatIfQuery.safeParse({ investment: 'x', cost: '0' }).success).toBe(false);
	});

	it('is not live, with no observed figures, before go-live; rejects a bad date and an unknown organisation', async () => {
		const early = await getInvestmentReturns(ctx(), 'RI1', '2025-03-31');
		expect(early.investments[0]!.observed).toBeNull();
		expect(early.investments[0]!.observedNote).toMatch(/goes live on 1 April 2025/);
		expect(early.investments[0]!.modelled.baseline).toMatchObject({ from: '2024-04-01', through: '2025-03-31', incidents: 8 });
		await expect(getInvestmentReturns(ctx(), 'RI1', '2026-02-30')).rejects.toBeInstanceOf(ValidationError);
		await expect(getInvestmentReturns(ctx(), 'ZZ9', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
	});
});
