import { describe, expect, it } from 'vitest';
import { investmentSlug, observedIncidentsChart } from '../../src/lib/charts/roi-charts';
import { compareBeforeAfter } from '../../src/lib/server/roi/observed';

describe('the observed-return chart', () => {
	it('plots the before and after counts, with the same numbers in its table and summary', () => {
		const o = compareBeforeAfter({
			goLiveOn: '2025-04-01',
			asOf: '2026-03-31',
			targetedCategories: ['lost_stolen_device'],
			incidents: ['2024-05-01', '2024-06-01', '2024-07-01', '2025-05-01'].map((d) => ({
				detectedAt: new Date(`${d}T10:00:00Z`),
				category: 'lost_stolen_device',
				costPence: null
			}))
		})!;
		const spec = observedIncidentsChart('observed-mdm', 'MDM rollout', o);
		expect(spec.config.data.labels).toEqual(['Before go-live', 'After go-live']);
		expect(spec.config.data.datasets[0]!.data).toEqual([3, 1]);
		expect(spec.config.unit).toBe('count');
		expect(spec.table.rows).toEqual([
			{ label: 'Before go-live', cells: ['3'] },
			{ label: 'After go-live', cells: ['1'] }
		]);
		expect(spec.summary).toBe('MDM rollout: targeted incidents in the 365 days before and after go-live: Before go-live 3; After go-live 1.');
	});

	it('makes ids from names', () => {
		expect(investmentSlug('MDM rollout')).toBe('mdm-rollout');
		expect(investmentSlug('  Phishing simulation & awareness! ')).toBe('phishing-simulation-awareness');
		expect(investmentSlug('£££')).toBe('investment');
	});
});
