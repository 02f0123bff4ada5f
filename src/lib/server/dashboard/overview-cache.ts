/**
 * Overviews already built, by organisation, date and data fingerprint (queries.ts selectOverviewVersion):
 * a board opening the same overview again costs one small query instead of thirty. Any change to the
 * organisation's data changes its fingerprint, so a stale overview is never served; old entries simply age
 * out. Per process: each app server keeps its own.
 */
const LIMIT = 300;
const entries = new Map<string, unknown>();

export async function cached<T>(key: string, build: () => Promise<T>): Promise<T> {
	const hit = entries.get(key);
	if (hit !== undefined) {
		// Most recently used last, so the oldest is evicted first.
		entries.delete(key);
		entries.set(key, hit);
		return hit as T;
	}
	const value = await build();
	entries.set(key, value);
	if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string);
	return value;
}
