// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Quoted to support staff; the same id is in the server log with the full error. */
			errorId?: string;
		}
	}
}

export {};
