/**
 * The statuses of the public DSPT status register as stored: the current four, "not published", and the
 * older "Standards Not Fully Met (Plan Agreed)" and "Entry Level" of earlier editions.
 */
export const PUBLIC_STATUS_CODES = [
	'standards_exceeded',
	'standards_met',
	'approaching_standards',
	'standards_not_met',
	'not_published',
	'plan_agreed',
	'entry_level'
] as const;
export type PublicStatusCode = (typeof PUBLIC_STATUS_CODES)[number];
