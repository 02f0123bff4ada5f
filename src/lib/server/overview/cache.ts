import { LRUCache } from 'lru-cache';

/**
 * Overviews already built, by organisation, date and data fingerprint (queries.ts selectOverviewVersion):
 * a board opening the same overview again costs one small query instead of thirty. Any change to the
 * organisation's data changes its fingerprint, so a stale overview is never served; old entries simply age
 * out, least recently used first. Per process: each app server keeps its own.
 */
// Whole overviews and overview pages: a national instance's 260 organisations fit.
const overviews = new LRUCache<string, object>({ max: 300 });

export async function cached<T extends object>(key: string, build: () => Promise<T>): Promise<T> {
	const hit = overviews.get(key);
	if (hit !== undefined) return hit as T;
	const value = await build();
	overviews.set(key, value);
	return value;
}

/** Trusts' rows in their ICB's table (a few hundred bytes each): every trust of a national instance, at a few dates. */
export const trustRowCache = new LRUCache<string, object>({ max: 2000 });
