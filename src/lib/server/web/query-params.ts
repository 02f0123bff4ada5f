/**
 * The named query parameters as the URL gives them, an empty one as absent. They go to the page's read
 * model unchecked: it validates them, and runLoad answers its ValidationError with a 400 and its message.
 */
export function queryParams<K extends string>(url: URL, names: readonly K[]): Partial<Record<K, string>> {
	const params: Partial<Record<K, string>> = {};
	for (const name of names) {
		const value = url.searchParams.get(name);
		if (value) params[name] = value;
	}
	return params;
}
