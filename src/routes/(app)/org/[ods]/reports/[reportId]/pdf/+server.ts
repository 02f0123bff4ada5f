import { getReportPdf } from '$lib/server/reports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { pdfDownload } from '$lib/server/web/file-download';
import type { RequestHandler } from './$types';

/** The frozen PDF, byte for byte as generated. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { fileName, bytes } = await runLoad(() => getReportPdf(serviceContext(locals), params.ods, params.reportId));
	return pdfDownload(fileName, bytes);
};
