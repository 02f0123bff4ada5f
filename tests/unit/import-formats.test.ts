import { describe, expect, it } from 'vitest';
import { normaliseLabel } from '../../src/lib/server/imports/cell-values';
import { resolveColumns } from '../../src/lib/server/imports/column-mapping';
import { IMPORT_CATALOGUE } from '../../src/lib/server/imports/formats';
import { categoryOf, DATIX_PRESET, datixIncidents } from '../../src/lib/server/imports/formats/datix-incidents';
import { DEVICE_COUNTS_PRESET, deviceCounts } from '../../src/lib/server/imports/formats/device-counts';
import { ESR_PRESET, esrTraining } from '../../src/lib/server/imports/formats/esr-training';
import type { ImportFormat, Preset } from '../../src/lib/server/imports/formats/format';
import { LEDGER_PRESET, ledgerSpend } from '../../src/lib/server/imports/formats/ledger-spend';
import { hashIdentifier } from '../../src/lib/server/imports/identifiers';
import { INTUNE_COLUMNS } from '../fixtures/intune-export';

const KEY = 'unit-test-identifier-key';

/** What the pipeline does before validation: fields without a column read as empty, a preset's words become ours. */
function translate<R>(format: ImportFormat<R>, preset: Preset, record: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = Object.fromEntries(format.fields.map((f) => [f.name, '']));
	for (const [field, value] of Object.entries(record)) {
		const words = Object.entries(preset.values?.[field] ?? {}).find(([k]) => normaliseLabel(k) === normaliseLabel(value));
		out[field] = words ? words[1] : value;
	}
	return out;
}

function parse<R>(format: ImportFormat<R>, preset: Preset, record: Record<string, string>) {
	return format.rowSchema(KEY).safeParse(translate(format, preset, record));
}

function problems<R>(format: ImportFormat<R>, preset: Preset, record: Record<string, string>): [string, string][] {
	const result = parse(format, preset, record);
	if (result.success) throw new Error(`expected problems, got ${JSON.stringify(result.data)}`);
	return result.error.issues.map((i) => [String(i.path[0]), i.message]);
}

function ok<R>(format: ImportFormat<R>, preset: Preset, record: Record<string, string>): R {
	const result = parse(format, preset, record);
	if (!result.success) throw new Error(`expected a row, got ${JSON.stringify(result.error.issues)}`);
	return result.data;
}

describe('ESR training rows', () => {
	const good = {
		employeeNumber: '10234567',
		staffGroup: 'Nursing and Midwifery Registered',
		department: 'Ward 10',
		course: 'NHS|CSTF|Information Governance and Data Security - 1 Year|',
		isRequired: 'Yes',
		completedOn: '14/03/2025',
		expiresOn: '14/03/2026'
	};
	const training = (r: Record<string, string>) => ok(esrTraining, ESR_PRESET, r);

	it('stores a keyed hash of the employee number, never the number', () => {
		const row = training(good);
		expect(row).toEqual({
			staffKey: hashIdentifier(KEY, 'staff', '10234567'),
			staffGroup: 'Nursing and Midwifery Registered',
			department: 'Ward 10',
			course: 'NHS|CSTF|Information Governance and Data Security - 1 Year|',
			isRequired: true,
			isBoardMember: false,
			completedOn: '2025-03-14',
			expiresOn: '2026-03-14'
		});
		expect(JSON.stringify(row)).not.toContain('10234567');
		expect(training({ ...good, employeeNumber: ' 10234567 ' }).staffKey).toBe(row.staffKey);
		expect(training({ ...good, employeeNumber: '10234568' }).staffKey).not.toBe(row.staffKey);
	});

	it("translates ESR's Yes/No and Required/Not Required", () => {
		expect(training({ ...good, isRequired: 'No' }).isRequired).toBe(false);
		expect(training({ ...good, isRequired: 'Not Required' }).isRequired).toBe(false);
		expect(training({ ...good, isRequired: 'Required' }).isRequired).toBe(true);
		expect(training({ ...good, isBoardMember: 'Yes' }).isBoardMember).toBe(true);
		expect(problems(esrTraining, ESR_PRESET, { ...good, isRequired: 'Sometimes' })).toEqual([['isRequired', expect.stringMatching(/True or False/)]]);
	});

	it('takes the last level of an ESR organisation path as the department, and never-expiring competences as no expiry', () => {
		expect(training({ ...good, department: '123 Borsetshire NHS Trust|Cost Centre 4567 Ward 10|' }).department).toBe('Cost Centre 4567 Ward 10');
		expect(training({ ...good, expiresOn: '31/12/4712' }).expiresOn).toBeNull();
		expect(training({ ...good, completedOn: '', expiresOn: '' })).toMatchObject({ completedOn: null, expiresOn: null });
	});

	it('rejects dates that do not exist, and an expiry before completion, on the right field', () => {
		expect(problems(esrTraining, ESR_PRESET, { ...good, completedOn: '31/02/2025' })).toEqual([
			['completedOn', 'a date is written YYYY-MM-DD or DD/MM/YYYY and must exist']
		]);
		expect(problems(esrTraining, ESR_PRESET, { ...good, expiresOn: '2025-13-01' })).toEqual([['expiresOn', expect.stringMatching(/must exist/)]]);
		expect(problems(esrTraining, ESR_PRESET, { ...good, expiresOn: '01/03/2025' })).toEqual([
			['expiresOn', 'the expiry date 2025-03-01 is before the completion date 2025-03-14: expected an expiry on or after completion']
		]);
		expect(problems(esrTraining, ESR_PRESET, { ...good, employeeNumber: ' ', department: '|' }).map(([f]) => f)).toEqual(['employeeNumber', 'department']);
	});
});

