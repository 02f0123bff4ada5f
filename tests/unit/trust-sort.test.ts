import { describe, expect, it } from 'vitest';
import { sortTrusts } from '../../src/lib/components/overview/trust-sort';
import type { TrustRow } from '../../src/lib/server/overview/page';

const row = (name: string, over: Partial<TrustRow>): TrustRow => ({
	ods: name,
	name,
	status: 'Standards Met',
	gaps: 0,
	unplannedGaps: 0,
	flags: 0,
	trainingRate: 0.9,
	compliantRate: 0.9,
	incidents: 0,
	icoReportable: 0,
	devicesAsOf: '2026-06-30',
	...over
});

const trusts = [
	row('Alpha', { status: 'Approaching Standards', gaps: 3, trainingRate: 0.97 }),
	row('Bravo', { status: 'Standards Not Met', gaps: 9, trainingRate: null }),
	row('Charlie', { status: null, gaps: null, trainingRate: 0.82 }),
	row('Delta', { status: 'Standards Met', gaps: 3, trainingRate: 0.9 })
];
const names = (rows: TrustRow[]) => rows.map((r) => r.name);

describe('sorting the trusts side by side', () => {
	it('sorts a status worst first, counts either way, and names break ties', () => {
		expect(names(sortTrusts(trusts, 'status', false))).toEqual(['Bravo', 'Alpha', 'Delta', 'Charlie']);
		expect(names(sortTrusts(trusts, 'gaps', true))).toEqual(['Bravo', 'Alpha', 'Delta', 'Charlie']);
		expect(names(sortTrusts(trusts, 'gaps', false))).toEqual(['Alpha', 'Delta', 'Bravo', 'Charlie']);
	});

	it('puts a trust with nothing to show last in either direction', () => {
		expect(names(sortTrusts(trusts, 'trainingRate', false))).toEqual(['Charlie', 'Delta', 'Alpha', 'Bravo']);
		expect(names(sortTrusts(trusts, 'trainingRate', true))).toEqual(['Alpha', 'Delta', 'Charlie', 'Bravo']);
		expect(names(sortTrusts(trusts, 'name', true))).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha']);
	});
});
