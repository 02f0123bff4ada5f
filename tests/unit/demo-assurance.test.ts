import { describe, expect, it } from 'vitest';
import { onTimeShare, planFindings, type SeedFinding } from '../../src/lib/server/seed/assurance-findings';
import { addDays, quarterEnds } from '../../src/lib/server/seed/dates';
import { DEMO_STORIES, planDemoAssurance } from '../../src/lib/server/seed/demo-assurance';
import { generateFleet, snapshotDevices } from '../../src/lib/server/seed/demo-devices';
import { along, type ManagedDevice } from '../../src/lib/server/seed/demo-messaging';
import { trainingProgress } from '../../src/lib/server/seed/demo-phishing';
import { DEMO_END, DEMO_ORGANISATIONS, DEMO_START, type DemoOrganisation } from '../../src/lib/server/seed/demo-profile';
import { planNationalAssurance } from '../../src/lib/server/seed/national-assurance';
import { NATIONAL_END, nationalRandom, planNational } from '../../src/lib/server/seed/national-profile';
import { matchConsumerApp } from '../../src/lib/server/assurance/messaging-apps';
import { createRandom } from '../../src/lib/server/seed/random';

const org = (ods: string): DemoOrganisation => {
	const found = DEMO_ORGANISATIONS.find((o) => o.ods === ods);
	if (!found) throw new Error(`demo profile lost ${ods}`);
	return found;
};

/** The managed devices of each quarterly MDM snapshot, as the demo seed makes them. */
function managedDevices(o: DemoOrganisation) {
	const random = createRandom(11);
	const fleet = generateFleet(o, random);
	return quarterEnds(DEMO_START, DEMO_END).map((asOf) => ({
		asOf,
		managed: snapshotDevices(o, fleet, asOf, random)
			.filter((d) => d.isManaged)
			.map((d): ManagedDevice => ({ key: d.deviceKey, type: d.deviceType as ManagedDevice['type'], os: d.os }))
	}));
}

const devicesOf = { ZB1: managedDevices(org('ZB1')), ZB2: managedDevices(org('ZB2')) };
const plan = (ods: 'ZB1' | 'ZB2', seed = 7) => planDemoAssurance(org(ods), devicesOf[ods], createRandom(seed));
const borchester = plan('ZB1');

const rates = (p: ReturnType<typeof planDemoAssurance>) =>
	p.activities
		.filter((a) => a.type === 'phishing_exercise')
		.map((a) => {
			const rows = p.phishing.filter((r) => r.activityTitle === a.title);
			const sent = rows.reduce((s, r) => s + r.emailsSent, 0);
			return { on: a.startedOn, click: rows.reduce((s, r) => s + r.clicked, 0) / sent, report: rows.reduce((s, r) => s + r.reported, 0) / sent };
		});