describe('ledger spend rows', () => {
	const good = {
		spentOn: '03/04/2025',
		category: 'Mobile Device Management',
		expenseType: 'Revenue',
		amount: '£38,400.00',
		supplier: 'Felpersham Mobility Ltd'
	};
	const spend = (r: Record<string, string>) => ok(ledgerSpend, LEDGER_PRESET, r);

	it('reads money to pence and finance words to our codes', () => {
		expect(spend(good)).toEqual({
			spentOn: '2025-04-03',
			category: 'mdm',
			expenseType: 'opex',
			amountPence: 3_840_000,
			costCentre: null,
			supplier: 'Felpersham Mobility Ltd',
			description: null
		});
		expect(spend({ ...good, expenseType: 'Capital', amount: '6300.5' })).toMatchObject({ expenseType: 'capex', amountPence: 630_050 });
		const codes = Object.fromEntries(
			['Secure messaging', 'Cyber training', 'Pen test', 'EDR', 'Anti-virus', 'Firewall', 'MFA', 'IAM', 'Backup', 'SIEM', 'SOC', 'penetration_testing'].map(
				(c) => [c, spend({ ...good, category: c }).category]
			)
		);
		expect(codes).toEqual({
			'Secure messaging': 'secure_messaging',
			'Cyber training': 'training',
			'Pen test': 'penetration_testing',
			EDR: 'endpoint_protection',
			'Anti-virus': 'endpoint_protection',
			Firewall: 'network_security',
			MFA: 'identity_access',
			IAM: 'identity_access',
			Backup: 'backup_recovery',
			SIEM: 'monitoring',
			SOC: 'monitoring',
			penetration_testing: 'penetration_testing'
		});
	});

	it('rejects negative and non-numeric amounts, unknown categories (listing the allowed ones) and impossible dates', () => {
		expect(problems(ledgerSpend, LEDGER_PRESET, { ...good, amount: '-250.00' })).toEqual([['amount', expect.stringMatching(/cannot be negative/)]]);
		expect(problems(ledgerSpend, LEDGER_PRESET, { ...good, amount: '(250.00)' })).toEqual([['amount', expect.stringMatching(/cannot be negative/)]]);
		expect(problems(ledgerSpend, LEDGER_PRESET, { ...good, amount: 'TBC' })).toEqual([['amount', expect.stringMatching(/a number of pounds like 1234.56/)]]);
		const [[field, message]] = problems(ledgerSpend, LEDGER_PRESET, { ...good, category: 'Coffee machine' }) as [[string, string]];
		expect(field).toBe('category');
		for (const code of ['mdm', 'secure_messaging', 'penetration_testing', 'identity_access', 'monitoring', 'other']) expect(message).toContain(code);
		expect(problems(ledgerSpend, LEDGER_PRESET, { ...good, spentOn: '2025-13-01', expenseType: 'Sometimes' })).toEqual([
			['spentOn', expect.stringMatching(/must exist/)],
			['expenseType', 'expected Capex or Opex (Capital or Revenue)']
		]);
	});
});

