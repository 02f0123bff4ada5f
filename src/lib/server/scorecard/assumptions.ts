import { CAF_LEVEL_LABELS } from '../frameworks/levels';
import type { DataRule } from '../frameworks/data-rules';
import { METRICS } from '../metrics/metric-names';
import type { ServiceContext } from '../context';
import { prepareOutcomes } from './build';
import * as q from './queries';
import { findEdition } from './service';

/**
 * What an edition's scorecard rests on that NHS England has not published: profile levels Beacon assumes
 * ("assumed — confirm against the toolkit", DOMAIN.md) and data-rule thresholds that are Beacon's defaults.
 * The same for every organisation: it is the edition's data, not anyone's answers.
 */
export interface EditionAssumptions {
	outcomes: number;
	assumedProfiles: string[];
	publishedProfiles: string[];
	assumedThresholds: { outcome: string; metric: string; thresholds: string }[];
}

const percent = (value: number) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(value * 100)} %`;

/** "Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved". Pure; exported for tests. */
export function describeThresholds(rule: Pick<DataRule, 'levels' | 'otherwise'>): string {
	const steps = rule.levels.map((t) => `${CAF_LEVEL_LABELS[t.level]} at ${t.atLeast !== undefined ? '≥' : '≤'} ${percent(t.atLeast ?? t.atMost ?? 0)}`);
	return `${steps.join(', ')}, else ${CAF_LEVEL_LABELS[rule.otherwise]}`;
}

export async function getEditionAssumptions(ctx: ServiceContext, edition: string): Promise<EditionAssumptions> {
	const framework = await findEdition(ctx, edition);
	const outcomes = prepareOutcomes(await q.selectOutcomes(ctx.db, framework.id));
	return {
		outcomes: outcomes.length,
		assumedProfiles: outcomes.filter((o) => o.item.profile_level !== null && o.item.profile_source !== 'published').map((o) => o.item.code),
		publishedProfiles: outcomes.filter((o) => o.item.profile_level !== null && o.item.profile_source === 'published').map((o) => o.item.code),
		assumedThresholds: outcomes.flatMap((o) =>
			o.rules.filter((r) => r.source === 'assumed').map((r) => ({ outcome: o.item.code, metric: METRICS[r.metric].label, thresholds: describeThresholds(r) }))
		)
	};
}
