import type { SpendCategory, SpendLineInput } from '../../schemas/spend';
import { financialYearOf, monthStarts } from './dates';
import { DEMO_END, DEMO_START, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

/** How a typical trust's security budget divides between categories, before any named investment. */
const BASE_SHARES: readonly (readonly [SpendCategory, number, 'capex' | 'opex', string])[] = [
	['staff', 0.4, 'opex', 'Cyber security team salaries'],
	['endpoint_protection', 0.16, 'opex', 'Endpoint protection licences'],
	['network_security', 0.12, 'capex', 'Firewall and network segmentation'],
	['monitoring', 0.1, 'opex', 'Security monitoring service'],
	['training', 0.07, 'opex', 'Data security awareness training'],
	['backup_recovery', 0.09, 'capex', 'Immutable backup storage'],
	['assurance', 0.06, 'opex', 'DSPT independent assessment and internal audit']
];

const SUPPLIERS: Partial<Record<SpendCategory, readonly string[]>> = {
	staff: ['Payroll'],
	endpoint_protection: ['Sentinel Shield Ltd', 'Northgate Endpoint Services'],
	network_security: ['Borsetshire Networks Ltd', 'Parapet Firewalls plc'],
	monitoring: ['Watchtower SOC Ltd'],
	training: ['Clearview Learning Ltd'],
	backup_recovery: ['Vaultline Storage Ltd'],
	assurance: ['Audit South West (fictional)'],
	mdm: ['Fleetwise Device Management Ltd'],
	secure_messaging: ['Carenote Messaging Ltd'],
	penetration_testing: ['Redline Security Testing Ltd']
};

/**
 * Monthly ledger lines from the start of the demo to its end. Each financial year's total follows the
 * organisation's growth multiple; live investments add their running cost (and their set-up cost in the
 * month they go live) on lines linked to them.
 */
export function generateSpendLines(org: DemoOrganisation, random: Random): SpendLineInput[] {
	const lines: SpendLineInput[] = [];
	const firstYear = financialYearOf(DEMO_START);
	for (const month of monthStarts(DEMO_START, DEMO_END)) {
		const growth = org.spendGrowth[financialYearOf(month) - firstYear] ?? 1;
		const investmentsRunning = org.investments.filter((i) => i.goLiveOn <= month);
		const investmentMonthly = investmentsRunning.reduce((sum, i) => sum + i.annualCostPence / 12, 0);
		// The base budget is whatever the growth multiple leaves after investments' running costs.
		const baseMonthly = Math.max((org.baseSpendPence * growth) / 12 - investmentMonthly, org.baseSpendPence / 24);
		const day = (d: number) => `${month.slice(0, 8)}${String(d).padStart(2, '0')}`;
		for (const [category, share, expenseType, description] of BASE_SHARES) {
			// Capital items are bought quarterly; running costs are paid monthly.
			const quarterly = expenseType === 'capex';
			if (quarterly && !['04', '07', '10', '01'].includes(month.slice(5, 7))) continue;
			const amount = baseMonthly * share * (quarterly ? 3 : 1) * (0.9 + random.float() * 0.2);
			lines.push({
				spentOn: day(random.int(1, 28)),
				category,
				expenseType,
				amountPence: Math.round(amount),
				costCentre: 'IT Security',
				supplier: random.pick(SUPPLIERS[category] ?? ['Various']),
				description,
				fundingSource: 'Trust revenue'
			});
		}
		for (const inv of investmentsRunning) {
			const setUp = inv.goLiveOn.slice(0, 7) === month.slice(0, 7);
			lines.push({
				spentOn: day(random.int(1, 28)),
				category: inv.category,
				expenseType: 'opex',
				amountPence: Math.round((inv.annualCostPence / 12) * (0.95 + random.float() * 0.1)),
				costCentre: 'IT Security',
				supplier: random.pick(SUPPLIERS[inv.category] ?? ['Various']),
				description: `${inv.name}: running cost`,
				fundingSource: 'Trust revenue',
				investmentName: inv.name
			});
			if (setUp) {
				lines.push({
					spentOn: day(1),
					category: inv.category,
					expenseType: 'capex',
					amountPence: Math.round(inv.annualCostPence * 0.6),
					costCentre: 'IT Security',
					supplier: random.pick(SUPPLIERS[inv.category] ?? ['Various']),
					description: `${inv.name}: implementation`,
					fundingSource: 'NHS England cyber security funding',
					investmentName: inv.name
				});
			}
		}
	}
	return lines;
}
