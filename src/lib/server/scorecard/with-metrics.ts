import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { getManyOrganisationMetrics, type OrganisationRef } from '../metrics/all-organisations';
import { getOrganisationMetrics, type OrganisationMetrics } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import { buildScorecard, prepareOutcomes, type Scorecard } from './build';
import * as q from './queries';
import { findEdition } from './service';

export interface ScorecardWithMetrics {
	metrics: OrganisationMetrics;
	/** Null when no edition was asked for. */
	scorecard: Scorecard | null;
}

/**
 * An organisation's metrics and its scorecard for an edition (when one is given), as of each of the
 * dates: what getOrganisationMetrics and getScorecard return, but each date's metrics are computed once
 * (a scorecard is built from them), and the edition's outcomes are read once for all the dates; the
 * responses and actions are read as each date stood.
 */
export async function getScorecardsWithMetrics(
	ctx: ServiceContext,
	ods: string,
	edition: string | null,
	asOf: readonly string[]
): Promise<ScorecardWithMetrics[]> {
	const dates = asOf.map((d) => parseInput(isoDate, 'as-of date', d));
	const org = await requireOrganisation(ctx, ods, 'read');
	const facts = async () => {
		if (edition === null) return null;
		const framework = await findEdition(ctx, edition);
		const [items, perDate] = await Promise.all([
			q.selectOutcomes(ctx.db, framework.id),
			Promise.all(
				dates.map((date) => Promise.all([q.selectResponses(ctx.db, org.id, framework.id, date), q.selectActions(ctx.db, org.id, framework.id, date)]))
			)
		]);
		return { edition: framework.edition, outcomes: prepareOutcomes(items), perDate };
	};
	const [common, ...metrics] = await Promise.all([facts(), ...dates.map((date) => getOrganisationMetrics(ctx, org.ods_code, date))]);
	return metrics.map((m, i) => {
		const [responses, actions] = common?.perDate[i] ?? [[], []];
		return {
			metrics: m,
			scorecard:
				common &&
				buildScorecard({
					org,
					edition: common.edition,
					asOf: dates[i]!,
					outcomes: common.outcomes,
					responses,
					actions,
					metrics: m
				})
		};
	});
}

/**
 * Several organisations' metrics and scorecards as of one date, each what getScorecardsWithMetrics gives
 * for it, with the metrics read set-based for all of them at once (an ICB's overview lists its trusts).
 * The caller has already decided the actor may read each organisation.
 */
export async function getManyScorecardsWithMetrics(
	ctx: ServiceContext,
	orgs: readonly OrganisationRef[],
	edition: string | null,
	asOf: string
): Promise<ScorecardWithMetrics[]> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const editionFacts = async () => {
		if (edition === null) return null;
		const framework = await findEdition(ctx, edition);
		const [items, perOrganisation] = await Promise.all([
			q.selectOutcomes(ctx.db, framework.id),
			Promise.all(orgs.map((o) => Promise.all([q.selectResponses(ctx.db, o.id, framework.id, date), q.selectActions(ctx.db, o.id, framework.id, date)])))
		]);
		return { edition: framework.edition, outcomes: prepareOutcomes(items), perOrganisation };
	};
	const [common, metrics] = await Promise.all([editionFacts(), getManyOrganisationMetrics(ctx, orgs, date)]);
	return metrics.map((m, i) => {
		const [responses, actions] = common?.perOrganisation[i] ?? [[], []];
		const org = orgs[i] as OrganisationRef;
		return {
			metrics: m,
			scorecard: common && buildScorecard({ org, edition: common.edition, asOf: date, outcomes: common.outcomes, responses, actions, metrics: m })
		};
	});
}
