import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random source: the same seed gives the same demo data on every machine. */
export interface Random {
	/** A whole number from min to max inclusive. */
	int(min: number, max: number): number;
	/** A number in [0, 1). */
	float(): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Pick by weight: [[item, weight], …]. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
}

export function createRandom(seed: number): Random {
	const rng = xoroshiro128plus(seed);
	const float = () => uniformFloat64(rng);
	return {
		int: (min, max) => uniformInt(rng, min, max),
		float,
		chance: (p) => float() < p,
		pick<T>(items: readonly T[]): T {
			if (items.length === 0) throw new RangeError('cannot pick from an empty list');
			return items[uniformInt(rng, 0, items.length - 1)] as T;
		},
		weighted<T>(items: readonly (readonly [T, number])[]): T {
			const total = items.reduce((sum, [, w]) => sum + w, 0);
			let roll = float() * total;
			for (const [item, weight] of items) {
				roll -= weight;
				if (roll < 0) return item;
			}
			const last = items.at(-1);
			if (!last) throw new RangeError('cannot pick from an empty list');
			return last[0];
		}
	};
}
