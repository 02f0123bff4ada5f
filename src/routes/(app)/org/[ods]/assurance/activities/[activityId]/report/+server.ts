import { error } from '@sveltejs/kit';
import { getActivityReport } from '$lib/server/assurance/activities';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { storedFileDownload } from '$lib/server/web/file-download';
import type { RequestHandler } from './$types';

/** An assurance activity's report, as a download. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const id = /^\d{1,15}$/.test(params.activityId) ? Number(params.activityId) : 0;
	if (id <= 0) error(400, 'An assurance activity is named by its number');
	return storedFileDownload(await runLoad(() => getActivityReport(serviceContext(locals), params.ods, id)));
};
