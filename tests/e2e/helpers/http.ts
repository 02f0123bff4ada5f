/**
 * A browser-like HTTP client for the running server: keeps cookies, sends the Origin header SvelteKit's
 * form check expects, and never follows redirects, so tests see exactly what the server answered.
 */
export class HttpSession {
	readonly cookies = new Map<string, string>();

	constructor(readonly baseUrl: string) {}

	async request(path: string, init: { method?: string; form?: Record<string, string> | [string, string][]; accept?: string } = {}): Promise<Response> {
		const method = init.method ?? (init.form ? 'POST' : 'GET');
		const headers: Record<string, string> = { origin: this.baseUrl, accept: init.accept ?? 'text/html' };
		if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		let body: string | undefined;
		if (method !== 'GET' && method !== 'HEAD') {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(init.form ?? {}).toString();
		}
		const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
		for (const line of response.headers.getSetCookie()) this.#store(line);
		return response;
	}

	get signedIn(): boolean {
		return this.cookies.has('authjs.session-token');
	}

	#store(line: string): void {
		const [pair = '', ...attributes] = line.split(';');
		const eq = pair.indexOf('=');
		const name = pair.slice(0, eq).trim();
		const value = pair.slice(eq + 1).trim();
		const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '') < new Date()));
		if (expired || value === '') this.cookies.delete(name);
		else this.cookies.set(name, value);
	}
}

/** Sign in through the sign-in form with a local account; throws if no session came back. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<HttpSession> {
	const session = new HttpSession(baseUrl);
	const response = await session.request('/signin?/password', { form: { providerId: 'credentials', email, password, redirectTo: '/' } });
	if (!session.signedIn) throw new Error(`sign-in as ${email} failed with ${response.status}`);
	return session;
}

/** Where a redirect points, as a path. */
export function redirectPath(response: Response): string | null {
	const location = response.headers.get('location');
	return location ? new URL(location, 'http://x').pathname : null;
}

/** What the server answered a request with: its status and the page's HTML (an error page shows the message). */
export async function answer(session: HttpSession, path: string): Promise<{ status: number; html: string }> {
	const response = await session.request(path);
	return { status: response.status, html: await response.text() };
}
