/**
 * The one line the server log gets for an Auth.js error: its type and first line of message, never a stack
 * trace. A wrong password is an everyday event (and is audited as auth.sign_in_failed), not a crash.
 */
export function authLogLine(error: unknown): string {
	const e = error as { type?: unknown; name?: unknown; message?: unknown; cause?: { err?: { message?: unknown } } } | null;
	const type = typeof e?.type === 'string' ? e.type : typeof e?.name === 'string' ? e.name : 'Error';
	if (type === 'CredentialsSignin') return '[auth] a sign-in with e-mail and password failed (wrong or unknown credentials; audited)';
	const raw = typeof e?.cause?.err?.message === 'string' ? e.cause.err.message : typeof e?.message === 'string' ? e.message : String(error);
	// Auth.js appends "Read more at https://errors.authjs.dev#…" to its messages: keep the first line only.
	const message = raw
		.split('\n')[0]!
		.replace(/\s*Read more at \S+/, '')
		.trim()
		.slice(0, 300);
	return `[auth] ${type}${message && message !== type ? `: ${message}` : ''}`;
}
