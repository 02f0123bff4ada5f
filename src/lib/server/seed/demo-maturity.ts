import type { DemoOrganisation } from './demo-profile';
import { DEMO_END, DEMO_START } from './demo-profile';
import { daysBetween } from './dates';

/**
 * How mature an organisation's security is on a date (0–1): a straight line from its starting maturity to
 * its final one, lifted sharply by an MDM rollout where it has one, which is what the demo's story shows.
 */
export function maturityOn(org: DemoOrganisation, isoDate: string): number {
	const span = daysBetween(DEMO_START, DEMO_END);
	const progress = Math.min(1, Math.max(0, daysBetween(DEMO_START, isoDate) / span));
	const [start, end] = org.maturity;
	const mdm = org.investments.find((i) => i.category === 'mdm');
	if (!mdm) return start + (end - start) * progress;
	// Before the rollout the organisation barely improves; afterwards it climbs to its final level.
	const atRollout = start + (end - start) * 0.1;
	if (isoDate < mdm.goLiveOn) {
		const before = daysBetween(DEMO_START, mdm.goLiveOn);
		return start + (atRollout - start) * (daysBetween(DEMO_START, isoDate) / before);
	}
	const after = daysBetween(mdm.goLiveOn, DEMO_END);
	const t = Math.min(1, daysBetween(mdm.goLiveOn, isoDate) / Math.max(1, after * 0.5));
	return atRollout + (end - atRollout) * t;
}

/** True once the investment in this category has gone live on the date. */
export function isLive(org: DemoOrganisation, category: string, isoDate: string): boolean {
	return org.investments.some((i) => i.category === category && i.goLiveOn <= isoDate);
}
