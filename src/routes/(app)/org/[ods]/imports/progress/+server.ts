import { error, json } from '@sveltejs/kit';
import { isUploadId, stagedImportProgress } from '$lib/server/imports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

/** How far the import of one of this person's uploads has got: polled by the import page while it waits. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const uploadId = url.searchParams.get('upload') ?? '';
	if (!isUploadId(uploadId)) error(400, 'Name the upload: ?upload=ID');
	const progress = await runLoad(() => stagedImportProgress(serviceContext(locals), { ods: params.ods, uploadId }));
	return json(progress, { headers: { 'cache-control': 'no-store' } });
};
