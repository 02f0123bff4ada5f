import { describe, expect, it } from 'vitest';
import { systemActor, type Actor, type Grant } from '../../src/lib/server/auth/actor';
import { capabilitiesOn } from '../../src/lib/server/auth/capabilities';
import type { Role } from '../../src/lib/schemas/user';

const ICB = { id: 1, parentId: null };
const TRUST = { id: 2, parentId: 1 };
const OTHER_TRUST = { id: 3, parentId: 9 };

const user = (...grants: [Role, number | null][]): Actor => ({
	kind: 'user',
	userId: 7,
	email: 'x@example.nhs.uk',
	name: 'X',
	grants: grants.map(([role, organisationId]): Grant => ({ role, organisationId, ods: null }))
});
const caps = (actor: Actor, org: { id: number; parentId: number | null }) => [...capabilitiesOn(actor, org)].sort();

describe('capabilities per role and organisation', () => {
	it('gives each role its own capabilities on its own organisation', () => {
		expect(caps(user(['it_lead', 2]), TRUST)).toEqual(['edit', 'read', 'read_submitted']);
		expect(caps(user(['board', 2]), TRUST)).toEqual(['read', 'read_submitted', 'sign_off']);
		expect(caps(user(['assessor', 2]), TRUST)).toEqual(['assess', 'read', 'read_submitted']);
		expect(caps(user(['regulator', 2]), TRUST)).toEqual(['read_submitted']);
	});

	it('lets a grant on an ICB cover its trusts read-only, and nothing else', () => {
		expect(caps(user(['it_lead', 1]), TRUST)).toEqual(['read', 'read_submitted']);
		expect(caps(user(['board', 1]), TRUST)).toEqual(['read', 'read_submitted']);
		expect(caps(user(['regulator', 1]), TRUST)).toEqual(['read_submitted']);
		expect(caps(user(['it_lead', 1]), OTHER_TRUST)).toEqual([]);
		// A trust grant does not reach up to its ICB.
		expect(caps(user(['it_lead', 2]), ICB)).toEqual([]);
	});

	it('gives nothing on an organisation no grant covers', () => {
		expect(caps(user(['it_lead', 2]), OTHER_TRUST)).toEqual([]);
		expect(caps(user(), TRUST)).toEqual([]);
	});

	it('lets administrators and the system do everything', () => {
		const all = ['assess', 'edit', 'read', 'read_submitted', 'sign_off'];
		expect(caps(user(['admin', null]), OTHER_TRUST)).toEqual(all);
		expect(caps(systemActor('cli:test'), TRUST)).toEqual(all);
	});

	it('adds up several grants', () => {
		expect(caps(user(['board', 2], ['it_lead', 1]), TRUST)).toEqual(['read', 'read_submitted', 'sign_off']);
		expect(caps(user(['board', 1], ['it_lead', 2]), TRUST)).toEqual(['edit', 'read', 'read_submitted']);
	});
});
