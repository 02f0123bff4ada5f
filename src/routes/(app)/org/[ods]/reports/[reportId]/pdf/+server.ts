import { getReportPdf } from '$lib/server/reports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** The frozen PDF, byte for byte as generated. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { fileName, bytes } = await runLoad(() => getReportPdf(serviceContext(locals), params.ods, params.reportId));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
