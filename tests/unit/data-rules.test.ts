import { describe, expect, it } from 'vitest';
import { dataRuleSchema, evaluateRules, type DataRule, type MetricValue } from '../../src/lib/server/frameworks/data-rules';
import { NDG_LEVEL_LABELS } from '../../src/lib/server/frameworks/levels';
import { METRIC_NAMES, METRICS } from '../../src/lib/server/metrics/metric-names';

const training: DataRule = {
	metric: 'training.completionRate',
	source: 'assumed',
	levels: [
		{ level: 'achieved', atLeast: 0.95 },
		{ level: 'partially_achieved', atLeast: 0.8 }
	],
	otherwise: 'not_achieved'
};
const stale: DataRule = {
	metric: 'devices.staleRate',
	source: 'assumed',
	levels: [
		{ level: 'achieved', atMost: 0.05 },
		{ level: 'partially_achieved', atMost: 0.15 }
	],
	otherwise: 'not_achieved'
};
const managed: DataRule = { ...training, metric: 'devices.managedRate' };

const rate = (numerator: number, denominator: number): MetricValue => ({ value: numerator / denominator, numerator, denominator });
const trainingAt = (value: number, denominator = 10_000): MetricValue => ({ value, numerator: Math.round(value * denominator), denominator });

describe('evaluateRules', () => {
	it('explains itself the way the issue asks', () => {
		expect(evaluateRules([training], { 'training.completionRate': rate(4562, 5003) })).toEqual({
			level: 'partially_achieved',
			explanation: 'training completion 91.2 % (4,562 of 5,003) → Partially achieved; Achieved needs ≥ 95 %',
			results: [
				{
					metric: 'training.completionRate',
					level: 'partially_achieved',
					explanation: 'training completion 91.2 % (4,562 of 5,003) → Partially achieved; Achieved needs ≥ 95 %'
				}
			]
		});
	});

	it('gives Achieved at exactly the threshold, however the rate was computed', () => {
		expect(evaluateRules([training], { 'training.completionRate': trainingAt(0.95) }).level).toBe('achieved');
		expect(evaluateRules([training], { 'training.completionRate': rate(19, 20) })).toMatchObject({
			level: 'achieved',
			explanation: 'training completion 95.0 % (19 of 20) → Achieved (≥ 95 %)'
		});
		// 0.95 minus a floating-point hair, as a sum of SQL fractions can land.
		expect(evaluateRules([training], { 'training.completionRate': trainingAt(0.95 - 1e-12) }).level).toBe('achieved');
	});

	it('gives Partially achieved just below, and shows enough decimals not to look like 95 %', () => {
		const result = evaluateRules([training], { 'training.completionRate': trainingAt(0.9499) });
		expect(result.level).toBe('partially_achieved');
		expect(result.explanation).toBe('training completion 94.99 % (9,499 of 10,000) → Partially achieved; Achieved needs ≥ 95 %');
	});

	it('falls to otherwise below the last threshold, naming what each level above needs', () => {
		expect(evaluateRules([training], { 'training.completionRate': trainingAt(0.8) }).level).toBe('partially_achieved');
		const low = evaluateRules([training], { 'training.completionRate': trainingAt(0.7999) });
		expect(low.level).toBe('not_achieved');
		expect(low.explanation).toBe('training completion 79.99 % (7,999 of 10,000) → Not achieved; Partially achieved needs ≥ 80 %, Achieved ≥ 95 %');
	});

	it('gives no data, never Not achieved, when the metric is missing, null or has nothing to count', () => {
		const none = [
			{},
			{ 'training.completionRate': null },
			{ 'training.completionRate': { value: 0, numerator: 0, denominator: 0 } },
			{ 'training.completionRate': { value: null, numerator: 0, denominator: 0 } }
		];
		for (const metrics of none) {
			expect(evaluateRules([training], metrics)).toEqual({
				level: null,
				explanation: 'training completion: no data',
				results: [{ metric: 'training.completionRate', level: null, explanation: 'training completion: no data' }]
			});
		}
		expect(evaluateRules([], {})).toEqual({ level: null, explanation: 'no data rules', results: [] });
	});

	it('reads atMost thresholds at their boundaries', () => {
		const at = (n: number) => evaluateRules([stale], { 'devices.staleRate': rate(n, 10_000) });
		expect(at(500).level).toBe('achieved');
		expect(at(501).level).toBe('partially_achieved');
		expect(at(501).explanation).toBe('stale devices 5.01 % (501 of 10,000) → Partially achieved; Achieved needs ≤ 5 %');
		expect(at(1500).level).toBe('partially_achieved');
		expect(at(1600)).toMatchObject({
			level: 'not_achieved',
			explanation: 'stale devices 16.0 % (1,600 of 10,000) → Not achieved; Partially achieved needs ≤ 15 %, Achieved ≤ 5 %'
		});
		expect(at(0).level).toBe('achieved');
	});

	it('combines several rules as the lowest level', () => {
		const result = evaluateRules([managed, stale], { 'devices.managedRate': rate(970, 1000), 'devices.staleRate': rate(80, 1000) });
		expect(result.level).toBe('partially_achieved');
		expect(result.results.map((r) => r.level)).toEqual(['achieved', 'partially_achieved']);
		expect(result.explanation).toBe(
			'devices under management 97.0 % (970 of 1,000) → Achieved (≥ 95 %) · stale devices 8.0 % (80 of 1,000) → Partially achieved; Achieved needs ≤ 5 % ⇒ Partially achieved, the lowest of 2 rules'
		);
	});

	it('leaves the level unknown when a rule lacks data, unless the others already give the lowest level', () => {
		const unknown = evaluateRules([managed, stale], { 'devices.managedRate': rate(970, 1000) });
		expect(unknown.level).toBeNull();
		expect(unknown.explanation).toMatch(/stale devices: no data ⇒ no data-indicated level until every metric has data$/);
		const certain = evaluateRules([managed, stale], { 'devices.managedRate': rate(100, 1000) });
		expect(certain.level).toBe('not_achieved');
	});

	it('speaks of Met and Not met for NDG evidence items', () => {
		const rule: DataRule = {
			metric: 'training.completionRate',
			source: 'published',
			levels: [{ level: 'achieved', atLeast: 0.95 }],
			otherwise: 'not_achieved'
		};
		expect(evaluateRules([rule], { 'training.completionRate': rate(4562, 5003) }, NDG_LEVEL_LABELS).explanation).toBe(
			'training completion 91.2 % (4,562 of 5,003) → Not met; Met needs ≥ 95 %'
		);
		expect(evaluateRules([rule], { 'training.completionRate': rate(4753, 5003) }, NDG_LEVEL_LABELS).explanation).toBe(
			'training completion 95.0 % (4,753 of 5,003) → Met (≥ 95 %)'
		);
	});
});

