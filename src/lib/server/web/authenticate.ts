import type { Handle } from '@sveltejs/kit';
import { loadActor } from '../auth/sign-in';
import { getDatabase } from '../db';

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

/**
 * Who is asking: the Auth.js session says which user signed in; the database says whether that user is
 * still active, still on the same session epoch, and what they may do now. A session that fails that
 * check is ended here, on this request.
 */
export const authenticate: Handle = async ({ event, resolve }) => {
	const { db } = await getDatabase();
	event.locals.db = db;
	event.locals.actor = null;
	if (event.url.pathname.startsWith('/auth/')) return resolve(event);
	const session = await event.locals.auth();
	if (session?.uid !== undefined) {
		event.locals.actor = await loadActor({ db }, session.uid, session.epoch ?? -1);
		if (!event.locals.actor) {
			for (const name of SESSION_COOKIES) event.cookies.delete(name, { path: '/' });
		}
	}
	return resolve(event);
};
