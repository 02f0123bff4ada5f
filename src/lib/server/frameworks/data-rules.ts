import { z } from 'zod';
import { formatCount } from '../../format';
import { isMetricName, METRIC_NAMES, METRICS, type MetricName } from '../metrics/metric-names';
import { CAF_LEVEL_LABELS, LEVELS, levelRank, lowestLevel, type Level, type LevelLabels } from './levels';

/**
 * A data rule maps one metric to a data-indicated level. Thresholds are listed best level first; the first
 * one the metric meets gives the level, else `otherwise` does. Several rules on one item combine as the
 * lowest of their levels. Thresholds are data, with their source, so each edition can change them.
 *
 *   { "metric": "training.completionRate", "source": "assumed",
 *     "levels": [{ "level": "achieved", "atLeast": 0.95 }, { "level": "partially_achieved", "atLeast": 0.8 }],
 *     "otherwise": "not_achieved" }
 */
const level = z.enum(LEVELS);
const fraction = z.number().min(0, 'a rate threshold is a fraction from 0 to 1').max(1, 'a rate threshold is a fraction from 0 to 1');

const threshold = z.strictObject({ level, atLeast: fraction.optional(), atMost: fraction.optional() });

export const dataRuleSchema = z
	.strictObject({
		metric: z.string().refine(isMetricName, { error: (issue) => `unknown metric "${String(issue.input)}": one of ${METRIC_NAMES.join(', ')}` }),
		levels: z.array(threshold).min(1, 'a rule needs at least one threshold'),
		otherwise: level,
		source: z.enum(['published', 'assumed']),
		note: z.string().trim().min(1).max(1000).optional()
	})
	.superRefine((rule, ctx) => {
		const directions = rule.levels.map((t, i) => {
			const both = t.atLeast !== undefined && t.atMost !== undefined;
			if (both || (t.atLeast === undefined && t.atMost === undefined)) {
				ctx.addIssue({ code: 'custom', path: ['levels', i], message: 'give exactly one of atLeast or atMost' });
			}
			return t.atLeast !== undefined ? 'atLeast' : 'atMost';
		});
		rule.levels.forEach((t, i) => {
			if (i > 0 && directions[i] !== directions[0]) {
				ctx.addIssue({ code: 'custom', path: ['levels', i], message: `every threshold of a rule uses the same comparison (${directions[0]})` });
				return;
			}
			const previous = rule.levels[i - 1];
			if (!previous) return;
			if (levelRank(t.level) >= levelRank(previous.level)) {
				ctx.addIssue({ code: 'custom', path: ['levels', i, 'level'], message: 'list thresholds from the highest level down, each level once' });
			}
			const [now, before] = [t.atLeast ?? t.atMost, previous.atLeast ?? previous.atMost];
			if (now === undefined || before === undefined) return;
			if (directions[i] === 'atLeast' && now >= before) {
				ctx.addIssue({ code: 'custom', path: ['levels', i, 'atLeast'], message: `must be below the threshold of the level above (${before})` });
			}
			if (directions[i] === 'atMost' && now <= before) {
				ctx.addIssue({ code: 'custom', path: ['levels', i, 'atMost'], message: `must be above the threshold of the level above (${before})` });
			}
		});
		const last = rule.levels.at(-1);
		if (last && levelRank(rule.otherwise) >= levelRank(last.level)) {
			ctx.addIssue({ code: 'custom', path: ['otherwise'], message: 'must be a lower level than every threshold' });
		}
	});

export type DataRule = z.output<typeof dataRuleSchema> & { metric: MetricName };

/** One metric's value as of a date (a metrics Rate); null, a null value or a zero denominator when the data cannot say. */
export interface MetricValue {
	value: number | null;
	numerator: number;
	denominator: number;
}

export type MetricValues = Partial<Record<string, MetricValue | null>>;

export interface RuleResult {
	metric: MetricName;
	level: Level | null;
	explanation: string;
}

export interface RulesEvaluation {
	/** The data-indicated level, or null when the data cannot say. Missing data is never "Not achieved". */
	level: Level | null;
	explanation: string;
	results: RuleResult[];
}