describe('data rule schema', () => {
	const problems = (rule: unknown) => {
		const result = dataRuleSchema.safeParse(rule);
		return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
	};

	it('accepts the shape the framework files use', () => {
		expect(problems(training)).toEqual([]);
		expect(problems(stale)).toEqual([]);
	});

	it('rejects unknown metrics, naming the known ones', () => {
		expect(problems({ ...training, metric: 'training.completion' })[0]).toMatch(
			/^metric: unknown metric "training.completion": one of training.completionRate, /
		);
	});

	it('rejects thresholds out of order, mixed comparisons, both or neither comparison, and rates beyond 0–1', () => {
		expect(
			problems({
				...training,
				levels: [
					{ level: 'achieved', atLeast: 0.8 },
					{ level: 'partially_achieved', atLeast: 0.95 }
				]
			})
		).toEqual(['levels.1.atLeast: must be below the threshold of the level above (0.8)']);
		expect(
			problems({
				...training,
				levels: [
					{ level: 'partially_achieved', atLeast: 0.8 },
					{ level: 'achieved', atLeast: 0.7 }
				]
			})
		).toContain('levels.1.level: list thresholds from the highest level down, each level once');
		expect(
			problems({
				...training,
				levels: [
					{ level: 'achieved', atLeast: 0.95 },
					{ level: 'partially_achieved', atMost: 0.1 }
				]
			})
		).toEqual(['levels.1: every threshold of a rule uses the same comparison (atLeast)']);
		expect(problems({ ...training, levels: [{ level: 'achieved', atLeast: 0.95, atMost: 1 }] })).toEqual(['levels.0: give exactly one of atLeast or atMost']);
		expect(problems({ ...training, levels: [{ level: 'achieved' }] })).toEqual(['levels.0: give exactly one of atLeast or atMost']);
		expect(problems({ ...training, levels: [{ level: 'achieved', atLeast: 95 }] })).toEqual(['levels.0.atLeast: a rate threshold is a fraction from 0 to 1']);
		expect(problems({ ...training, otherwise: 'partially_achieved' })).toEqual(['otherwise: must be a lower level than every threshold']);
		expect(problems({ ...training, source: undefined })).toHaveLength(1);
		expect(problems({ ...training, treshold: 1 })[0]).toMatch(/Unrecognized key/);
	});
});

describe('metric names', () => {
	it('has a label and a unit for each metric, including those the brief names', () => {
		for (const name of [
			'training.completionRate',
			'devices.managedRate',
			'devices.compliantRate',
			'devices.encryptedRate',
			'devices.supportedOsRate',
			'devices.staleRate',
			'incidents.notifiedWithin72hRate',
			'incidents.rcaCompletedRate'
		]) {
			expect(METRIC_NAMES, name).toContain(name);
		}
		for (const name of METRIC_NAMES) {
			expect(METRICS[name].label, name).toMatch(/^[a-z]/);
			expect(METRICS[name].unit, name).toBe('rate');
		}
	});
});