describe('demo assurance history', () => {
	it('is the same for the same seed and differs for another', () => {
		expect(plan('ZB1', 7)).toEqual(borchester);
		expect(plan('ZB1', 8).findings).not.toEqual(borchester.findings);
	});

	it('has a story for every demo organisation, with a DSPT independent assessment every year', () => {
		for (const o of DEMO_ORGANISATIONS) {
			const story = DEMO_STORIES[o.ods];
			expect(story, o.ods).toBeDefined();
			const assessments = story?.activities.filter((a) => a.type === 'dspt_independent_assessment') ?? [];
			expect(assessments.length, o.ods).toBeGreaterThanOrEqual(3);
			expect(
				assessments.every((a) => a.opinion && a.confidence),
				o.ods
			).toBe(true);
			for (const a of story?.activities ?? []) expect(a.completedOn >= DEMO_START && a.completedOn <= DEMO_END, `${o.ods} ${a.completedOn}`).toBe(true);
		}
	});

	it('names activities and findings uniquely and keeps every finding consistent with its status', () => {
		for (const p of [borchester, plan('ZB2')]) {
			expect(new Set(p.activities.map((a) => a.title)).size).toBe(p.activities.length);
			expect(new Set(p.findings.map((f) => f.reference)).size).toBe(p.findings.length);
			for (const f of p.findings) {
				expect(p.activities.some((a) => a.title === f.activityTitle)).toBe(true);
				if (f.severity === 'critical' || f.severity === 'high') expect(f.dueOn).toBe(addDays(f.raisedOn, 14));
				const closed = f.remediatedOn ?? f.acceptedOn;
				expect(f.status === 'open').toBe(closed === null);
				if (closed) expect(closed >= f.raisedOn && closed <= DEMO_END).toBe(true);
				if (f.status === 'risk_accepted') expect(f.acceptedBy).toMatch(/^SIRO/);
			}
		}
		expect(borchester.findings.some((f) => f.status === 'risk_accepted' && f.acceptedReason)).toBe(true);
	});

	it('deals with more critical and high findings inside 14 days after Borchester matures than before', () => {
		const within = (fs: SeedFinding[]) => fs.filter((f) => (f.remediatedOn ?? f.acceptedOn ?? '9999') <= addDays(f.raisedOn, 14)).length / fs.length;
		const urgent = borchester.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
		const before = urgent.filter((f) => f.raisedOn < '2025-04-01');
		const after = urgent.filter((f) => f.raisedOn >= '2025-10-01');
		expect(before.length).toBeGreaterThan(3);
		expect(within(after)).toBeGreaterThan(within(before) + 0.3);
		expect(onTimeShare(0.45)).toBeLessThan(0.4);
		expect(onTimeShare(0.9)).toBeGreaterThan(0.9);
	});

	it('lowers phishing click rates and raises report rates after training', () => {
		expect(trainingProgress(null, DEMO_END)).toBe(0);
		expect(trainingProgress('2024-09-01', '2024-08-31')).toBe(0);
		expect(trainingProgress('2024-09-01', '2025-09-01')).toBeGreaterThan(0.75);
		for (const [p, trainingOn] of [
			[borchester, '2024-09-01'],
			[planDemoAssurance(org('ZB4'), [], createRandom(7)), '2025-01-06']
		] as const) {
			const all = rates(p);
			const before = all.filter((r) => r.on < trainingOn);
			const yearOn = all.filter((r) => r.on >= addDays(trainingOn, 365));
			expect(before.length).toBeGreaterThan(0);
			expect(Math.max(...yearOn.map((r) => r.click))).toBeLessThan(Math.min(...before.map((r) => r.click)) * 0.6);
			expect(Math.min(...yearOn.map((r) => r.report))).toBeGreaterThan(Math.max(...before.map((r) => r.report)) * 1.5);
		}
		// By staff group at Borchester: every exercise has a row per group and none for all staff.
		expect(borchester.phishing.every((r) => r.staffGroup !== '')).toBe(true);
		expect(plan('ZB2').phishing.every((r) => r.staffGroup === '')).toBe(true);
	});

	it("lists Borchester's devices by the keys of its MDM snapshots, with consumer apps falling after the Siilo rollout", () => {
		const share = (asOf: string) => {
			const s = borchester.appSnapshots.find((x) => x.asOf === asOf);
			if (!s?.devices || s.devicesTotal === null) throw new Error(`no device-listing export as of ${asOf}`);
			const keys = new Set(devicesOf.ZB1.find((d) => d.asOf === asOf)?.managed.map((d) => d.key));
			expect(s.devices.every((d) => keys.has(d.key))).toBe(true);
			expect(s.devicesTotal).toBe(keys.size);
			return new Set(s.devices.filter((d) => matchConsumerApp(d.app) !== null).map((d) => d.key)).size / s.devicesTotal;
		};
		expect(share('2025-09-30')).toBeGreaterThan(0.12);
		expect(share('2026-03-31')).toBeLessThan(0.05);
		expect(share('2026-09-30')).toBeLessThanOrEqual(0.01);
		expect(borchester.approvedApps.map((a) => a.name)).toContain('Siilo');
		// Felpersham's exports count devices per app instead.
		expect(plan('ZB2').appSnapshots.every((s) => s.devices === null && s.devicesTotal === null && s.apps.length > 0)).toBe(true);
	});

	it('reads values off a line of dated points', () => {
		const points = [
			['2025-01-01', 0.2],
			['2025-01-11', 0.1]
		] as const;
		expect(along(points, '2024-06-30')).toBe(0.2);
		expect(along(points, '2025-01-06')).toBeCloseTo(0.15, 10);
		expect(along(points, '2026-01-01')).toBe(0.1);
	});
});

