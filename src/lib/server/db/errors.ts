/** PostgreSQL error codes Beacon turns into domain errors; both pg and PGlite expose `code`. */
export function isUniqueViolation(error: unknown): boolean {
	return hasCode(error, '23505');
}

function hasCode(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
