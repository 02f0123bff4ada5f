import { json } from '@sveltejs/kit';
import { checkDatabase } from '$lib/server/health/service';
import { getDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Liveness and database reachability for load balancers and monitoring; reveals nothing else. */
export const GET: RequestHandler = async () => {
	const healthy = await checkDatabase({ db: (await getDatabase()).db });
	return json({ status: healthy ? 'ok' : 'unavailable' }, { status: healthy ? 200 : 503 });
};
