import { json } from '@sveltejs/kit';
import { checkDatabase } from '$lib/server/health/service';
import type { RequestHandler } from './$types';

/** Liveness and database reachability for load balancers and monitoring; reveals nothing else. */
export const GET: RequestHandler = async ({ locals }) => {
	const healthy = await checkDatabase({ db: locals.db });
	return json({ status: healthy ? 'ok' : 'unavailable' }, { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
