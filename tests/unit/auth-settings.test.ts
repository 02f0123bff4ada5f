import { describe, expect, it } from 'vitest';
import { readAuthSettings } from '../../src/lib/server/auth/settings';

const oidc = (issuer: string) => ({ BEACON_OIDC_ISSUER: issuer, BEACON_OIDC_CLIENT_ID: 'beacon', BEACON_OIDC_CLIENT_SECRET: 'secret' });

describe('single sign-on issuers', () => {
	it('accepts an https issuer, and a plain-http one only on this machine', () => {
		for (const issuer of [
			'https://idp.example.nhs.uk/realms/beacon',
			'http://127.0.0.1:8080',
			'http://localhost:9000/',
			'http://[::1]:7000',
			'http://idp.localhost'
		])
			expect(readAuthSettings(oidc(issuer)).providers[0]?.issuer, issuer).toBe(issuer.replace(/\/$/, ''));
	});

	it('refuses a plain-http issuer elsewhere, or one that is not a URL, naming the variable', () => {
		for (const issuer of ['http://idp.example.nhs.uk', 'http://10.0.0.5:8080', 'http://127.0.0.1.evil.example', 'ftp://idp.example'])
			expect(() => readAuthSettings(oidc(issuer)), issuer).toThrow(/BEACON_OIDC_ISSUER: the issuer .* must use https/);
		expect(() => readAuthSettings(oidc('idp.example.nhs.uk'))).toThrow(/BEACON_OIDC_ISSUER: "idp.example.nhs.uk" is not a URL/);
	});
});
