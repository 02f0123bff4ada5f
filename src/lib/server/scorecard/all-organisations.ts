import { isoDate } from '../../schemas/common';
import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { groupByOrganisation } from '../group-by-organisation';
import { getManyOrganisationMetrics } from '../metrics/all-organisations';
import { selectOrganisationsWithParent } from '../organisations/queries';
import * as all from './all-organisations-queries';
import { buildScorecard, prepareOutcomes, type Scorecard } from './build';
import * as q from './queries';
import { findEdition } from './service';
import { today } from '../db/day';

/**
 * The DSPT scorecard of every organisation the actor may read, for a CAF-aligned edition as of a date
 * (default today, UTC), in ODS code order. Each is what getScorecard gives for that organisation, but
 * the data is read with a fixed number of set-based statements whatever the number of organisations.
 */
export async function getAllScorecards(ctx: ServiceContext, edition: string, asOf: string = today()): Promise<Scorecard[]> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const framework = await findEdition(ctx, edition);
	const everyOrganisation = await selectOrganisationsWithParent(ctx.db);
	const orgs = everyOrganisation.filter((o) => can(ctx.actor, { id: o.id, parentId: o.parent_id }, 'read'));
	const [items, responses, actions, metrics] = await Promise.all([
		q.selectOutcomes(ctx.db, framework.id),
		all.selectAllResponses(ctx.db, framework.id, date),
		all.selectAllActions(ctx.db, framework.id, date),
		getManyOrganisationMetrics(ctx, orgs, date, orgs.length === everyOrganisation.length)
	]);
	const outcomes = prepareOutcomes(items);
	const responsesOf = groupByOrganisation(responses);
	const actionsOf = groupByOrganisation(actions);
	return orgs.map((org, i) =>
		buildScorecard({
			org,
			edition: framework.edition,
			asOf: date,
			outcomes,
			responses: responsesOf.get(Number(org.id)) ?? [],
			actions: actionsOf.get(Number(org.id)) ?? [],
			metrics: metrics[i] as (typeof metrics)[number]
		})
	);
}
