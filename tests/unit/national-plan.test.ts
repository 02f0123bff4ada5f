import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planAssessment, type OutcomeRef } from '../../src/lib/server/seed/national-assessment';
import { deviceRows } from '../../src/lib/server/seed/national-devices';
import { incidentRows } from '../../src/lib/server/seed/national-incidents';
import { bandCounts, NATIONAL_ORGS, nationalRandom, planNational, SIZE_BANDS } from '../../src/lib/server/seed/national-profile';
import { DEMO_ORGANISATIONS } from '../../src/lib/server/seed/demo-profile';
import { trainingRows } from '../../src/lib/server/seed/national-training';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('national plan', () => {
	it('adds up to the national targets: 260 organisations, ~1.3 M staff (one training record each), ~1.5 M devices', () => {
		expect(sum(SIZE_BANDS.map((b) => b.count))).toBe(NATIONAL_ORGS);
		const plan = planNational();
		expect(plan).toHaveLength(260);
		expect(plan.filter((o) => o.kind === 'icb')).toHaveLength(42);
		expect(sum(plan.map((o) => o.staff))).toBeGreaterThan(1_280_000);
		expect(sum(plan.map((o) => o.staff))).toBeLessThan(1_320_000);
		expect(sum(plan.map((o) => o.devices))).toBeGreaterThan(1_480_000);
		expect(sum(plan.map((o) => o.devices))).toBeLessThan(1_520_000);
		// Each band's total is its average × count: the spread within the band averages out.
		for (const band of SIZE_BANDS) {
			const members = plan.filter((o) => o.band.key === band.key);
			expect(Math.abs(sum(members.map((o) => o.staff)) - band.staff * band.count), band.key).toBeLessThanOrEqual(band.count);
		}
		const large = plan.filter((o) => o.band.key === 'large_acute');
		expect(Math.min(...large.map((o) => o.staff))).toBeGreaterThan(12_000);
		expect(Math.max(...large.map((o) => o.devices))).toBeLessThan(24_001);
	});

	it('scales down by largest remainder, always with an ICB for the trusts once there are two organisations', () => {
		for (const n of [1, 2, 3, 7, 50, 259, 260, 400]) {
			const counts = bandCounts(n);
			expect(sum(counts), `${n}`).toBe(n);
			if (n >= 2) expect(counts[0], `${n}`).toBeGreaterThanOrEqual(1);
		}
		expect(bandCounts(260)).toEqual(SIZE_BANDS.map((b) => b.count));
		const small = planNational(3, 0.01);
		expect(small.map((o) => o.ods)).toEqual(['ZNQ01', 'ZNR001', 'ZNR002']);
		expect(small.filter((o) => o.kind === 'trust').every((o) => o.parentOds === 'ZNQ01')).toBe(true);
		expect(() => planNational(0)).toThrow(RangeError);
		expect(() => planNational(3, 0)).toThrow(RangeError);
	});

	it('uses fictional codes that no demo organisation and no organisation in the public samples has', () => {
		const plan = planNational();
		const codes = new Set(plan.map((o) => o.ods));
		expect(codes.size).toBe(260);
		for (const o of plan) {
			expect(o.ods).toMatch(/^ZN[QR]\d{2,3}$/);
			expect(o.name).toMatch(/\(fictional\)$/);
		}
		for (const demo of DEMO_ORGANISATIONS) expect(codes.has(demo.ods)).toBe(false);
		const dir = new URL('../../../shared/samples/public/', import.meta.url);
		let files: string[] = [];
		try {
			files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
		} catch {
			// the shared samples are not part of every checkout
		}
		for (const file of files) {
			for (const code of codes) expect(readFileSync(new URL(file, dir), 'utf8').includes(`,${code},`), `${code} in ${file}`).toBe(false);
		}
	});

	it('is deterministic and gives a mix of postures', () => {
		expect(planNational(40, 0.1)).toEqual(planNational(40, 0.1));
		const postures = new Set(planNational().map((o) => o.posture));
		expect([...postures].sort()).toEqual(['approaching', 'met', 'not_met']);
		const org = planNational(3, 0.05)[1];
		if (!org) throw new Error('no trust');
		expect(trainingRows(org, 1, nationalRandom(1, 2))).toEqual(trainingRows(org, 1, nationalRandom(1, 2)));
		expect(trainingRows(org, 1, nationalRandom(1, 2))).toHaveLength(org.staff);
		expect(deviceRows(org, 1, nationalRandom(1, 3))).toHaveLength(org.devices);
		expect(incidentRows(org, 1, nationalRandom(1, 4))).not.toEqual(incidentRows(org, 1, nationalRandom(1, 5)));
	});

	it('gives every gap of an approaching organisation a complete action, and a met organisation no gaps', () => {
		const outcomes: OutcomeRef[] = Array.from({ length: 47 }, (_, i) => ({
			id: i + 1,
			code: `X${i}`,
			hardGate: i === 9 ? 'MFA' : null,
			hasDataRules: i % 8 === 0
		}));
		for (const org of planNational(60, 0.01)) {
			const { responses, actions } = planAssessment(org, outcomes, nationalRandom(org.index, 5));
			expect(responses).toHaveLength(47);
			const gaps = responses.filter((r) => r.self === 'not_achieved' || r.isMet === false).map((r) => r.outcome.id);
			if (org.posture === 'met') expect(gaps).toEqual([]);
			if (org.posture === 'approaching') {
				const covered = new Set(actions.filter((a) => a.owner && a.dueOn && a.status !== 'completed').map((a) => a.outcome.id));
				expect(
					gaps.every((id) => covered.has(id)),
					org.ods
				).toBe(true);
			}
			if (org.posture === 'not_met') expect(gaps.length).toBeGreaterThan(0);
		}
	});
});
