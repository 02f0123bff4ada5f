import { error } from '@sveltejs/kit';
import { getEvidenceFile } from '$lib/server/assessment/evidence';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** An evidence file as it was uploaded, always as a download, with the type Beacon checked it to be. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : 0;
	if (id <= 0) error(400, 'An evidence file is named by its number');
	const file = await runLoad(() => getEvidenceFile(serviceContext(locals), params.ods, id));
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
