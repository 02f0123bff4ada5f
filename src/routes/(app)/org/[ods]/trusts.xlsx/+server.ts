import { trustsXlsx } from '$lib/server/overview/trusts-export';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { RequestHandler } from './$types';

/** An ICB's trusts side by side, as its overview shows them, as an XLSX workbook. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { fileName, bytes } = await runLoad(() => trustsXlsx(serviceContext(locals), params.ods, queryParams(url, ['asOf']).asOf));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
