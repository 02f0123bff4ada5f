import { describe, expect, it } from 'vitest';
import { isoDate, odsCode, pence } from '../../src/lib/schemas/common';
import { deviceSnapshotInput } from '../../src/lib/schemas/device';
import { incidentInput } from '../../src/lib/schemas/incident';
import { ValidationError, parseInput } from '../../src/lib/server/errors';

describe('shared input schemas', () => {
	it('normalises ODS codes and rejects malformed ones', () => {
		expect(odsCode.parse(' r0a ')).toBe('R0A');
		expect(odsCode.safeParse('R0').success).toBe(false);
		expect(odsCode.safeParse('R-0A').success).toBe(false);
	});

	it('accepts only real calendar dates written YYYY-MM-DD', () => {
		expect(isoDate.safeParse('2024-02-29').success).toBe(true);
		for (const bad of ['2025-02-29', '31/02/2025', '2025-13-01', '2025-02-31', '']) {
			expect(isoDate.safeParse(bad).success, bad).toBe(false);
		}
	});

	it('takes money as whole, non-negative pence', () => {
		expect(pence.parse(0)).toBe(0);
		expect(pence.safeParse(-1).success).toBe(false);
		expect(pence.safeParse(1.5).success).toBe(false);
	});

	it('reports every problem of an incident by field', () => {
		try {
			parseInput(incidentInput, 'incident', {
				reference: 'X',
				detectedAt: '2025-01-01T00:00:00Z',
				occurredAt: '2025-01-02T00:00:00Z',
				breachType: 'confidentiality',
				category: 'phishing',
				likelihood: 7,
				severity: 0
			});
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			const fields = (error as ValidationError).problems.map((p) => p.field);
			expect(fields).toEqual(expect.arrayContaining(['likelihood', 'severity']));
		}
		const detectedFirst = incidentInput.safeParse({
			reference: 'X',
			detectedAt: '2025-01-01T00:00:00Z',
			occurredAt: '2025-01-02T00:00:00Z',
			breachType: 'confidentiality',
			category: 'phishing',
			likelihood: 3,
			severity: 2
		});
		expect(detectedFirst.error?.issues[0]?.message).toBe('detected before it occurred');
	});

	it('holds a device snapshot as rows or counts, never both or neither', () => {
		expect(deviceSnapshotInput.safeParse({ asOf: '2025-03-31', source: 'intune' }).success).toBe(false);
		expect(
			deviceSnapshotInput.safeParse({
				asOf: '2025-03-31',
				source: 'intune',
				devices: [],
				counts: { total: 0, managed: 0, compliant: 0, encrypted: 0, supportedOs: 0 }
			}).success
		).toBe(false);
		expect(deviceSnapshotInput.safeParse({ asOf: '2025-03-31', source: 'intune', devices: [] }).success).toBe(true);
	});
});
