import { createHmac, hash } from 'node:crypto';
import { deriveSecret } from '../secrets';

/** The key for hashing personal identifiers, derived from the instance secret for this one purpose. */
export function identifierKey(): string {
	return deriveSecret('identifier-hash', 'v1');
}

/**
 * A stable stand-in for a personal identifier (device id, employee number): HMAC-SHA-256 under the
 * instance's key, 128 bits in base64url. The same identifier always gives the same key on one instance,
 * so snapshots and re-imports line up, but without the key nobody can test a guess against it.
 */
export function hashIdentifier(key: string, purpose: string, value: string): string {
	return createHmac('sha256', key)
		.update(`${purpose}:${normalise(value)}`)
		.digest('base64url')
		.slice(0, 22);
}

/**
 * hashIdentifier for a million rows: the same HMAC (RFC 2104), computed as two one-shot SHA-256 calls on
 * key pads prepared once, where createHmac would redo the key set-up for every value (6× slower). The
 * inner pad goes in as text, which needs an ASCII key (ours is base64url); any other key takes the slow
 * path. A unit test holds both paths equal.
 */
export function identifierHasher(key: string, purpose: string): (value: string) => string {
	// eslint-disable-next-line no-control-regex
	if (key.length > 64 || !/^[\x00-\x7f]*$/.test(key)) return (value) => hashIdentifier(key, purpose, value);
	const padded = Buffer.alloc(64);
	padded.write(key, 'ascii');
	const innerPad = Buffer.from(padded.map((b) => b ^ 0x36)).toString('latin1') + `${purpose}:`;
	const outer = Buffer.alloc(64 + 32);
	Buffer.from(padded.map((b) => b ^ 0x5c)).copy(outer);
	return (value) => {
		outer.set(hash('sha256', innerPad + normalise(value), 'buffer') as unknown as Uint8Array, 64);
		return (hash('sha256', outer, 'base64url') as string).slice(0, 22);
	};
}

function normalise(value: string): string {
	return value.trim().toLowerCase();
}
