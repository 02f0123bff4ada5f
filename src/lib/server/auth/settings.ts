import { readDatabaseConfig } from '../config';

export interface OidcSettings {
	id: 'entra' | 'oidc';
	name: string;
	issuer: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	acrValues?: string;
}

export interface AuthSettings {
	localAccounts: boolean;
	idleSeconds: number;
	absoluteSeconds: number;
	providers: OidcSettings[];
	/** Whether Beacon runs on the embedded database (demo users exist only there). */
	embedded: boolean;
}

/**
 * Sign-in configuration from the environment. Single sign-on providers are on when their variables are set:
 * Microsoft Entra ID (NHSmail) and one generic OpenID Connect issuer (NHS CIS2 or any IdP).
 */
export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
	const embedded = readDatabaseConfig(env).databaseUrl === undefined;
	const providers: OidcSettings[] = [];
	if (env.BEACON_ENTRA_TENANT_ID && env.BEACON_ENTRA_CLIENT_ID && env.BEACON_ENTRA_CLIENT_SECRET) {
		providers.push({
			id: 'entra',
			name: env.BEACON_ENTRA_NAME?.trim() || 'NHSmail (Microsoft Entra ID)',
			issuer: `https://login.microsoftonline.com/${env.BEACON_ENTRA_TENANT_ID.trim()}/v2.0`,
			clientId: env.BEACON_ENTRA_CLIENT_ID.trim(),
			clientSecret: env.BEACON_ENTRA_CLIENT_SECRET.trim(),
			scope: 'openid profile email'
		});
	}
	if (env.BEACON_OIDC_ISSUER && env.BEACON_OIDC_CLIENT_ID && env.BEACON_OIDC_CLIENT_SECRET) {
		providers.push({
			id: 'oidc',
			name: env.BEACON_OIDC_NAME?.trim() || 'NHS Care Identity Service 2',
			issuer: env.BEACON_OIDC_ISSUER.trim().replace(/\/$/, ''),
			clientId: env.BEACON_OIDC_CLIENT_ID.trim(),
			clientSecret: env.BEACON_OIDC_CLIENT_SECRET.trim(),
			scope: env.BEACON_OIDC_SCOPES?.trim() || 'openid profile email',
			...(env.BEACON_OIDC_ACR_VALUES?.trim() ? { acrValues: env.BEACON_OIDC_ACR_VALUES.trim() } : {})
		});
	}
	for (const p of providers) requireSafeIssuer(p);
	return {
		localAccounts: parseSwitch(env.BEACON_LOCAL_ACCOUNTS, embedded, 'BEACON_LOCAL_ACCOUNTS'),
		idleSeconds: parseMinutes(env.BEACON_SESSION_IDLE_MINUTES, 30, 'BEACON_SESSION_IDLE_MINUTES') * 60,
		absoluteSeconds: parseMinutes(env.BEACON_SESSION_MAX_HOURS, 12, 'BEACON_SESSION_MAX_HOURS') * 3600,
		providers,
		embedded
	};
}

const THIS_MACHINE = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An issuer is reached over https: its discovery document and keys decide who may sign in, so a plain-http
 * issuer could be impersonated by anyone on the path. Only one on this machine (a test or development
 * provider) may use http.
 */
function requireSafeIssuer(p: OidcSettings): void {
	const variable = p.id === 'entra' ? 'BEACON_ENTRA_TENANT_ID' : 'BEACON_OIDC_ISSUER';
	let url: URL;
	try {
		url = new URL(p.issuer);
	} catch {
		throw new Error(`${variable}: "${p.issuer}" is not a URL`);
	}
	if (url.protocol === 'https:') return;
	if (url.protocol === 'http:' && (THIS_MACHINE.has(url.hostname) || url.hostname.endsWith('.localhost'))) return;
	throw new Error(`${variable}: the issuer ${p.issuer} must use https; plain http is accepted only for an issuer on this machine (localhost, 127.0.0.1, ::1)`);
}

function parseSwitch(raw: string | undefined, fallback: boolean, name: string): boolean {
	const value = raw?.trim().toLowerCase();
	if (!value) return fallback;
	if (['on', 'true', '1', 'yes'].includes(value)) return true;
	if (['off', 'false', '0', 'no'].includes(value)) return false;
	throw new Error(`${name} must be on or off, not "${raw}"`);
}

function parseMinutes(raw: string | undefined, fallback: number, name: string): number {
	if (!raw?.trim()) return fallback;
	const n = Number(raw);
	if (!(n > 0)) throw new Error(`${name} must be a positive number, not "${raw}"`);
	return n;
}
