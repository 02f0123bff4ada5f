import { describe, expect, it } from 'vitest';
import { resolveColumns } from '../../src/lib/server/imports/column-mapping';
import { IMPORT_CATALOGUE } from '../../src/lib/server/imports/formats';
import { appCounts } from '../../src/lib/server/imports/formats/app-counts';
import { appDevices } from '../../src/lib/server/imports/formats/app-devices';
import { findingsTracker } from '../../src/lib/server/imports/formats/findings-tracker';
import type { ImportFormat } from '../../src/lib/server/imports/formats/format';
import { hashIdentifier } from '../../src/lib/server/imports/identifiers';

const KEY = 'unit-test-identifier-key';

/** As the pipeline gives a row to the schema: every field present, "" where no column supplies it. */
function parse<R>(format: ImportFormat<R>, record: Record<string, string>) {
	const full = { ...Object.fromEntries(format.fields.map((f) => [f.name, ''])), ...record };
	return format.rowSchema(KEY).safeParse(full);
}

function ok<R>(format: ImportFormat<R>, record: Record<string, string>): R {
	const result = parse(format, record);
	if (!result.success) throw new Error(`expected a row, got ${JSON.stringify(result.error.issues)}`);
	return result.data;
}

function problems<R>(format: ImportFormat<R>, record: Record<string, string>): [string, string][] {
	const result = parse(format, record);
	if (result.success) throw new Error(`expected problems, got ${JSON.stringify(result.data)}`);
	return result.error.issues.map((i) => [String(i.path[0]), i.message]);
}