// Rates computed in SQL or from counts may land a hair away from the threshold they equal.
const EPSILON = 1e-9;

function meets(value: number, t: { atLeast?: number; atMost?: number }): boolean {
	if (t.atLeast !== undefined) return value >= t.atLeast - EPSILON;
	if (t.atMost !== undefined) return value <= t.atMost + EPSILON;
	return false;
}

// Formatters are made once: a new Intl.NumberFormat costs tens of microseconds, and an ICB's overview
// explains every outcome of each of its trusts.
const fixedDigits = [1, 2, 3, 4].map((d) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }));
const upToTwoDigits = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

function percent(fraction: number, digits: number): string {
	return `${(fixedDigits[digits - 1] as Intl.NumberFormat).format(fraction * 100)} %`;
}

function thresholdText(t: { atLeast?: number; atMost?: number }): string {
	const value = t.atLeast ?? t.atMost ?? 0;
	const shown = `${upToTwoDigits.format(value * 100)} %`;
	return `${t.atLeast !== undefined ? '≥' : '≤'} ${shown}`;
}

/** One decimal, unless rounding would show a value on the other side of a threshold (94.99 %, not 95.0 %). */
function valueText(value: number, rule: DataRule): string {
	let digits = 1;
	const misleading = (d: number) => {
		const shown = Math.round(value * 10 ** (d + 2)) / 10 ** (d + 2);
		return rule.levels.some((t) => meets(shown, t) !== meets(value, t));
	};
	while (digits < 4 && misleading(digits)) digits += 1;
	return percent(value, digits);
}

export function evaluateRule(rule: DataRule, metrics: MetricValues, labels: LevelLabels = CAF_LEVEL_LABELS): RuleResult {
	const { label } = METRICS[rule.metric];
	const m = metrics[rule.metric];
	const value = m?.value ?? null;
	if (!m || !(m.denominator > 0) || value === null || !Number.isFinite(value)) {
		return { metric: rule.metric, level: null, explanation: `${label}: no data` };
	}
	const met = rule.levels.find((t) => meets(value, t));
	const result = met?.level ?? rule.otherwise;
	const shown = `${label} ${valueText(value, rule)} (${formatCount(m.numerator)} of ${formatCount(m.denominator)}) → ${labels[result]}`;
	// The levels above the result, nearest first, with what each needs.
	const above = rule.levels.filter((t) => levelRank(t.level) > levelRank(result)).reverse();
	if (above.length === 0) return { metric: rule.metric, level: result, explanation: met ? `${shown} (${thresholdText(met)})` : shown };
	const needs = above.map((t, i) => `${labels[t.level]} ${i === 0 ? 'needs ' : ''}${thresholdText(t)}`).join(', ');
	return { metric: rule.metric, level: result, explanation: `${shown}; ${needs}` };
}

/**
 * The data-indicated level of an item from its rules: the lowest of the rules' levels. A rule without data
 * leaves the level unknown, unless the rules that have data already give a level it could not go below.
 */
export function evaluateRules(rules: readonly DataRule[], metrics: MetricValues, labels: LevelLabels = CAF_LEVEL_LABELS): RulesEvaluation {
	if (rules.length === 0) return { level: null, explanation: 'no data rules', results: [] };
	const results = rules.map((rule) => evaluateRule(rule, metrics, labels));
	const known = lowestLevel(results.flatMap((r) => (r.level ? [r.level] : [])));
	const floorOfMissing = lowestLevel(rules.filter((_, i) => results[i]?.level === null).map((r) => r.otherwise));
	const level = known !== null && (floorOfMissing === null || levelRank(known) <= levelRank(floorOfMissing)) ? known : null;
	const parts = results.map((r) => r.explanation);
	if (results.length === 1) return { level, explanation: parts[0] ?? '', results };
	const overall = level === null ? 'no data-indicated level until every metric has data' : `${labels[level]}, the lowest of ${results.length} rules`;
	return { level, explanation: `${parts.join(' · ')} ⇒ ${overall}`, results };
}
