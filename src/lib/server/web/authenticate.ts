import type { Handle } from '@sveltejs/kit';
import { readRecentSession, SESSION_COOKIES } from '../auth/recent-session';
import { readAuthSettings } from '../auth/settings';
import { loadActor } from '../auth/sign-in';
import { getDatabase } from '../db';
import { instanceSecret } from '../secrets';

/**
 * Who is asking: the Auth.js session says which user signed in; the database says whether that user is
 * still active, still on the same session epoch, and what they may do now. A session that fails that
 * check is ended here, on this request. Checked on every request, re-issued or not.
 */
export const authenticate: Handle = async ({ event, resolve }) => {
	const { db } = await getDatabase();
	event.locals.db = db;
	event.locals.actor = null;
	// A request that only reads reads each organisation once (its route check, frame and page all ask).
	if (event.request.method === 'GET' || event.request.method === 'HEAD') event.locals.organisationRows = new Map();
	if (event.url.pathname.startsWith('/auth/')) return resolve(event);
	// A session re-issued in the last minute is read as it is; otherwise Auth.js re-issues it (recent-session.ts).
	const recent = await readRecentSession((name) => event.cookies.get(name), instanceSecret(), readAuthSettings(), Math.floor(Date.now() / 1000));
	const session = recent ?? (await event.locals.auth());
	if (session?.uid !== undefined) {
		event.locals.actor = await loadActor({ db }, session.uid, session.epoch ?? -1);
		if (!event.locals.actor) {
			for (const name of SESSION_COOKIES) event.cookies.delete(name, { path: '/' });
		}
	}
	return resolve(event);
};
