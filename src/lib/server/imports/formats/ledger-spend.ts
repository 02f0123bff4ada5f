import { z } from 'zod';
import type { SpendCategory } from '../../../schemas/spend';
import { CopyWriter, copyField } from '../../db/copy';
import * as spendQueries from '../../spend/queries';
import { cell, choice, optional, readDate, readPence, readText, remember } from '../cell-values';
import type { ImportFormat, Preset } from './format';

/**
 * Our categories with the words finance teams use for them. Matching is exact (ignoring case and
 * punctuation), not by keyword: money put in the wrong category would quietly skew the return on
 * investment, so a word we do not know is a problem to fix, not a guess.
 */
const CATEGORY_WORDS: Record<SpendCategory, readonly string[]> = {
	mdm: ['Mobile device management', 'Device management', 'MDM/UEM', 'UEM', 'EMM', 'Enterprise mobility', 'Intune'],
	secure_messaging: ['Secure messaging', 'Secure email', 'Secure e-mail', 'Messaging'],
	training: ['Cyber training', 'Security training', 'Security awareness', 'Awareness training', 'Staff training', 'Phishing simulation'],
	assurance: ['Cyber assurance', 'Audit', 'Security audit', 'DSPT audit', 'Independent assessment', 'DSPT assessment'],
	penetration_testing: ['Pen test', 'Pen testing', 'Pentest', 'Penetration test', 'Penetration testing', 'IT health check', 'ITHC'],
	endpoint_protection: ['EDR', 'XDR', 'Anti-virus', 'Antivirus', 'Anti-malware', 'AV', 'Endpoint protection', 'Endpoint security'],
	network_security: ['Firewall', 'Firewalls', 'Network security', 'VPN', 'Web filtering'],
	identity_access: [
		'MFA',
		'2FA',
		'Multi-factor authentication',
		'IAM',
		'IdAM',
		'Identity and access management',
		'Identity and access',
		'PAM',
		'Privileged access',
		'SSO'
	],
	backup_recovery: ['Backup', 'Backups', 'Backup and recovery', 'Disaster recovery', 'DR', 'Immutable backup'],
	monitoring: ['SIEM', 'SOC', 'Security monitoring', 'Monitoring', 'Log management', 'Managed detection and response', 'MDR'],
	staff: ['Staff', 'Staffing', 'Security staff', 'Cyber staff', 'Salaries', 'Pay'],
	other: ['Other', 'Miscellaneous', 'Misc', 'Sundry']
};

const CATEGORY_SPELLINGS: Record<string, SpendCategory> = Object.fromEntries(
	(Object.entries(CATEGORY_WORDS) as [SpendCategory, readonly string[]][]).flatMap(([code, words]) => [[code, code], ...words.map((w) => [w, code])])
);
const CATEGORY_RULE = `a spend category: ${(Object.entries(CATEGORY_WORDS) as [SpendCategory, readonly string[]][])
	.map(([code, words]) => `${code} (${words.slice(0, 2).join(', ')})`)
	.join('; ')}`;

const EXPENSE_TYPES = {
	capex: 'capex',
	capital: 'capex',
	'capital expenditure': 'capex',
	cap: 'capex',
	opex: 'opex',
	revenue: 'opex',
	rev: 'opex',
	'operating expenditure': 'opex',
	operational: 'opex'
} as const;

const row = z.object({
	spentOn: cell(readDate),
	category: cell(choice(CATEGORY_SPELLINGS, CATEGORY_RULE)),
	expenseType: cell(choice(EXPENSE_TYPES, 'Capex or Opex (Capital or Revenue)')),
	amount: cell(readPence),
	costCentre: optional(remember(readText(100))),
	supplier: optional(remember(readText(200))),
	description: optional(readText(500))
});

export interface SpendRow {
	spentOn: string;
	category: SpendCategory;
	expenseType: 'capex' | 'opex';
	amountPence: number;
	costCentre: string | null;
	supplier: string | null;
	description: string | null;
}

const COLUMNS = [
	'organisation_id',
	'spent_on',
	'category',
	'expense_type',
	'amount_pence',
	'cost_centre',
	'supplier',
	'description',
	'import_batch_id'
] as const;

export const ledgerSpend: ImportFormat<SpendRow> = {
	kind: 'spend',
	name: 'spend-lines',
	label: 'One row per ledger line',
	fields: [
		{ name: 'spentOn', label: 'Date', required: true, hint: 'the transaction or posting date, YYYY-MM-DD or DD/MM/YYYY' },
		{ name: 'category', label: 'Category', required: true, hint: 'a security spend category, e.g. MDM, Pen test, EDR, Firewall, MFA, Backup, SIEM' },
		{ name: 'expenseType', label: 'Capex/Opex', required: true, hint: 'Capex or Opex (Capital or Revenue)' },
		{ name: 'amount', label: 'Amount', required: true, hint: 'pounds, e.g. 1234.56 or £1,234.56; never negative' },
		{ name: 'costCentre', label: 'Cost centre', required: false, hint: 'the ledger cost centre' },
		{ name: 'supplier', label: 'Supplier', required: false, hint: 'who was paid' },
		{ name: 'description', label: 'Description', required: false, hint: 'what was bought (up to 500 characters)' }
	],
	rowSchema() {
		return row.transform((r): SpendRow => ({
			spentOn: r.spentOn,
			category: r.category,
			expenseType: r.expenseType,
			amountPence: r.amount,
			costCentre: r.costCentre,
			supplier: r.supplier,
			description: r.description
		})) as unknown as z.ZodType<SpendRow, Record<string, string>>;
	},
	copyFields: (s, constants) => [
		constants.organisation as string,
		s.spentOn,
		s.category,
		s.expenseType,
		String(s.amountPence),
		copyField(s.costCentre),
		copyField(s.supplier),
		copyField(s.description),
		constants.batch as string
	],
	async open(target) {
		const writer = await CopyWriter.open(target.ctx.db, 'spend_line', COLUMNS);
		return {
			copy: { writer, constants: { organisation: String(target.organisationId), batch: String(target.batchId) } },
			async finish() {
				await writer.end();
				// Finance re-exports the ledger year to date, so a later file repeats the lines of an earlier
				// one. The file's own date range is what it speaks for: earlier imported lines in that range
				// give way to it. Lines keyed in by hand, and imports of other periods, stay.
				const { first, last } = await spendQueries.batchSpendPeriod(target.ctx.db, target.batchId);
				const replaced = await spendQueries.deleteImportedSpendLinesBetween(target.ctx.db, target.organisationId, first, last, target.batchId);
				return { periodFrom: first, periodTo: last, replacedLines: replaced };
			}
		};
	},
	describe: (s) => ({ ...s })
};

export const LEDGER_PRESET: Preset = {
	name: 'ledger',
	label: 'Finance ledger extract',
	format: 'spend-lines',
	headers: {
		spentOn: ['Date', 'Transaction Date', 'Posting Date', 'Invoice Date', 'GL Date'],
		category: ['Category', 'Security Category', 'Spend Category'],
		expenseType: ['Capex/Opex', 'Expense Type', 'Capital/Revenue', 'Cap/Rev'],
		amount: ['Amount', 'Net Amount', 'Value (£)', 'Net Value', 'Amount (£)'],
		costCentre: ['Cost Centre', 'Cost Center', 'Cost Centre Code'],
		supplier: ['Supplier', 'Supplier Name', 'Vendor'],
		description: ['Description', 'Line Description', 'Narrative']
	}
};