describe('Datix incident rows', () => {
	const good = {
		reference: '48211',
		occurredAt: '02/04/2025',
		detectedAt: '03/04/2025',
		category: 'Information Governance',
		subcategory: 'Misdirected email',
		likelihood: 'Possible',
		severity: 'Minor',
		status: 'Finally approved',
		closedAt: '30/04/2025'
	};
	const incident = (r: Record<string, string>) => ok(datixIncidents, DATIX_PRESET, r);

	it('translates Datix words to scores and statuses, and grades reportability from them', () => {
		expect(incident(good)).toEqual({
			reference: '48211',
			occurredAt: '2025-04-02T00:00:00Z',
			detectedAt: '2025-04-03T00:00:00Z',
			closedAt: '2025-04-30T00:00:00Z',
			breachType: 'confidentiality',
			category: 'misdirected',
			likelihood: 3,
			severity: 2,
			isIcoReportable: true,
			isDhscReportable: false,
			status: 'closed',
			description: null,
			actions: null
		});
		const scores = (likelihood: string, severity: string) => {
			const i = incident({ ...good, likelihood, severity });
			return [i.likelihood, i.severity];
		};
		expect(scores('Rare', 'None')).toEqual([1, 1]);
		expect(scores('Unlikely', 'Negligible')).toEqual([2, 1]);
		expect(scores('Likely', 'Moderate')).toEqual([4, 3]);
		expect(scores('almost certain', 'Catastrophic')).toEqual([5, 5]);
		expect(scores('4 - Likely', 'Major (4)')).toEqual([4, 4]);
		expect(incident({ ...good, likelihood: 'Unlikely', severity: 'Catastrophic' })).toMatchObject({ isIcoReportable: false, isDhscReportable: true });
		expect(incident({ ...good, status: 'Being investigated' }).status).toBe('investigating');
		expect(incident({ ...good, status: 'Open' }).status).toBe('open');
		expect(incident({ ...good, status: '', closedAt: '' }).status).toBe('open');
	});

	it('rejects scores off the 1–5 scale, unknown statuses and rejected records, saying what is expected', () => {
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, likelihood: '7' })).toEqual([
			['likelihood', 'expected a likelihood from 1 to 5 (1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain)']
		]);
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, severity: 'Severe', status: 'Pending' }).map(([f]) => f)).toEqual(['severity', 'status']);
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, status: 'Rejected' })).toEqual([
			['status', expect.stringMatching(/^a rejected record is not an incident/)]
		]);
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, detectedAt: '31/02/2025' })).toEqual([['detectedAt', expect.stringMatching(/must exist/)]]);
	});

	it('rejects a report before the incident, but reads a same-day report without a time as after it', () => {
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, occurredAt: '05/04/2025' })).toEqual([
			['detectedAt', 'reported 2025-04-03, before the incident date 2025-04-05: expected a reported date on or after the incident date']
		]);
		expect(incident({ ...good, occurredAt: '10/04/2025 14:20', detectedAt: '10/04/2025' }).detectedAt).toBe('2025-04-10T14:20:00Z');
		expect(problems(datixIncidents, DATIX_PRESET, { ...good, occurredAt: '10/04/2025 14:20', detectedAt: '10/04/2025 09:00' }).map(([f]) => f)).toEqual([
			'detectedAt'
		]);
	});

	it('recognises categories by their words, falls back to other, and takes the breach type from the category', () => {
		const cases: [string, string | null, string][] = [
			['Information Governance - Misdirected email', null, 'misdirected'],
			['Confidentiality', 'Disclosed in error', 'misdirected'],
			['Information Governance', 'Lost or stolen device/laptop/phone', 'lost_stolen_device'],
			['Lost paper records', null, 'lost_stolen_paper'],
			['Lost laptop containing patient records', null, 'lost_stolen_device'],
			['Unauthorised access', null, 'unauthorised_access'],
			['Cyber', 'Phishing e-mail carrying malware', 'phishing'],
			['Ransomware', null, 'malware_ransomware'],
			['IT failure', 'System outage', 'system_unavailability'],
			['Inappropriate access by staff', null, 'insider_misuse'],
			['Unapproved messaging app', 'WhatsApp', 'unapproved_messaging'],
			['Slips, trips and falls', 'Norovirus outbreak', 'other']
		];
		expect(cases.map(([c, s]) => categoryOf(c, s))).toEqual(cases.map(([, , expected]) => expected));
		expect(incident({ ...good, subcategory: 'System outage' }).breachType).toBe('availability');
		expect(incident({ ...good, subcategory: 'Ransomware' }).breachType).toBe('availability');
		expect(incident({ ...good, breachType: 'Integrity' }).breachType).toBe('integrity');
	});

	it('finds a reference used twice, on the later row', () => {
		const check = datixIncidents.crossCheck?.() as (row: unknown, rowNumber?: number) => { field: string; message: string } | null;
		const row = incident(good);
		expect(check(row, 2)).toBeNull();
		expect(check(incident({ ...good, reference: '48212' }), 3)).toBeNull();
		expect(check(row, 4)).toEqual({ field: 'reference', message: 'the reference 48211 is already on row 2: expected each incident once per file' });
	});
});

