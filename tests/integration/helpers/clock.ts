/**
 * A clock for tests that record their story now and read it as of a date in the past (the plan's and
 * assessment's history keeps when each change was made, and a past date shows only what was made by then):
 * every change is recorded as made at the start of 2024, before any date those tests read.
 */
export const recordedLongAgo = (): Date => new Date('2024-01-01T00:00:00Z');
