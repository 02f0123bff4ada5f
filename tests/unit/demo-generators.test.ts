import { describe, expect, it } from 'vitest';
import { generateFleet, snapshotDevices } from '../../src/lib/server/seed/demo-devices';
import { generateIncidents } from '../../src/lib/server/seed/demo-incidents';
import { maturityOn } from '../../src/lib/server/seed/demo-maturity';
import { DEMO_END, DEMO_ORGANISATIONS, DEMO_START } from '../../src/lib/server/seed/demo-profile';
import { generateSpendLines } from '../../src/lib/server/seed/demo-spend';
import { generateTrainingRecords } from '../../src/lib/server/seed/demo-training';
import { createRandom } from '../../src/lib/server/seed/random';

const borchester = DEMO_ORGANISATIONS.find((o) => o.ods === 'ZB1');
if (!borchester) throw new Error('demo profile lost Borchester');

describe('demo generators', () => {
	it('give the same data for the same seed and different data for another', () => {
		expect(generateTrainingRecords(borchester, createRandom(7))).toEqual(generateTrainingRecords(borchester, createRandom(7)));
		expect(generateIncidents(borchester, createRandom(7))).not.toEqual(generateIncidents(borchester, createRandom(8)));
	});

	it('use codes no real NHS trust or ICB has, and mark every name as demo', () => {
		for (const org of DEMO_ORGANISATIONS) {
			expect(org.ods).toMatch(/^Z/);
			expect(org.name).toMatch(/\(demo\)$/);
		}
	});

	it('raise maturity after the MDM rollout and keep it within 0–1', () => {
		expect(maturityOn(borchester, '2025-03-31')).toBeLessThan(0.5);
		expect(maturityOn(borchester, DEMO_END)).toBeCloseTo(0.9, 5);
		for (const org of DEMO_ORGANISATIONS) {
			for (const d of [DEMO_START, '2025-06-30', DEMO_END]) {
				const m = maturityOn(org, d);
				expect(m).toBeGreaterThan(0);
				expect(m).toBeLessThanOrEqual(1);
			}
		}
	});

	it('manage and encrypt more of the fleet after the rollout than before', () => {
		const random = createRandom(3);
		const fleet = generateFleet(borchester, random);
		const rate = (asOf: string, pick: (d: { isManaged?: boolean; isEncrypted?: boolean }) => boolean | undefined) => {
			const devices = snapshotDevices(borchester, fleet, asOf, random);
			return devices.filter(pick).length / devices.length;
		};
		expect(rate('2026-09-30', (d) => d.isManaged)).toBeGreaterThan(rate('2025-03-31', (d) => d.isManaged) + 0.1);
		expect(rate('2026-09-30', (d) => d.isEncrypted)).toBeGreaterThan(rate('2025-03-31', (d) => d.isEncrypted));
	});

	it('write spend only inside the demo period, in whole pence, linked to investments once they are live', () => {
		const lines = generateSpendLines(borchester, createRandom(5));
		for (const line of lines) {
			expect(line.spentOn >= DEMO_START && line.spentOn <= DEMO_END).toBe(true);
			expect(Number.isInteger(line.amountPence)).toBe(true);
			if (line.investmentName) {
				const inv = borchester.investments.find((i) => i.name === line.investmentName);
				expect(inv && line.spentOn.slice(0, 7) >= inv.goLiveOn.slice(0, 7)).toBe(true);
			}
		}
	});

	it('give incidents unique references and a detection time inside the period', () => {
		const incidents = generateIncidents(borchester, createRandom(9));
		expect(new Set(incidents.map((i) => i.reference)).size).toBe(incidents.length);
		for (const i of incidents) {
			const detected = new Date(i.detectedAt as string | Date);
			expect(detected >= new Date(`${DEMO_START}T00:00:00Z`) && detected <= new Date(`${DEMO_END}T23:59:59Z`)).toBe(true);
		}
	});
});
