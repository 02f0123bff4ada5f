import { error, fail, type ActionFailure } from '@sveltejs/kit';
import type { ServiceContext } from '../context';
import { isUnstorableValue } from '../db/errors';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../errors';

/** Said when a value the checks let through still cannot be stored (see isUnstorableValue). */
const UNSTORABLE = 'A value in the request cannot be stored (a NUL character, a number out of range or an impossible date): correct it and try again.';

/** The service context of a request whose route requires a signed-in user (the hook has checked). */
export function serviceContext(locals: App.Locals): ServiceContext {
	if (!locals.actor) error(401, 'Sign in to continue.');
	return { db: locals.db, actor: locals.actor, organisationRows: locals.organisationRows };
}

export interface ActionProblem {
	message: string;
	problems: FieldProblem[];
}

/**
 * Run a form action's one service call, turning domain errors into what the page shows: invalid or
 * conflicting input comes back to the form (400 / 409); forbidden and missing become error pages.
 */
export async function runAction<T>(call: () => Promise<T>): Promise<T | ActionFailure<ActionProblem>> {
	try {
		return await call();
	} catch (e) {
		if (e instanceof ValidationError) return fail(400, { message: e.message, problems: e.problems });
		if (e instanceof ConflictError) return fail(409, { message: e.message, problems: [] });
		if (e instanceof ForbiddenError) error(403, e.message);
		if (e instanceof NotFoundError) error(404, e.message);
		if (isUnstorableValue(e)) return fail(400, { message: UNSTORABLE, problems: [] });
		throw e;
	}
}

/**
 * The same mapping for loads and endpoints: input the service rejects (a malformed query parameter, say)
 * is a 400 with the service's own message, so a route need not validate what its service validates again;
 * forbidden and missing become error pages.
 */
export async function runLoad<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		if (e instanceof ValidationError) error(400, e.message);
		if (e instanceof ForbiddenError) error(403, e.message);
		if (e instanceof NotFoundError) error(404, e.message);
		if (isUnstorableValue(e)) error(400, UNSTORABLE);
		throw e;
	}
}

/**
 * Refuse a form with a NUL character in any text field: no browser form sends one, and PostgreSQL cannot
 * store it, so it could only fail later, and less clearly.
 */
export function refuseNulFields(data: Iterable<[string, FormDataEntryValue]>): void {
	for (const [key, value] of data) {
		if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000')))
			error(400, `The form field ${JSON.stringify(key.replaceAll('\u0000', '').slice(0, 60))} contains a NUL character, which Beacon does not accept.`);
	}
}

/** A form's text fields, trimmed; empty fields are left out so optional inputs stay undefined. */
export async function readForm(request: Request): Promise<Record<string, string>> {
	const fields: Record<string, string> = {};
	const data = await request.formData();
	refuseNulFields(data);
	for (const [key, value] of data) {
		if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim();
	}
	return fields;
}
