import { error } from '@sveltejs/kit';
import { rejectedRowsCsv } from '$lib/server/imports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** The rows an import skipped, with why, as a CSV download (formulas neutralised by the service). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const batchId = /^\d{1,15}$/.test(params.batchId) ? Number(params.batchId) : 0;
	if (batchId <= 0) error(400, 'An import is named by its batch number');
	const { fileName, csv } = await runLoad(() => rejectedRowsCsv(serviceContext(locals), params.ods, batchId));
	// The byte order mark tells Excel the file is UTF-8, so names with accents open as written.
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