describe('findings tracker rows', () => {
	const good = { reference: 'PT25-01', title: 'SMBv1 enabled', severity: 'High', raisedOn: '03/03/2025', owner: 'Infrastructure Manager' };
	const finding = (r: Record<string, string>) => ok(findingsTracker, { ...good, ...r });
	const refused = (r: Record<string, string>) => problems(findingsTracker, { ...good, ...r });

	it('gives an empty due date the default for the severity: 14 days for critical and high, 90 for medium, 180 for low', () => {
		expect(finding({})).toEqual({
			reference: 'PT25-01',
			title: 'SMBv1 enabled',
			severity: 'high',
			raisedOn: '2025-03-03',
			dueOn: '2025-03-17',
			dueGiven: false,
			owner: 'Infrastructure Manager',
			status: 'open',
			remediatedOn: null,
			acceptedBy: null,
			acceptedReason: null,
			acceptedOn: null
		});
		expect(finding({ severity: 'Critical' }).dueOn).toBe('2025-03-17');
		expect(finding({ severity: 'Medium' }).dueOn).toBe('2025-06-01');
		expect(finding({ severity: 'Low' }).dueOn).toBe('2025-08-30');
		expect(finding({ dueOn: '2025-04-30' })).toMatchObject({ dueOn: '2025-04-30', dueGiven: true });
		// Due on the day it was raised is allowed; the day before is not.
		expect(finding({ dueOn: '2025-03-03' }).dueOn).toBe('2025-03-03');
		expect(refused({ dueOn: '2025-03-02' })).toEqual([
			['dueOn', 'due 2025-03-02, before the finding was raised on 2025-03-03: expected a date on or after the date raised']
		]);
	});

	it('reads severity words, and refuses informational findings, numbers and "Severe" with a reason', () => {
		expect(['Crit', 'CRITICAL', 'critical risk'].map((s) => finding({ severity: s }).severity)).toEqual(['critical', 'critical', 'critical']);
		expect(['High Risk', 'Moderate', 'med', 'Low'].map((s) => finding({ severity: s }).severity)).toEqual(['high', 'medium', 'medium', 'low']);
		expect(refused({ severity: 'Informational' })[0]?.[1]).toMatch(/^an informational finding is an observation.*grade it Low to track it/);
		expect(refused({ severity: 'Info' })[0]?.[1]).toMatch(/informational/);
		expect(refused({ severity: '9.8' })[0]?.[1]).toMatch(/not a number: a CVSS score and a priority number run in opposite directions/);
		expect(refused({ severity: 'Severe' })[0]?.[1]).toMatch(/"Severe" means medium in some tools and high in others/);
		expect(refused({ severity: 'Urgent' })).toEqual([['severity', 'expected Critical, High, Medium or Low']]);
		expect(refused({ severity: '' })).toEqual([['severity', 'every finding needs a severity: Critical, High, Medium or Low']]);
	});

	it('reads the status words trackers use: Closed, Fixed and Resolved are remediated, Accepted is a risk acceptance', () => {
		for (const status of ['Remediated', 'Closed', 'Fixed', 'Resolved', 'Completed', 'Closed - Fixed']) {
			expect(finding({ status, remediatedOn: '14/03/2025' })).toMatchObject({ status: 'remediated', remediatedOn: '2025-03-14' });
		}
		for (const status of ['Open', 'In progress', 'Overdue', 'Not started', '']) expect(finding({ status }).status).toBe('open');
		const accepted = { acceptedBy: 'SIRO', acceptedReason: 'Compensating control in place', acceptedOn: '2025-03-20' };
		for (const status of ['Risk accepted', 'Accepted', 'Closed - risk accepted']) expect(finding({ status, ...accepted }).status).toBe('risk_accepted');
		expect(refused({ status: 'False positive' })[0]?.[1]).toMatch(/^a false positive or withdrawn finding is not a finding/);
		expect(refused({ status: 'Parked' })).toEqual([['status', 'expected Open, Remediated (or Closed, Fixed, Resolved) or Risk accepted']]);
	});

	it('needs a remediated date for a remediated finding, and a remediated status for a remediated date', () => {
		expect(refused({ status: 'Closed' })).toEqual([['remediatedOn', 'a remediated finding needs the date it was remediated']]);
		expect(refused({ status: 'Open', remediatedOn: '2025-03-14' })).toEqual([
			[
				'remediatedOn',
				'a remediated date, but the status is Open: expected the status Remediated (Closed, Fixed and Resolved mean it too), or no remediated date'
			]
		]);
		expect(refused({ status: 'Fixed', remediatedOn: '2025-03-02' })).toEqual([
			['remediatedOn', 'remediated 2025-03-02, before the finding was raised on 2025-03-03: expected a date on or after the date raised']
		]);
		// Remediated late (after the due date) is recorded, not refused.
		expect(finding({ status: 'Fixed', remediatedOn: '2025-06-30' })).toMatchObject({ status: 'remediated', dueOn: '2025-03-17', remediatedOn: '2025-06-30' });
	});

	it('needs who accepted a risk, why and when; an acceptance date needs that status', () => {
		expect(refused({ status: 'Risk accepted' })).toEqual([
			['acceptedBy', 'a risk acceptance records who accepted the risk (e.g. the SIRO)'],
			['acceptedReason', 'a risk acceptance records why the risk was accepted'],
			['acceptedOn', 'a risk acceptance records the date the risk was accepted']
		]);
		const accepted = { status: 'Accepted', acceptedBy: 'SIRO', acceptedReason: 'Isolated network', acceptedOn: '20/03/2025' };
		expect(finding(accepted)).toMatchObject({ status: 'risk_accepted', acceptedBy: 'SIRO', acceptedReason: 'Isolated network', acceptedOn: '2025-03-20' });
		expect(refused({ ...accepted, acceptedOn: '2025-03-01' })).toEqual([
			['acceptedOn', 'accepted 2025-03-01, before the finding was raised on 2025-03-03: expected a date on or after the date raised']
		]);
		expect(refused({ status: 'Fixed', remediatedOn: '2025-03-14', acceptedOn: '2025-03-14' })).toEqual([
			['acceptedOn', 'an accepted date, but the status is Remediated: expected the status Risk accepted, or no accepted date']
		]);
		// Who accepted it and why belong to an acceptance: a remediated finding keeps neither.
		expect(finding({ status: 'Fixed', remediatedOn: '2025-03-14', acceptedBy: 'SIRO', acceptedReason: 'n/a' })).toMatchObject({
			acceptedBy: null,
			acceptedReason: null
		});
	});

	it('without a status, takes it from the dates given', () => {
		expect(finding({ remediatedOn: '2025-03-10' }).status).toBe('remediated');
		expect(finding({ acceptedBy: 'SIRO', acceptedReason: 'Low impact', acceptedOn: '2025-03-10' }).status).toBe('risk_accepted');
		expect(refused({ remediatedOn: '2025-03-10', acceptedOn: '2025-03-10' })).toEqual([
			['status', 'no status, but both a remediated date and an accepted date: expected Remediated or Risk accepted']
		]);
	});

	it('needs a reference, a title and the date raised, and reports a reference used twice on the later row', () => {
		expect(refused({ reference: '', title: ' ', raisedOn: '' }).map(([field]) => field)).toEqual(['reference', 'title', 'raisedOn']);
		expect(refused({ raisedOn: '31/02/2025' })).toEqual([['raisedOn', 'a date is written YYYY-MM-DD or DD/MM/YYYY and must exist']]);
		const check = findingsTracker.crossCheck?.();
		expect(check?.(finding({}), 2)).toBeNull();
		expect(check?.(finding({ reference: 'PT25-02' }), 3)).toBeNull();
		expect(check?.(finding({}), 7)).toEqual({ field: 'reference', message: 'the reference PT25-01 is already on row 2: expected each finding once per file' });
	});
});

