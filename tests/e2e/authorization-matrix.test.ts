import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUTE_PERMISSIONS, type Rule } from '../../src/lib/server/auth/permissions';
import type { Principal } from './setup/fixtures';
import { TEST_PASSWORD } from './setup/fixtures';
import { HttpSession, redirectPath, signIn } from './helpers/http';
import { discoverRoutes } from './helpers/route-tree';

const { baseUrl, principals, victims, evidenceIds, activityIds, reportIds } = inject('e2e');
const discovered = discoverRoutes();

describe('the route permission table', () => {
	it('has an entry for every page, form action and endpoint in the route tree, and nothing else', () => {
		const fromFiles = Object.fromEntries(discovered.map((r) => [r.id, { type: r.type, ops: [...r.ops].sort() }]));
		const fromTable = Object.fromEntries(Object.entries(ROUTE_PERMISSIONS).map(([id, r]) => [id, { type: r.type, ops: Object.keys(r.ops).sort() }]));
		expect(fromTable).toEqual(fromFiles);
	});

	it('gives each route the access its purpose calls for', () => {
		const rule = (id: string, op = 'GET') => ROUTE_PERMISSIONS[id]?.ops[op];
		expect(rule('/health')).toEqual({ kind: 'public' });
		expect(rule('/signin')).toEqual({ kind: 'public' });
		expect(rule('/invite/[token]')).toEqual({ kind: 'public' });
		expect(rule('/(app)')).toEqual({ kind: 'signed_in' });
		expect(rule('/(app)/account', 'action:signOutEverywhere')).toEqual({ kind: 'signed_in' });
		expect(rule('/(app)/org/[ods]')).toEqual({ kind: 'org', capability: 'read' });
		const adminOnly = Object.entries(ROUTE_PERMISSIONS).filter(([id]) => id.startsWith('/(app)/admin'));
		expect(adminOnly.length).toBeGreaterThanOrEqual(6);
		for (const [id, route] of adminOnly) for (const [op, r] of Object.entries(route.ops)) expect(r, `${id} ${op}`).toEqual({ kind: 'admin' });
	});
});

type Relation = 'own' | 'icb-child' | 'other' | 'none';

/**
 * What each principal should be allowed, written from the role definitions rather than from
 * the code: IT leads edit one organisation; boards and assessors read it; regulators see only what is
 * submitted; a grant on an ICB covers its trusts read-only; admins run the instance.
 */
function expected(rule: Rule, who: Principal | null, relation: Relation): boolean {
	if (rule.kind === 'public') return true;
	if (!who) return false;
	if (rule.kind === 'signed_in') return true;
	if (who.role === 'admin') return true;
	if (rule.kind === 'admin') return false;
	if (relation === 'other' || relation === 'none') return false;
	const readers = ['it_lead', 'board', 'assessor'];
	switch (rule.capability) {
		case 'read':
			return readers.includes(who.role);
		case 'edit':
			return relation === 'own' && who.role === 'it_lead';
		case 'sign_off':
			return relation === 'own' && who.role === 'board';
		case 'assess':
			return relation === 'own' && who.role === 'assessor';
		case 'read_submitted':
			return true;
	}
}

/** The organisations to try for an [ods] route, and how each relates to the principal. */
function targets(who: Principal | null): [string, Relation][] {
	if (!who || who.role === 'admin')
		return [
			['ZB1', 'none'],
			['ZC1', 'none']
		];
	if (who.ods === 'ZB1')
		return [
			['ZB1', 'own'],
			['ZB2', 'other'],
			['ZC1', 'other']
		];
	return [
		['ZB0', 'own'],
		['ZB1', 'icb-child'],
		['ZC1', 'other']
	];
}

/**
 * A denial as the hook gives it: sent to sign in (with the page to come back to), 401, 403, or (for an
 * organisation one may not see) 404.
 */
function denied(response: Response, rule: Rule): boolean {
	if (response.status === 401 || response.status === 403) return true;
	if (rule.kind === 'org' && response.status === 404) return true;
	const location = response.headers.get('location') ?? '';
	return (response.status === 302 || response.status === 303) && redirectPath(response) === '/signin' && location.includes('callbackUrl=');
}

function concretePath(routeId: string, ods: string): string {
	const victim = victims.find((v) => v.email.startsWith('victim-matrix'));
	// An evidence file exists on each organisation tried, so an allowed request finds one.
	const id = routeId.includes('/evidence/[id]') ? evidenceIds[ods] : victim?.id;
	return (
		routeId
			.replace(/\/\([^)]+\)/g, '')
			.replace('[ods]', ods)
			.replace('[edition]', '2024-25')
			.replace('[outcome]', 'A1.a')
			.replace('[reportId]', reportIds[ods] ?? '00000000-0000-4000-8000-000000000000')
			// An assurance activity with a report exists on each organisation tried, as evidence files do.
			.replace('[activityId]', String(activityIds[ods] ?? 0))
			.replace('[id]', String(id ?? 0))
			.replace('[token]', 'no-such-invitation') || '/'
	);
}

// Operations that end the principal's own session run last, each from a fresh sign-in.
const SESSION_ENDING = new Set(['/signout action:default', '/(app)/account action:signOutEverywhere']);

describe('the authorization matrix (every route × operation × role × organisation)', () => {
	const sessions = new Map<string, HttpSession>();
	beforeAll(async () => {
		for (const p of principals) sessions.set(p.key, await signIn(baseUrl, p.email, TEST_PASSWORD));
	}, 120_000);

	const who: (Principal | null)[] = [null, ...principals];
	for (const principal of who) {
		it(`enforces the table for ${principal ? principal.key : 'someone signed out'}`, async () => {
			let session = principal ? sessions.get(principal.key)! : new HttpSession(baseUrl);
			const mismatches: string[] = [];
			const checks = Object.entries(ROUTE_PERMISSIONS).flatMap(([routeId, route]) => Object.entries(route.ops).map(([op, rule]) => ({ routeId, op, rule })));
			checks.sort((a, b) => Number(SESSION_ENDING.has(`${a.routeId} ${a.op}`)) - Number(SESSION_ENDING.has(`${b.routeId} ${b.op}`)));
			for (const { routeId, op, rule } of checks) {
				const places: [string, Relation][] = routeId.includes('[ods]') ? targets(principal) : [['ZB1', 'none']];
				if (principal && SESSION_ENDING.has(`${routeId} ${op}`)) session = await signIn(baseUrl, principal.email, TEST_PASSWORD);
				for (const [ods, relation] of places) {
					const url = concretePath(routeId, ods) + (op.startsWith('action:') && op !== 'action:default' ? `?/${op.slice(7)}` : '');
					const response = await session.request(url, op === 'GET' ? {} : { method: 'POST', form: {} });
					await response.arrayBuffer();
					const allow = expected(rule, principal, relation);
					if (denied(response, rule) === allow) {
						mismatches.push(
							`${op} ${url} (${relation}): expected ${allow ? 'allow' : 'deny'}, got ${response.status} ${response.headers.get('location') ?? ''}`
						);
					}
				}
			}
			expect(mismatches).toEqual([]);
		});
	}
});
