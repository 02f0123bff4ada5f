import type { Capability } from './capabilities';

/**
 * Who may reach each route, declared in one table and enforced by the authorize hook before any load or
 * action runs. The services check again for organisation data (authorization twice). A route that is not
 * in this table is refused, and the authorization matrix test fails until it is added.
 */
export type Rule =
	| { kind: 'public' }
	| { kind: 'signed_in' }
	| { kind: 'admin' }
	/** The capability on the organisation named by the route's [ods] parameter. */
	| { kind: 'org'; capability: Capability };

export interface RoutePermissions {
	type: 'page' | 'endpoint';
	/** 'GET' for a page load or endpoint method; 'action:<name>' for a page's form action. */
	ops: Record<string, Rule>;
}

const PUBLIC: Rule = { kind: 'public' };
const SIGNED_IN: Rule = { kind: 'signed_in' };
const ADMIN: Rule = { kind: 'admin' };
const org = (capability: Capability): Rule => ({ kind: 'org', capability });

export const ROUTE_PERMISSIONS: Record<string, RoutePermissions> = {
	'/health': { type: 'endpoint', ops: { GET: PUBLIC } },
	'/verify': { type: 'page', ops: { GET: PUBLIC, 'action:id': PUBLIC, 'action:file': PUBLIC } },
	'/verify/certificate': { type: 'endpoint', ops: { GET: PUBLIC } },
	'/signin': { type: 'page', ops: { GET: PUBLIC, 'action:password': PUBLIC, 'action:sso': PUBLIC } },
	'/signout': { type: 'page', ops: { GET: SIGNED_IN, 'action:default': SIGNED_IN } },
	'/invite/[token]': { type: 'page', ops: { GET: PUBLIC, 'action:password': PUBLIC, 'action:sso': PUBLIC } },
	'/(app)': { type: 'page', ops: { GET: SIGNED_IN } },
	'/(app)/go': { type: 'endpoint', ops: { GET: SIGNED_IN } },
	'/(app)/switch': { type: 'page', ops: { GET: SIGNED_IN } },
	'/(app)/account': { type: 'page', ops: { GET: SIGNED_IN, 'action:signOutEverywhere': SIGNED_IN } },
	'/(app)/org/[ods]': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/trusts.csv': { type: 'endpoint', ops: { GET: org('read') } },
	'/(app)/org/[ods]/trusts.xlsx': { type: 'endpoint', ops: { GET: org('read') } },
	'/(app)/org/[ods]/imports': {
		type: 'page',
		ops: { GET: org('read'), 'action:upload': org('edit'), 'action:preview': org('edit'), 'action:confirm': org('edit'), 'action:discard': org('edit') }
	},
	'/(app)/org/[ods]/imports/upload': { type: 'endpoint', ops: { POST: org('edit') } },
	'/(app)/org/[ods]/imports/progress': { type: 'endpoint', ops: { GET: org('edit') } },
	'/(app)/org/[ods]/imports/[batchId]/rejected.csv': { type: 'endpoint', ops: { GET: org('read') } },
	'/(app)/org/[ods]/spend': { type: 'page', ops: { GET: org('read'), 'action:setBudget': org('edit') } },
	'/(app)/org/[ods]/benchmark': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/settings': { type: 'page', ops: { GET: org('edit'), 'action:setCadences': org('edit') } },
	'/(app)/org/[ods]/spend/returns': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/reports': {
		type: 'page',
		ops: {
			GET: org('read_submitted'),
			'action:generate': org('edit'),
			'action:signOff': org('sign_off'),
			'action:share': org('edit'),
			'action:submit': org('edit'),
			'action:reopen': ADMIN
		}
	},
	'/(app)/org/[ods]/reports/[reportId]/pdf': { type: 'endpoint', ops: { GET: org('read_submitted') } },
	'/(app)/org/[ods]/reports/[reportId]/bundle': { type: 'endpoint', ops: { GET: org('read_submitted') } },
	'/(app)/org/[ods]/reports/[reportId]/signed-off': { type: 'endpoint', ops: { GET: org('read_submitted') } },
	'/(app)/org/[ods]/people': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/devices': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/incidents': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/assurance': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/assurance/activities/[activityId]/report': { type: 'endpoint', ops: { GET: org('read') } },
	// The forms: a board member can neither see nor reach them.
	'/(app)/org/[ods]/assurance/manage': {
		type: 'page',
		ops: {
			GET: org('edit'),
			'action:recordActivity': org('edit'),
			'action:removeActivity': org('edit'),
			'action:recordFinding': org('edit'),
			'action:resolveFinding': org('edit'),
			'action:approveApp': org('edit'),
			'action:withdrawApp': org('edit')
		}
	},
	'/(app)/org/[ods]/scorecard': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/scorecard/[edition]': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/scorecard/[edition]/plan': { type: 'page', ops: { GET: org('read') } },
	'/(app)/org/[ods]/scorecard/[edition]/[outcome]': {
		type: 'page',
		ops: {
			GET: org('read'),
			'action:assess': org('edit'),
			'action:evidence': org('edit'),
			'action:removeEvidence': org('edit'),
			'action:addAction': org('edit'),
			'action:updateAction': org('edit'),
			'action:finding': org('assess')
		}
	},
	'/(app)/org/[ods]/scorecard/[edition]/evidence/[id]': { type: 'endpoint', ops: { GET: org('read') } },
	'/(app)/admin': { type: 'page', ops: { GET: ADMIN } },
	'/(app)/admin/organisations': { type: 'page', ops: { GET: ADMIN, 'action:create': ADMIN } },
	'/(app)/admin/users': { type: 'page', ops: { GET: ADMIN, 'action:invite': ADMIN } },
	'/(app)/admin/users/[id]': {
		type: 'page',
		ops: {
			GET: ADMIN,
			'action:disable': ADMIN,
			'action:enable': ADMIN,
			'action:signOutEverywhere': ADMIN,
			'action:renewInvitation': ADMIN,
			'action:grant': ADMIN,
			'action:revoke': ADMIN
		}
	},
	'/(app)/admin/audit': { type: 'page', ops: { GET: ADMIN, 'action:verify': ADMIN } },
	'/(app)/admin/audit/export': { type: 'endpoint', ops: { GET: ADMIN } }
};

/** Which operation of a route a request is: a page's GET or named form action, or an endpoint's method. */
export function operationOf(route: RoutePermissions, method: string, url: URL): string {
	const verb = method === 'HEAD' ? 'GET' : method;
	if (route.type === 'endpoint' || verb === 'GET') return verb;
	const query = url.search.startsWith('?/') ? url.search.slice(2).split('&')[0] : '';
	return `action:${query || 'default'}`;
}
