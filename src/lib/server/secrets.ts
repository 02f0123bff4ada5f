import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The instance secret: signs and encrypts sessions and keys the hashes of personal identifiers.
 * BEACON_SECRET (or AUTH_SECRET) in the environment wins; otherwise one is generated once and kept in
 * BEACON_SECRET_FILE (default ./data/secret, readable by its owner only), so an embedded install needs no
 * set-up. Production deployments set BEACON_SECRET and keep it: changing it signs everyone out.
 */
export function instanceSecret(env: NodeJS.ProcessEnv = process.env): string {
	if (cached) return cached;
	const fromEnv = env.BEACON_SECRET?.trim() || env.AUTH_SECRET?.trim();
	if (fromEnv) {
		if (fromEnv.length < 32) throw new Error('BEACON_SECRET must be at least 32 characters');
		cached = fromEnv;
		return cached;
	}
	const file = path.resolve(env.BEACON_SECRET_FILE?.trim() || path.join('data', 'secret'));
	if (!existsSync(file)) {
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
	}
	chmodSync(file, 0o600);
	cached = readFileSync(file, 'utf8').trim();
	return cached;
}

/** A value derived from the instance secret for one purpose, so one use never reveals another's key. */
export function deriveSecret(purpose: string, value: string, secret = instanceSecret()): string {
	return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest('base64url');
}
