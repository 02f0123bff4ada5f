import { getSignedOffPdf } from '$lib/server/reports/signed-off';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { pdfDownload } from '$lib/server/web/file-download';
import type { RequestHandler } from './$types';

/** The signed-off copy: the frozen PDF plus a signed incremental update with the board's sign-off. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { fileName, bytes } = await runLoad(() => getSignedOffPdf(serviceContext(locals), params.ods, params.reportId));
	return pdfDownload(fileName, bytes);
};
