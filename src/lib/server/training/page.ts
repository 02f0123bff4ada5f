import { z } from 'zod';
import { TRAINING_TARGET, type TrainingCell } from '../../charts/people-charts';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { twelveMonthsBefore } from '../metrics/periods';
import { getOrganisationMetrics } from '../metrics/service';
import type { TrainingMetrics } from '../metrics/training-metrics';
import type { Series } from '../metrics/trend-series';
import { getMonthlyTrends, trendRangeEndingAt } from '../metrics/trends';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';
import { freshnessOf } from '../freshness/service';
import { sourceOf, type SourceFreshness } from '../freshness/sources';
import { resolvePageDate } from '../freshness/page-date';

const peopleQuery = z.object({
	asOf: isoDate.optional(),
	/** A staff group to drill into (?group=): filters the overdue-by-department table. Blank is none. */
	group: z
		.string()
		.trim()
		.max(200, 'a staff group name is at most 200 characters')
		.optional()
		.transform((g) => g || undefined)
});

export type PeopleQuery = z.input<typeof peopleQuery>;

/**
 * The People page: data security training as of a date. Completion, by staff group and department, board
 * members, a 12-month trend from the monthly rollup, and who is overdue as counts per staff group ×
 * department (never names or staff keys: board members read this page).
 */
export interface PeoplePage {
	org: string;
	name: string;
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** How old the training data is on the date (freshness/sources.ts). */
	source: SourceFreshness;
	target: number;
	training: TrainingMetrics;
	/** The months ending with the as-of date's; `toDate` set when that month's point is to the date, not its end. */
	trend: { months: string[]; completionRate: Series; requiredStaff: Series; trainedStaff: Series; toDate: string | null };
	/** Required and trained staff per staff group × department, for the drill-down from a group to its departments. */
	cells: TrainingCell[];
	/** The staff group drilled into, when the URL names one the data has. */
	group: string | null;
	/** A staff group the URL named that the data does not have (the page says so and shows every group). */
	unknownGroup: string | null;
}

export async function getPeoplePage(ctx: ServiceContext, ods: string, query: PeopleQuery = {}): Promise<PeoplePage> {
	const input = parseInput(peopleQuery, 'people page', query);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'people page', input.asOf);
	const [metrics, trends, cells, freshness] = await Promise.all([
		getOrganisationMetrics(ctx, org.ods_code, asOf),
		getMonthlyTrends(ctx, org.ods_code, trendRangeEndingAt(asOf), asOf),
		q.selectTrainingCells(ctx.db, org.id, twelveMonthsBefore(asOf)),
		freshnessOf(ctx, org.id, asOf)
	]);
	const known = input.group !== undefined && metrics.training.byStaffGroup.some((g) => g.staffGroup === input.group);
	return {
		org: org.ods_code,
		name: org.name,
		asOf,
		opensAtDataEnd,
		source: sourceOf(freshness, 'training'),
		target: TRAINING_TARGET,
		training: metrics.training,
		trend: {
			months: trends.months,
			completionRate: trends.training.completionRate,
			requiredStaff: trends.training.requiredStaff,
			trainedStaff: trends.training.trainedStaff,
			toDate: trends.toDate
		},
		cells: cells.map((c) => ({ staffGroup: c.staff_group, department: c.department, requiredStaff: c.required, completed12m: c.completed })),
		group: known ? (input.group ?? null) : null,
		unknownGroup: input.group !== undefined && !known ? input.group : null
	};
}