describe('device count rows', () => {
	const good = { total: '3,180', managed: '3020', compliant: '2710', encrypted: '2950', supportedOs: '2870' };
	const counts = (r: Record<string, string>) => ok(deviceCounts, DEVICE_COUNTS_PRESET, r);

	it('reads whole counts with thousands separators; absent optional columns are null', () => {
		expect(counts(good)).toEqual({ odsCode: null, asOf: null, total: 3180, managed: 3020, compliant: 2710, encrypted: 2950, supportedOs: 2870, stale: null });
		expect(counts({ ...good, asOf: '30/06/2025', stale: '96' })).toMatchObject({ asOf: '2025-06-30', stale: 96 });
	});

	it('rejects counts above the total, negative or fractional counts', () => {
		expect(problems(deviceCounts, DEVICE_COUNTS_PRESET, { ...good, managed: '3181', stale: '4000' })).toEqual([
			['managed', 'Managed is 3181 but Total is 3180: expected at most the total'],
			['stale', 'Stale is 4000 but Total is 3180: expected at most the total']
		]);
		expect(problems(deviceCounts, DEVICE_COUNTS_PRESET, { ...good, encrypted: '-1', compliant: '12.5' })).toEqual([
			['compliant', 'expected a whole number of devices, 0 or more, like 1234'],
			['encrypted', 'expected a whole number of devices, 0 or more, like 1234']
		]);
	});
});

describe('choosing the layout from the header', () => {
	const resolve = (kind: keyof typeof IMPORT_CATALOGUE, header: string[]) =>
		resolveColumns(IMPORT_CATALOGUE[kind].formats, IMPORT_CATALOGUE[kind].presets, header, {});

	it('sends an Intune export to the device-row format and a counts file to device-counts', () => {
		expect(resolve('devices', [...INTUNE_COLUMNS]).preset?.name).toBe('intune');
		const counts = resolve('devices', ['ODS Code', 'As Of', 'Total', 'Managed', 'Compliant', 'Encrypted', 'Supported OS']);
		expect([counts.preset?.name, counts.format.name, counts.problems]).toEqual(['device-counts', 'device-counts', []]);
	});

	it('maps the ESR, ledger and Datix headers to their fields', () => {
		const esr = resolve('training', [
			'Employee Number',
			'Organisation',
			'Org L6',
			'Staff Group',
			'Competence Name',
			'Required',
			'Meets Requirement',
			'Achievement Date',
			'Expiry Date',
			'Compliance'
		]);
		expect([esr.preset?.name, esr.problems, esr.columns.get('department'), esr.ignored]).toEqual([
			'esr',
			[],
			2,
			['Organisation', 'Meets Requirement', 'Compliance']
		]);
		const ledger = resolve('spend', ['Posting Date', 'Cost Centre', 'Category', 'Supplier', 'Description', 'Expense Type', 'Value (£)']);
		expect([ledger.preset?.name, ledger.problems, ledger.columns.get('amount')]).toEqual(['ledger', [], 6]);
		const datix = resolve('incidents', ['ID', 'Date Reported', 'Category', 'Likelihood', 'Severity']);
		expect([datix.preset?.name, datix.problems]).toEqual(['datix', []]);
		expect(resolve('incidents', ['ID', 'Category', 'Likelihood', 'Severity']).problems.map((p) => p.column)).toEqual(['Reported date']);
	});
});
