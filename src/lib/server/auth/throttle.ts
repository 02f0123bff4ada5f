/**
 * Sign-in throttling: after a number of failures, each further failure blocks sign-in for a growing time.
 * Per account the limit is low (someone guessing one person's password); per client address it is higher,
 * because many staff share an NHS network address.
 */
export interface ThrottlePolicy {
	freeFailures: number;
	firstDelaySeconds: number;
	maxDelaySeconds: number;
	/** Failures older than this are forgotten. */
	forgetAfterSeconds: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 900, forgetAfterSeconds: 86_400 };
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, firstDelaySeconds: 30, maxDelaySeconds: 900, forgetAfterSeconds: 3_600 };

export interface ThrottleState {
	failures: number;
	lastFailureAt: Date;
	blockedUntil: Date | null;
}

export function isBlocked(state: ThrottleState | undefined, now: Date): boolean {
	return !!state?.blockedUntil && state.blockedUntil > now;
}

/** The state after one more failure: the 5th failure blocks for 30 s, the 6th for 60 s, doubling to 15 minutes. */
export function afterFailure(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): ThrottleState {
	const stale = !state || now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000;
	const failures = (stale ? 0 : state.failures) + 1;
	const over = failures - policy.freeFailures;
	const blockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(policy.firstDelaySeconds * 2 ** over, policy.maxDelaySeconds) * 1000) : null;
	return { failures, lastFailureAt: now, blockedUntil };
}
