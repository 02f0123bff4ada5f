import { error } from '@sveltejs/kit';
import { isoDate } from '../../schemas/common';

/** The `?asOf=YYYY-MM-DD` of a dashboard URL: undefined (today) when absent, 400 when not a real date. */
export function asOfParam(url: URL): string | undefined {
	const asOf = url.searchParams.get('asOf') || undefined;
	if (asOf !== undefined && !isoDate.safeParse(asOf).success) error(400, 'The date to show the page as of is written YYYY-MM-DD and must exist.');
	return asOf;
}
