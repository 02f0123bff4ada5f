import { z } from 'zod';
import './common';

/**
 * How often an organisation expects new data from a source, in whole days: at least daily, at most a year
 * (a source refreshed less often than yearly is not one whose age a dashboard should watch).
 */
export const CADENCE_MIN_DAYS = 1;
export const CADENCE_MAX_DAYS = 366;

const wholeDays = z
	.number({ message: 'a whole number of days' })
	.int('a whole number of days')
	.min(CADENCE_MIN_DAYS, `at least ${CADENCE_MIN_DAYS} day`)
	.max(CADENCE_MAX_DAYS, `at most ${CADENCE_MAX_DAYS} days`);

/** A cadence, or null for Beacon's default. */
export const cadenceDays = wholeDays.nullable();

/** The sources whose cadence an organisation may set (the assurance register has none). */
export const CADENCE_SOURCES = ['devices', 'training', 'incidents', 'spend'] as const;
export type CadenceSource = (typeof CADENCE_SOURCES)[number];

/** Cadences to set: a number of days, or null for Beacon's default. A source left out keeps its setting. */
export const cadenceInput = z.object({ devices: cadenceDays, training: cadenceDays, spend: cadenceDays, incidents: cadenceDays }).partial();

/** One field of the settings form: blank (absent) for the default, else whole days written in digits. */
const formDays = z
	.string()
	.max(12, 'a whole number of days')
	.regex(/^\d+$/, 'a whole number of days, or blank for the default')
	.transform(Number)
	.pipe(wholeDays)
	.optional()
	.transform((v) => v ?? null);

/** The organisation settings form: every source's cadence, each blank for the default. */
export const cadenceForm = z.object({ devices: formDays, training: formDays, incidents: formDays, spend: formDays });
