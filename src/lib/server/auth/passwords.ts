import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** A hash of a password nobody has: verifying against it costs the same as a real check. */
let decoy: Promise<string> | undefined;

/**
 * True when the password matches. With no stored hash (unknown user, SSO-only account) it still spends
 * the time of a real check, so response times do not reveal which e-mail addresses have accounts.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
	if (!storedHash) {
		decoy ??= hashPassword('beacon-decoy-password-that-matches-nothing');
		await verify(await decoy, password).catch(() => false);
		return false;
	}
	return verify(storedHash, password).catch(() => false);
}
