import { error } from '@sveltejs/kit';
import { getActivityReport } from '$lib/server/assurance/activities';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** An assurance activity's report as it was uploaded, always as a download, with the type Beacon checked it to be. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = /^\d{1,15}$/.test(params.activityId) ? Number(params.activityId) : 0;
	if (id <= 0) error(400, 'An assurance activity is named by its number');
	const file = await runLoad(() => getActivityReport(serviceContext(locals), params.ods, id));
	return new Response(Buffer.from(file.content), {
		headers: {
			'content-type': file.mediaType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'content-length': String(file.content.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`
		}
	});
};
