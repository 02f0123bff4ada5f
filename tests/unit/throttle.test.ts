import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, isBlocked, type ThrottleState } from '../../src/lib/server/auth/throttle';
import { sessionExpiry } from '../../src/lib/server/auth/session-limits';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

function fail(times: number, policy = ACCOUNT_POLICY, start = 0): ThrottleState | undefined {
	let state: ThrottleState | undefined;
	for (let i = 0; i < times; i++) state = afterFailure(state, at(start + i), policy);
	return state;
}

describe('sign-in throttling', () => {
	it('lets four failures pass and blocks from the fifth, for 30 s then doubling', () => {
		const four = fail(4);
		expect(four?.blockedUntil).toBeNull();
		expect(isBlocked(four, at(4))).toBe(false);
		const five = fail(5);
		expect(five?.blockedUntil).toEqual(at(4 + 30));
		expect(isBlocked(five, at(33))).toBe(true);
		expect(isBlocked(five, at(34))).toBe(false);
		expect(fail(6)?.blockedUntil).toEqual(at(5 + 60));
		expect(fail(7)?.blockedUntil).toEqual(at(6 + 120));
	});

	it('never blocks for more than 15 minutes', () => {
		const many = fail(30);
		expect(many?.blockedUntil).toEqual(at(29 + 900));
	});

	it('forgets failures older than the policy window', () => {
		const old = fail(4);
		const later = afterFailure(old, at(3 + ACCOUNT_POLICY.forgetAfterSeconds + 1), ACCOUNT_POLICY);
		expect(later.failures).toBe(1);
	});

	it('allows more failures from one network address than for one account', () => {
		expect(fail(19, ADDRESS_POLICY)?.blockedUntil).toBeNull();
		expect(fail(20, ADDRESS_POLICY)?.blockedUntil).not.toBeNull();
	});
});

describe('session limits', () => {
	const limits = { idleSeconds: 1800, absoluteSeconds: 12 * 3600 };
	it('ends a session idle for more than 30 minutes', () => {
		expect(sessionExpiry({ authTime: 0, lastSeen: 100 }, 100 + 1800, limits)).toBeNull();
		expect(sessionExpiry({ authTime: 0, lastSeen: 100 }, 100 + 1801, limits)).toBe('idle');
	});
	it('ends any session 12 hours after sign-in, however active', () => {
		expect(sessionExpiry({ authTime: 0, lastSeen: 43_199 }, 43_200, limits)).toBeNull();
		expect(sessionExpiry({ authTime: 0, lastSeen: 43_200 }, 43_201, limits)).toBe('absolute');
	});
});
