// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Kysely } from 'kysely';
import type { Actor } from '$lib/server/auth/actor';
import type { DB } from '$lib/server/db/schema';
import type { OrganisationRow } from '$lib/server/organisations/queries';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Quoted to support staff; the same id is in the server log with the full error. */
			errorId?: string;
		}
		interface Locals {
			db: Kysely<DB>;
			/** The signed-in user, re-read from the database on this request; null when signed out. */
			actor: Actor | null;
			/** The Set-Cookie lines this request has written so far (web/page-cache.ts). */
			cookieWrites?: string[];
			/** Organisation rows read in this request, when it only reads (see ServiceContext.organisationRows). */
			organisationRows?: Map<string, Promise<OrganisationRow | undefined>>;
		}
	}
}

export {};
