import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { NotFoundError, parseInput } from '../errors';
import { getOrganisationMetrics } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import { buildScorecard, prepareOutcomes, type Scorecard } from './build';
import * as q from './queries';
import { today } from '../db/day';

export type { Scorecard, ScorecardOutcome } from './build';

/** The CAF-aligned DSPT; an edition (2024-25, …) of it is what a scorecard is for. */
export const DSPT_CAF_CODE = 'dspt-caf';

/**
 * An organisation's DSPT scorecard for a CAF-aligned edition as of a date (default today, UTC): each
 * outcome's profile, self-assessed and data-indicated levels, and the overall status (status.ts). The
 * self-assessment and plan are as they stood at the end of `assessedAsOf` (default the same date): a
 * baseline judges the self-assessment of one date against the data of an earlier one.
 */
export async function getScorecard(ctx: ServiceContext, ods: string, edition: string, asOf: string = today(), assessedAsOf: string = asOf): Promise<Scorecard> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const assessed = parseInput(isoDate, 'as-of date', assessedAsOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await findEdition(ctx, edition);
	const [items, responses, actions, metrics] = await Promise.all([
		q.selectOutcomes(ctx.db, framework.id),
		q.selectResponses(ctx.db, org.id, framework.id, assessed),
		q.selectActions(ctx.db, org.id, framework.id, assessed),
		getOrganisationMetrics(ctx, org.ods_code, date)
	]);
	return buildScorecard({ org, edition: framework.edition, asOf: date, outcomes: prepareOutcomes(items), responses, actions, metrics });
}

/** The loaded CAF-aligned DSPT edition, or NotFoundError naming it. */
export async function findEdition(ctx: ServiceContext, edition: string) {
	const framework = await q.findFramework(ctx.db, DSPT_CAF_CODE, edition.trim());
	if (!framework) throw new NotFoundError(`no DSPT edition ${edition.trim()} is loaded (framework ${DSPT_CAF_CODE})`);
	return framework;
}
