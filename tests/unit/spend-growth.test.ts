import { describe, expect, it } from 'vitest';
import { describeGrowth, growthMultiple } from '../../src/lib/spend-growth';
import { readPounds } from '../../src/lib/server/web/money';

const year = (y: number, totalPence: number) => ({ year: y, label: `${y}-${String((y + 1) % 100).padStart(2, '0')}`, totalPence });

describe('spend growth multiple', () => {
	it('compares this year with the earliest year shown that had spend', () => {
		const g = growthMultiple([year(2022, 0), year(2023, 0), year(2024, 100_000), year(2025, 290_000), year(2026, 510_000)]);
		expect(g).toEqual({ fromLabel: '2024-25', toLabel: '2026-27', years: 2, multiple: 5.1, samePeriod: null });
		expect(describeGrowth(g!)).toBe('× 5.1 over two years (2024-25 to 2026-27, whole years)');
		expect(describeGrowth(growthMultiple([year(2025, 100), year(2026, 150)])!)).toBe('× 1.5 over one year (2025-26 to 2026-27, whole years)');
	});

	it('says when it compares a year to date with the same months of the earlier year', () => {
		const samePeriod = { from: '2025-04-01', through: '2025-09-30' };
		const g = growthMultiple([year(2023, 200), year(2024, 300), { ...year(2025, 460), samePeriod }]);
		expect(g).toEqual({ fromLabel: '2023-24', toLabel: '2025-26', years: 2, multiple: 2.3, samePeriod });
		expect(describeGrowth(g!)).toBe('× 2.3 over two years (1 April to 30 September of 2023-24 and of 2025-26: the year to date against the same months)');
	});

	it('has nothing to say without an earlier year with spend, or without spend this year', () => {
		expect(growthMultiple([year(2025, 0), year(2026, 100)])).toBeNull();
		expect(growthMultiple([year(2026, 100)])).toBeNull();
		expect(growthMultiple([year(2025, 100), year(2026, 0)])).toBeNull();
		expect(growthMultiple([])).toBeNull();
	});
});

describe('pounds typed into a form', () => {
	it('reads whole pence, with or without commas and a pound sign', () => {
		expect(readPounds('b', '1,250,000')).toBe(125_000_000);
		expect(readPounds('b', '£1250000.5')).toBe(125_000_050);
		expect(readPounds('b', '0.07')).toBe(7);
	});

	it('refuses anything else, naming the field', () => {
		for (const bad of [undefined, '', 'lots', '-5', '1.234', '1e6']) {
			expect(() => readPounds('budgetPounds', bad), String(bad)).toThrow(/Enter an amount in pounds/);
		}
	});
});
