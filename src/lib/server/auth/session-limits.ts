/** The times a Beacon session token carries (seconds since the epoch). */
export interface SessionTimes {
	authTime: number;
	lastSeen: number;
}

export interface SessionLimits {
	idleSeconds: number;
	absoluteSeconds: number;
}

/** Why a session has ended, or null while it is still good. */
export function sessionExpiry(times: SessionTimes, nowSeconds: number, limits: SessionLimits): 'idle' | 'absolute' | null {
	if (nowSeconds - times.authTime > limits.absoluteSeconds) return 'absolute';
	if (nowSeconds - times.lastSeen > limits.idleSeconds) return 'idle';
	return null;
}
