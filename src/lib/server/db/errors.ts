/** PostgreSQL error codes Beacon turns into domain errors; both pg and PGlite expose `code`. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	return hasCode(error, '23505') && (constraint === undefined || (error as { constraint?: unknown }).constraint === constraint);
}

/**
 * A value PostgreSQL cannot hold in its column (SQLSTATE class 22, data exception): a NUL character in
 * text, a number out of range, a malformed date. Input that reaches the database like this is the
 * caller's mistake, not Beacon's.
 */
export function isUnstorableValue(error: unknown): boolean {
	const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
	return typeof code === 'string' && code.startsWith('22');
}

function hasCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