describe('discovered app rows', () => {
	it('keeps a keyed hash of the device ID and nothing else about the device', () => {
		const id = '3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e01';
		const row = ok(appDevices, { appName: ' WhatsApp Business ', appVersion: '2.24.8.78', deviceId: id });
		expect(row).toEqual({ deviceKey: hashIdentifier(KEY, 'device', id), appName: 'WhatsApp Business', appVersion: '2.24.8.78' });
		expect(JSON.stringify(row)).not.toContain(id);
		// The same hash as a device export gives the device, so the two can be lined up.
		expect(ok(appDevices, { appName: 'whatsapp', deviceId: id.toUpperCase() }).deviceKey).toBe(row.deviceKey);
		expect(ok(appDevices, { appName: 'Telegram', deviceId: id }).appVersion).toBe('');
		expect(problems(appDevices, { appName: '', deviceId: '' })).toEqual([
			['appName', 'every row needs the application name'],
			['deviceId', 'every row needs the device ID']
		]);
	});

	it('reads device counts with thousands separators, and refuses anything but a whole number', () => {
		expect(ok(appCounts, { appName: 'Microsoft Teams', appVersion: '6.12.1', deviceCount: '1,204' })).toEqual({
			appName: 'Microsoft Teams',
			appVersion: '6.12.1',
			deviceCount: 1204
		});
		expect(ok(appCounts, { appName: 'Google Chrome', deviceCount: '0' })).toEqual({ appName: 'Google Chrome', appVersion: '', deviceCount: 0 });
		for (const bad of ['-1', '2.5', '', 'many'])
			expect(problems(appCounts, { appName: 'WhatsApp', deviceCount: bad }).map(([field]) => field)).toEqual(['deviceCount']);
	});
});

describe('choosing the assurance layouts from the header', () => {
	const resolve = (kind: 'findings' | 'apps', header: string[]) => resolveColumns(IMPORT_CATALOGUE[kind].formats, IMPORT_CATALOGUE[kind].presets, header, {});

	it('maps a findings tracker by its common header names and leaves other columns out', () => {
		const header = [
			'Finding ID',
			'Title',
			'Risk Rating',
			'Date Identified',
			'Target Date',
			'Owner',
			'Status',
			'Date Closed',
			'Accepted By',
			'Acceptance Reason',
			'Accepted Date',
			'Source'
		];
		const r = resolve('findings', header);
		expect([r.preset?.name, r.problems, r.ignored]).toEqual(['findings-tracker', [], ['Source']]);
		expect(Object.fromEntries(r.columns)).toEqual({
			reference: 0,
			title: 1,
			severity: 2,
			raisedOn: 3,
			dueOn: 4,
			owner: 5,
			status: 6,
			remediatedOn: 7,
			acceptedBy: 8,
			acceptedReason: 9,
			acceptedOn: 10
		});
	});

	it('sends an app inventory to the per-device format, without reading names or emails, and a discovered-apps export to the counts format', () => {
		const raw = resolve('apps', [
			'ApplicationKey',
			'ApplicationName',
			'ApplicationPublisher',
			'ApplicationShortVersion',
			'ApplicationVersion',
			'DeviceId',
			'DeviceName',
			'OSDescription',
			'OSVersion',
			'Platform',
			'UserId',
			'EmailAddress',
			'UserName'
		]);
		expect([raw.preset?.name, raw.format.name, raw.problems]).toEqual(['intune-app-inventory', 'app-device-rows', []]);
		expect(Object.fromEntries(raw.columns)).toEqual({ appName: 1, appVersion: 4, deviceId: 5 });
		expect(raw.ignored).toEqual(expect.arrayContaining(['DeviceName', 'UserId', 'EmailAddress', 'UserName']));
		const counts = resolve('apps', ['Application name', 'Application version', 'Device count', 'Platform', 'Publisher']);
		expect([counts.preset?.name, counts.format.name, counts.problems, Object.fromEntries(counts.columns)]).toEqual([
			'intune-discovered-apps',
			'app-counts',
			[],
			{ appName: 0, appVersion: 1, deviceCount: 2 }
		]);
	});

	it('asks for the snapshot date of discovered apps, and of no findings', () => {
		expect(IMPORT_CATALOGUE.apps.asOf?.required).toBe(true);
		expect(IMPORT_CATALOGUE.devices.asOf?.required).toBe(false);
		expect(IMPORT_CATALOGUE.findings.asOf).toBeUndefined();
	});
});
