import { error } from '@sveltejs/kit';
import { getEvidenceFile } from '$lib/server/assessment/evidence';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { storedFileDownload } from '$lib/server/web/file-download';
import type { RequestHandler } from './$types';

/** An evidence file, as a download. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : 0;
	if (id <= 0) error(400, 'An evidence file is named by its number');
	return storedFileDownload(await runLoad(() => getEvidenceFile(serviceContext(locals), params.ods, id)));
};