describe('national assurance history', () => {
	const national = planNational(40, 0.05);
	const planned = national.map((o) => planNationalAssurance(o, nationalRandom(o.index, 6)));

	it('is the same for the same stream', () => {
		const first = national[3];
		if (!first) throw new Error('no organisation');
		expect(planNationalAssurance(first, nationalRandom(first.index, 6))).toEqual(planned[3]);
	});

	it('gives every organisation yearly assessments, findings, quarterly phishing and app exports, nothing after the as-of date', () => {
		for (const [i, p] of planned.entries()) {
			const o = national[i];
			expect(p.activities.filter((a) => a.type === 'dspt_independent_assessment').length, o?.ods).toBeGreaterThanOrEqual(5);
			expect(p.activities.filter((a) => a.type === 'phishing_exercise')).toHaveLength(12);
			expect(p.appSnapshots).toHaveLength(8);
			expect(new Set(p.activities.map((a) => a.title)).size).toBe(p.activities.length);
			expect(new Set(p.findings.map((f) => f.reference)).size).toBe(p.findings.length);
			for (const a of p.activities) expect(a.completedOn === null || a.completedOn <= NATIONAL_END).toBe(true);
			for (const r of p.phishing) expect(r.emailsSent).toBeGreaterThan(0);
		}
	});

	it('has fewer consumer messaging apps, and better phishing results, at the more mature organisations', () => {
		const last = (p: (typeof planned)[number]) => {
			const s = p.appSnapshots.at(-1);
			return (s?.apps ?? []).filter((a) => matchConsumerApp(a.name)).reduce((n, a) => n + a.devices, 0);
		};
		const ranked = national.map((o, i) => ({ o, p: planned[i] as (typeof planned)[number] })).sort((a, b) => a.o.maturity - b.o.maturity);
		const perDevice = (xs: typeof ranked) => xs.reduce((n, x) => n + last(x.p), 0) / xs.reduce((n, x) => n + x.o.devices, 0);
		const low = ranked.slice(0, 10);
		const high = ranked.slice(-10);
		expect(perDevice(high)).toBeLessThan(perDevice(low) * 0.5);
		const clickRate = (xs: typeof ranked) => {
			const rows = xs.flatMap((x) => x.p.phishing);
			return rows.reduce((n, r) => n + r.clicked, 0) / rows.reduce((n, r) => n + r.emailsSent, 0);
		};
		expect(clickRate(high)).toBeLessThan(clickRate(low));
	});
});

describe('findings of an activity', () => {
	it('leave nothing closed after the end and judge handling by maturity on the day raised', () => {
		const activity = {
			type: 'penetration_test' as const,
			title: 'Penetration test, June 2026',
			provider: 'x',
			startedOn: '2026-06-01',
			completedOn: '2026-06-10',
			scope: null,
			opinion: null,
			confidence: null,
			note: null
		};
		const findings = planFindings(activity, { maturityOn: () => 0.2, end: '2026-06-20', siro: 'SIRO' }, createRandom(1));
		expect(findings.length).toBeGreaterThan(5);
		for (const f of findings) expect((f.remediatedOn ?? f.acceptedOn ?? '') <= '2026-06-20').toBe(true);
		expect(planFindings({ ...activity, completedOn: null }, { maturityOn: () => 0.5, end: '2026-06-20', siro: 'SIRO' }, createRandom(1))).toEqual([]);
	});
});
