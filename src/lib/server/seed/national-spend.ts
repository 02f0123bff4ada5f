import type { SpendCategory } from '../../schemas/spend';
import { financialYearOf, monthStarts } from './dates';
import { NATIONAL_END, NATIONAL_START, type NationalOrganisation } from './national-profile';
import type { Random } from './random';

export const SPEND_COLUMNS = [
	'organisation_id',
	'spent_on',
	'category',
	'expense_type',
	'amount_pence',
	'cost_centre',
	'supplier',
	'description',
	'funding_source'
] as const;

export const HEADCOUNT_COLUMNS = ['organisation_id', 'financial_year', 'headcount'] as const;

/** How a security budget divides between categories; capital items are bought quarterly. */
const SHARES: readonly (readonly [SpendCategory, number, 'capex' | 'opex', string])[] = [
	['staff', 0.38, 'opex', 'Cyber security team salaries'],
	['endpoint_protection', 0.15, 'opex', 'Endpoint protection licences'],
	['network_security', 0.12, 'capex', 'Firewall and network segmentation'],
	['monitoring', 0.1, 'opex', 'Security monitoring service'],
	['training', 0.06, 'opex', 'Data security awareness training'],
	['backup_recovery', 0.09, 'capex', 'Immutable backup storage'],
	['mdm', 0.05, 'opex', 'Mobile device management licences'],
	['assurance', 0.05, 'opex', 'DSPT independent assessment and internal audit']
];

/** Security spend per member of staff in 2020-21, in pence: £25 at maturity 0 to £65 at 1; it grows 6–14 % a year. */
export function annualSpendPerStaffPence(maturity: number): number {
	return (25 + 40 * maturity) * 100;
}

/** Monthly ledger lines over the five financial years. */
export function spendRows(org: NationalOrganisation, organisationId: number, random: Random): (string | number | boolean | null)[][] {
	const first = financialYearOf(NATIONAL_START);
	const growth = 1.06 + 0.08 * org.maturity;
	const rows: (string | number | boolean | null)[][] = [];
	for (const month of monthStarts(NATIONAL_START, NATIONAL_END)) {
		const annual = org.staff * annualSpendPerStaffPence(org.maturity) * growth ** (financialYearOf(month) - first);
		for (const [category, share, expenseType, description] of SHARES) {
			const quarterly = expenseType === 'capex';
			if (quarterly && !['04', '07', '10', '01'].includes(month.slice(5, 7))) continue;
			const amount = (annual / 12) * share * (quarterly ? 3 : 1) * (0.9 + random.float() * 0.2);
			rows.push([
				organisationId,
				`${month.slice(0, 8)}${String(random.int(1, 28)).padStart(2, '0')}`,
				category,
				expenseType,
				Math.round(amount),
				'IT Security',
				category === 'staff' ? 'Payroll' : 'Fictional Supplier Ltd',
				description,
				'Trust revenue'
			]);
		}
	}
	return rows;
}

/** Staff headcount for each of the five years: today's staff, about 2 % fewer for each year back. */
export function headcountRows(org: NationalOrganisation, organisationId: number): (string | number | boolean | null)[][] {
	const last = financialYearOf(NATIONAL_END);
	const rows: (string | number | boolean | null)[][] = [];
	for (let year = financialYearOf(NATIONAL_START); year <= last; year++) {
		rows.push([organisationId, year, Math.round(org.staff * (1 - 0.02 * (last - year)))]);
	}
	return rows;
}
