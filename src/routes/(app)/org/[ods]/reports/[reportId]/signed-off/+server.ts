import { getSignedOffPdf } from '$lib/server/reports/signed-off';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** The signed-off copy: the frozen PDF plus a signed incremental update with the board's sign-off. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { fileName, bytes } = await runLoad(() => getSignedOffPdf(serviceContext(locals), params.ods, params.reportId));
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
