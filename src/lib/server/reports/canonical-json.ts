import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: the same data gives the same text, whatever order it was
 * built or stored in (PostgreSQL's jsonb reorders keys). A report's data hash is the SHA-256 of this text.
 */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
		return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	});
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}
