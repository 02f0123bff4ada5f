import { z } from 'zod';
import type { StatusDistribution } from '../../charts/benchmark-charts';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { NotFoundError, parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { getPeerBenchmarks, type PeerBenchmarks } from './peers';
import { EDITION_PATTERN, getOrganisationStanding, getStatusTrend, type StandingInEdition } from './public-status';
import * as q from './queries';
import { resolvePageDate } from '../freshness/page-date';

export interface BenchmarkPage {
	org: { ods: string; name: string };
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** Editions of the public register, oldest first; empty until a public status export is imported. */
	editions: string[];
	/** The edition the standing is shown for: the one asked, else the newest. */
	edition: string | null;
	national: StatusDistribution[];
	/** The organisation's ICB as the public export names it (else its parent in Beacon), with its trend. */
	icb: { ods: string; name: string | null; trend: StatusDistribution[] } | null;
	standing: StandingInEdition[];
	peers: PeerBenchmarks;
}

const benchmarkQuery = z.object({
	asOf: isoDate.optional(),
	/** The edition to show the standing for (?edition=22/23). */
	edition: z.string().regex(EDITION_PATTERN, 'an edition is written like 22/23').optional()
});

/** Everything the benchmarking page shows as of a date (default: the organisation's data end when it has passed, else today; freshness/page-date.ts): one call, so the route stays thin. */
export async function getBenchmarkPage(ctx: ServiceContext, ods: string, query: z.input<typeof benchmarkQuery> = {}): Promise<BenchmarkPage> {
	const input = parseInput(benchmarkQuery, 'benchmark page', query);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'benchmark page', input.asOf);
	const [editions, national, standing, peers] = await Promise.all([
		q.selectEditions(ctx.db, asOf),
		getStatusTrend(ctx, { asOf }),
		getOrganisationStanding(ctx, org.ods_code, asOf),
		getPeerBenchmarks(ctx, org.ods_code, asOf)
	]);
	if (input.edition && !editions.includes(input.edition)) throw new NotFoundError(`no public DSPT statuses for edition ${input.edition} have been imported`);
	const edition = input.edition ?? editions.at(-1) ?? null;
	const chosen = standing.find((s) => s.edition === edition);
	const latestIcb = chosen?.icb ?? [...standing].reverse().find((s) => s.icb)?.icb ?? null;
	const parent = org.parent_id === null ? null : await q.selectOdsById(ctx.db, org.parent_id);
	const icbOds = latestIcb ?? parent?.ods_code ?? null;
	const icb =
		icbOds && editions.length > 0
			? { ods: icbOds, name: parent?.ods_code === icbOds ? parent.name : null, trend: await getStatusTrend(ctx, { icb: icbOds, asOf }) }
			: null;
	return { org: { ods: org.ods_code, name: org.name }, asOf: peers.asOf, opensAtDataEnd, editions, edition, national, icb, standing, peers };
}
