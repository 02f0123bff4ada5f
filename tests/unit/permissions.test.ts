import { describe, expect, it } from 'vitest';
import { operationOf, ROUTE_PERMISSIONS } from '../../src/lib/server/auth/permissions';

describe('route operations', () => {
	const page = { type: 'page' as const, ops: {} };
	const endpoint = { type: 'endpoint' as const, ops: {} };
	it('names page loads GET and form posts by their action', () => {
		expect(operationOf(page, 'GET', new URL('http://x/admin'))).toBe('GET');
		expect(operationOf(page, 'HEAD', new URL('http://x/admin'))).toBe('GET');
		expect(operationOf(page, 'POST', new URL('http://x/admin/users?/invite'))).toBe('action:invite');
		expect(operationOf(page, 'POST', new URL('http://x/signout'))).toBe('action:default');
		expect(operationOf(page, 'POST', new URL('http://x/admin/users/1?/grant&x=1'))).toBe('action:grant');
	});
	it('names endpoint requests by their method', () => {
		expect(operationOf(endpoint, 'POST', new URL('http://x/api?/nope'))).toBe('POST');
		expect(operationOf(endpoint, 'GET', new URL('http://x/health'))).toBe('GET');
	});
	it('keeps every administration route for administrators only', () => {
		for (const [id, route] of Object.entries(ROUTE_PERMISSIONS)) {
			if (!id.startsWith('/(app)/admin')) continue;
			for (const rule of Object.values(route.ops)) expect(rule, id).toEqual({ kind: 'admin' });
		}
	});
});
