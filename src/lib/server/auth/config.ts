import { authLogLine } from './log-line';
import { SvelteKitAuth, type SvelteKitAuthConfig } from '@auth/sveltekit';
import { skipCSRFCheck } from '@auth/core';
import Credentials from '@auth/sveltekit/providers/credentials';
import type { Provider } from '@auth/sveltekit/providers';
import { getDatabase } from '../db';
import { instanceSecret } from '../secrets';
import { sessionExpiry } from './session-limits';
import { readAuthSettings, type AuthSettings } from './settings';
import { recordSsoFailure, resolveSsoUser, signInWithPassword, signInWithSso } from './sign-in';

import { INVITE_COOKIE } from '../web/security-headers';
export { INVITE_COOKIE };

declare module '@auth/core/types' {
	interface Session {
		uid?: number;
		epoch?: number;
	}
	interface User {
		epoch?: number;
	}
}

declare module '@auth/core/jwt' {
	interface JWT {
		uid?: number;
		epoch?: number;
		authTime?: number;
		lastSeen?: number;
	}
}

export const {
	handle: authHandle,
	signIn,
	signOut
} = SvelteKitAuth(async (event) => {
	const settings = readAuthSettings();
	const { db } = await getDatabase();
	const clientAddress = () => {
		try {
			return event.getClientAddress();
		} catch {
			return 'unknown';
		}
	};
	const config: SvelteKitAuthConfig = {
		basePath: '/auth',
		trustHost: true,
		secret: instanceSecret(),
		// SvelteKit refuses cross-origin form posts before any hook runs, and sign-in reaches Auth.js only
		// through our own form actions, so Auth.js's second CSRF token would only break the server-side call.
		skipCSRFCheck,
		// Sliding expiry: every request re-issues the token, so maxAge is the idle limit.
		session: { strategy: 'jwt', maxAge: settings.idleSeconds },
		pages: { signIn: '/signin', error: '/signin' },
		logger: {
			error(error) {
				console.error(authLogLine(error));
				const failure = ssoFailure(event.url.pathname, error, settings);
				if (failure) recordSsoFailure({ db }, { ...failure, clientAddress: clientAddress() }).catch((e: unknown) => console.error('[auth] could not audit', e));
			}
		},
		providers: buildProviders(settings, db, clientAddress),
		callbacks: {
			async signIn({ account }) {
				if (!account) return false;
				if (account.type === 'credentials') return true;
				const provider = settings.providers.find((p) => p.id === account.provider);
				if (!provider) return false;
				const user = await signInWithSso(
					{ db },
					{ issuer: provider.issuer, subject: account.providerAccountId, inviteToken: event.cookies.get(INVITE_COOKIE), clientAddress: clientAddress() }
				);
				return user !== null;
			},
			async jwt({ token, user, account }) {
				const now = Math.floor(Date.now() / 1000);
				if (account) {
					// Sign-in: keep only our user id, the session epoch and the times; never provider tokens.
					const provider = settings.providers.find((p) => p.id === account.provider);
					const signedIn =
						account.type === 'credentials'
							? { id: Number(user?.id), epoch: user?.epoch ?? 0, email: user?.email ?? '', name: user?.name ?? '' }
							: provider
								? await resolveSsoUser({ db }, provider.issuer, account.providerAccountId)
								: null;
					if (!signedIn || !Number.isInteger(signedIn.id)) return null;
					return { uid: signedIn.id, epoch: signedIn.epoch, email: signedIn.email, name: signedIn.name, authTime: now, lastSeen: now };
				}
				if (typeof token.uid !== 'number' || typeof token.authTime !== 'number' || typeof token.lastSeen !== 'number') return null;
				if (sessionExpiry({ authTime: token.authTime, lastSeen: token.lastSeen }, now, settings)) return null;
				return { ...token, lastSeen: now };
			},
			session({ session, token }) {
				return { ...session, uid: token.uid, epoch: token.epoch };
			}
		}
	};
	return config;
});

/**
 * A failed callback from an identity provider, as an audit entry: which provider, and which check failed
 * (the error and its cause, as Auth.js and oauth4webapi word them). A refusal Beacon made itself (nobody
 * invited, account disabled: AccessDenied) is audited where it is made.
 */
function ssoFailure(pathname: string, error: Error, settings: AuthSettings): { provider: string; issuer: string | null; reason: string } | null {
	const id = /^\/auth\/callback\/([\w-]+)/.exec(pathname)?.[1];
	const provider = settings.providers.find((p) => p.id === id);
	if (!id || !provider) return null;
	const type = (error as { type?: string }).type ?? error.name;
	if (type === 'AccessDenied') return null;
	const cause =
		error.cause instanceof Error
			? error.cause.message
			: typeof (error.cause as { err?: unknown })?.err === 'object'
				? String((error.cause as { err: Error }).err.message)
				: '';
	return { provider: id, issuer: provider.issuer, reason: [type, cause || error.message.split('. Read more')[0]].filter(Boolean).join(': ') };
}

function buildProviders(settings: AuthSettings, db: Parameters<typeof signInWithPassword>[0]['db'], clientAddress: () => string): Provider[] {
	const providers: Provider[] = [];
	if (settings.localAccounts) {
		providers.push(
			Credentials({
				id: 'credentials',
				name: 'Beacon account',
				credentials: { email: { label: 'E-mail address' }, password: { label: 'Password', type: 'password' } },
				async authorize(credentials) {
					const user = await signInWithPassword(
						{ db },
						{ email: String(credentials.email ?? ''), password: String(credentials.password ?? ''), clientAddress: clientAddress() }
					);
					return user ? { id: String(user.id), email: user.email, name: user.name, epoch: user.epoch } : null;
				}
			})
		);
	}
	for (const p of settings.providers) {
		providers.push({
			id: p.id,
			name: p.name,
			type: 'oidc',
			issuer: p.issuer,
			clientId: p.clientId,
			clientSecret: p.clientSecret,
			checks: ['pkce', 'state', 'nonce'],
			authorization: { params: { scope: p.scope, ...(p.acrValues ? { acr_values: p.acrValues } : {}) } }
		});
	}
	return providers;
}
