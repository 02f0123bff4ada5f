import { describe, expect, it } from 'vitest';
import { parseMapOption, resolveColumns } from '../../src/lib/server/imports/column-mapping';
import { IMPORT_CATALOGUE } from '../../src/lib/server/imports/formats';
import { INTUNE_COLUMNS } from '../fixtures/intune-export';

const devices = IMPORT_CATALOGUE.devices;
const resolve = (header: string[], options: Parameters<typeof resolveColumns>[3] = {}) => resolveColumns(devices.formats, devices.presets, header, options);

describe('column mapping', () => {
	it('recognises the Intune export by its headers and ignores the columns no metric needs', () => {
		const r = resolve([...INTUNE_COLUMNS]);
		expect(r.preset?.name).toBe('intune');
		expect(r.problems).toEqual([]);
		expect(r.columns.get('deviceId')).toBe(INTUNE_COLUMNS.indexOf('Device ID'));
		expect(r.ignored).toContain('Primary user UPN');
		expect(r.ignored).toContain('Serial number');
	});

	it('names each required column that is missing, with what it looked for', () => {
		const r = resolve(INTUNE_COLUMNS.filter((c) => c !== 'Last check-in'));
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]).toMatchObject({ row: 1, column: 'Last check-in' });
		expect(r.problems[0]?.message).toMatch(/required column missing.*"Last check-in".*lastCheckIn/);
	});

	it('lets an explicit mapping supply unknown headers, and says what is wrong with a bad one', () => {
		const header = ['Asset', 'Seen', 'Platform', 'State'];
		expect(resolve(header).problems.length).toBeGreaterThan(0);
		const mapped = resolve(header, { mapping: { Asset: 'deviceId', Seen: 'lastCheckIn', Platform: 'os', State: 'compliance' } });
		expect(mapped.problems).toEqual([]);
		expect([...mapped.columns.entries()]).toEqual(
			expect.arrayContaining([
				['deviceId', 0],
				['lastCheckIn', 1],
				['os', 2],
				['compliance', 3]
			])
		);
		const bad = resolve(header, { mapping: { Asset: 'serial', Missing: 'os' } });
		expect(bad.problems.map((p) => p.message)).toEqual(
			expect.arrayContaining([expect.stringMatching(/"serial" is not a field/), expect.stringMatching(/column "Missing" that this file does not have/)])
		);
	});

	it('leaves out a column mapped to "" even when the preset knows it, so a required field is then missing', () => {
		const optional = resolve([...INTUNE_COLUMNS], { mapping: { Model: '', 'Serial number': '' } });
		expect(optional.problems).toEqual([]);
		expect(optional.columns.has('model')).toBe(false);
		expect(optional.ignored).toEqual(expect.arrayContaining(['Model', 'Serial number']));

		const required = resolve([...INTUNE_COLUMNS], { preset: 'intune', mapping: { 'device id': '' } });
		expect(required.preset?.name).toBe('intune');
		expect(required.columns.has('deviceId')).toBe(false);
		expect(required.problems).toEqual([
			{
				row: 1,
				column: 'Device ID',
				value: null,
				message: expect.stringMatching(/^required column missing: Device ID .*"device id" is set not to be imported\. Map your column to "deviceId"$/)
			}
		]);

		// Another column can take the field instead; a column the file does not have is left out already.
		const moved = resolve([...INTUNE_COLUMNS], { mapping: { 'Device ID': '', 'Serial number': 'deviceId', 'Not in this file': '' } });
		expect(moved.problems).toEqual([]);
		expect(moved.columns.get('deviceId')).toBe(INTUNE_COLUMNS.indexOf('Serial number'));
		expect(moved.ignored).toContain('Device ID');
	});

	it('refuses a preset that does not exist for the kind', () => {
		expect(resolve([...INTUNE_COLUMNS], { preset: 'nope' }).problems[0]?.message).toMatch(/no preset "nope"/);
	});

	it('parses --map pairs and rejects malformed ones', () => {
		expect(parseMapOption('Asset Tag=deviceId, Seen = lastCheckIn')).toEqual({ 'Asset Tag': 'deviceId', Seen: 'lastCheckIn' });
		expect(parseMapOption('Device ID=,Serial number=deviceId, Model = ')).toEqual({ 'Device ID': '', 'Serial number': 'deviceId', Model: '' });
		expect(() => parseMapOption('Asset Tag')).toThrow(/"Source Header=field"/);
		expect(() => parseMapOption('=os')).toThrow();
		expect(() => parseMapOption(' =')).toThrow();
	});
});
