import { trustsCsv } from '$lib/server/overview/trusts-export';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { RequestHandler } from './$types';

/** An ICB's trusts side by side, as its overview shows them, as CSV (formulas neutralised). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { fileName, csv } = await runLoad(() => trustsCsv(serviceContext(locals), params.ods, queryParams(url, ['asOf']).asOf));
	// The byte order mark tells Excel the file is UTF-8.
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
