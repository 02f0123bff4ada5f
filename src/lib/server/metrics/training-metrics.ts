import type { DateWindow } from './periods';
import type { TrainingCountsRow } from './queries';
import { rate, type Rate } from './rate';

/**
 * Data security training completion as of a date, from the organisation's training records (the latest
 * full extract: who is required does not change with the date, only which completions fall in the window).
 *
 * - requiredStaff: distinct staff keys with at least one record marked required.
 * - completed12m: those of them with a required record completed in the 12 months before the date,
 *   i.e. completed_on after the same date a year earlier and on or before the date. A completion dated
 *   after the date does not count, nor does a completion of a course the person is not required to hold.
 * - completionRate: completed12m ÷ requiredStaff.
 */
export interface Completion {
	requiredStaff: number;
	completed12m: number;
	completionRate: Rate;
}

export interface TrainingMetrics extends Completion {
	window: DateWindow;
	/**
	 * Per staff group and per department. Each person counts once, under the staff group and department
	 * of their required records (where those name more than one, the first in byte order), so each
	 * breakdown adds up to requiredStaff and completed12m.
	 */
	byStaffGroup: (Completion & { staffGroup: string })[];
	byDepartment: (Completion & { department: string })[];
	/** Required staff flagged as board members on any of their required records. */
	boardMembers: Completion;
}

const WHOLE = 3;
const STAFF_GROUP = 1;
const DEPARTMENT = 2;

export function toTrainingMetrics(rows: TrainingCountsRow[], window: DateWindow): TrainingMetrics {
	// With no required records the grouping-sets query still returns its grand-total row, all zeros.
	const whole = rows.find((r) => r.level === WHOLE);
	const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
	const groups = rows
		.filter((r) => r.level === STAFF_GROUP)
		.map((r) => ({ name: r.staff_group ?? '', c: completion(r.required, r.completed) }))
		.sort(byName);
	const departments = rows
		.filter((r) => r.level === DEPARTMENT)
		.map((r) => ({ name: r.department ?? '', c: completion(r.required, r.completed) }))
		.sort(byName);
	return {
		window,
		...completion(whole?.required ?? 0, whole?.completed ?? 0),
		byStaffGroup: groups.map((g) => ({ staffGroup: g.name, ...g.c })),
		byDepartment: departments.map((d) => ({ department: d.name, ...d.c })),
		boardMembers: completion(whole?.board_required ?? 0, whole?.board_completed ?? 0)
	};
}

function completion(requiredStaff: number, completed12m: number): Completion {
	return { requiredStaff, completed12m, completionRate: rate(completed12m, requiredStaff) };
}
