import { getReportBundle } from '$lib/server/reports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** A regulator pack's machine-readable bundle (zip), made from its frozen data. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { fileName, bytes } = await runLoad(() => getReportBundle(serviceContext(locals), params.ods, params.reportId));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
