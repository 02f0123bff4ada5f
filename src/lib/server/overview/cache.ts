/**
 * Overviews already built, by organisation, date and data fingerprint (queries.ts selectOverviewVersion):
 * a board opening the same overview again costs one small query instead of thirty. Any change to the
 * organisation's data changes its fingerprint, so a stale overview is never served; old entries simply age
 * out. Per process: each app server keeps its own.
 */
export interface BuiltCache {
	/** The value kept under the key, building and keeping it first when there is none. */
	cached<T>(key: string, build: () => Promise<T>): Promise<T>;
	/** The value kept under the key, if any (and now the most recently used). */
	peek<T>(key: string): T | undefined;
	keep(key: string, value: unknown): void;
}

/** A cache of at most `limit` entries, the least recently used evicted first. */
export function builtCache(limit: number): BuiltCache {
	const entries = new Map<string, unknown>();
	const peek = <T>(key: string): T | undefined => {
		const hit = entries.get(key);
		if (hit === undefined) return undefined;
		// Most recently used last, so the oldest is evicted first.
		entries.delete(key);
		entries.set(key, hit);
		return hit as T;
	};
	const keep = (key: string, value: unknown) => {
		entries.set(key, value);
		if (entries.size > limit) entries.delete(entries.keys().next().value as string);
	};
	return {
		peek,
		keep,
		async cached<T>(key: string, build: () => Promise<T>): Promise<T> {
			const hit = peek<T>(key);
			if (hit !== undefined) return hit;
			const value = await build();
			keep(key, value);
			return value;
		}
	};
}

/** Whole overviews and overview pages: a national instance's 260 organisations fit. */
export const overviews = builtCache(300);

/** Trusts' rows in their ICB's table (a few hundred bytes each): every trust of a national instance, at a few dates. */
export const trustRowCache = builtCache(2000);

export const cached = overviews.cached;
