import { BENCHMARK_STATUSES, statusShares, type BenchmarkStatus, type StatusDistribution } from '../../charts/benchmark-charts';
import { today } from '../as-of';
import type { ServiceContext } from '../context';
import { isoDate } from '../../schemas/common';
import { NotFoundError, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

/**
 * Benchmarks from the public DSPT status register (the `dspt-status` imports in public_status): how many
 * organisations held each status, by edition, nationally, within an ICB or within a sector.
 *
 * The export's own spellings ("22/23 Standards Met", "Not Published", the older "Standards Not Fully Met
 * (Plan Agreed)" and "Entry Level") are stored by the importer as codes; here they fold into the five
 * statuses benchmarks report:
 * - plan_agreed → "Approaching Standards": the status that replaced it in March 2021, with the same
 *   meaning (not every mandatory item met, an improvement plan agreed);
 * - entry_level → "Standards Not Met": an entry-level publication did not meet every mandatory item.
 * Rows whose status was "#N/A" were never imported (the importer skips them), so they are in no total.
 *
 * Each import is a snapshot taken on a date; every figure here reads, for each organisation and edition, the
 * latest snapshot on or before the date asked (default today, UTC).
 *
 * "By ICB" means the organisations whose export row names that ICB (its ODS code, the export's "High Level
 * Health Geography"), not the ICB's own row. The register is public: any signed-in user may read it.
 */
const STORED_STATUS: Record<string, BenchmarkStatus> = {
	standards_exceeded: 'Standards Exceeded',
	standards_met: 'Standards Met',
	approaching_standards: 'Approaching Standards',
	plan_agreed: 'Approaching Standards',
	standards_not_met: 'Standards Not Met',
	entry_level: 'Standards Not Met',
	not_published: 'Not Published'
};

export function benchmarkStatusOf(stored: string): BenchmarkStatus {
	const status = STORED_STATUS[stored];
	if (!status) throw new Error(`public_status holds an unknown status "${stored}"`);
	return status;
}

export const EDITION_PATTERN = /^\d{2}\/\d{2}$/;

export interface StatusScope {
	icb?: string;
	sector?: string;
	/** YYYY-MM-DD: read the snapshots taken on or before this date (default today, UTC). */
	asOf?: string;
}

/** "national", "ICB QOP", "sector NHS Trust", or "ICB QOP, sector NHS Trust". */
export function scopeLabel(scope: StatusScope): string {
	const parts = [scope.icb ? `ICB ${scope.icb}` : null, scope.sector ? `sector ${scope.sector}` : null].filter(Boolean);
	return parts.length ? parts.join(', ') : 'national';
}

function emptyStatuses(): Record<BenchmarkStatus, number> {
	return Object.fromEntries(BENCHMARK_STATUSES.map((s) => [s, 0])) as Record<BenchmarkStatus, number>;
}

/** Count rows → one distribution per edition, for the editions asked (an edition with no rows counts 0). */
export function toDistributions(rows: readonly q.StatusCountRow[], editions: readonly string[], scope: string): StatusDistribution[] {
	const byEdition = new Map(editions.map((e) => [e, { edition: e, scope, total: 0, statuses: emptyStatuses() }]));
	for (const r of rows) {
		const d = byEdition.get(r.edition);
		if (!d) continue;
		d.statuses[benchmarkStatusOf(r.status)] += r.n;
		d.total += r.n;
	}
	return [...byEdition.values()];
}

function normaliseScope(scope: StatusScope): StatusScope & { asOf: string } {
	const icb = scope.icb?.trim().toUpperCase() || undefined;
	const sector = scope.sector?.trim() || undefined;
	if (icb && !/^[A-Z0-9]{3,10}$/.test(icb))
		throw new ValidationError('an ICB is given by its ODS code (3 to 10 letters and digits)', [{ field: 'icb', message: 'not an ODS code' }]);
	const asOf = scope.asOf ?? today();
	if (!isoDate.safeParse(asOf).success) throw new ValidationError('a date is written YYYY-MM-DD', [{ field: 'asOf', message: 'not a date' }]);
	return { icb, sector, asOf };
}

/** Statuses in one edition within a scope. An edition the register does not hold is NotFoundError. */
export async function getStatusDistribution(ctx: ServiceContext, input: { edition: string } & StatusScope): Promise<StatusDistribution> {
	const edition = input.edition.trim();
	if (!EDITION_PATTERN.test(edition)) throw new ValidationError('an edition is written like 22/23', [{ field: 'edition', message: 'not an edition' }]);
	const scope = normaliseScope(input);
	const editions = await q.selectEditions(ctx.db, scope.asOf);
	if (!editions.includes(edition)) {
		throw new NotFoundError(
			`no public DSPT statuses for edition ${edition} have been imported${input.asOf ? ` as of ${scope.asOf}` : ''}${editions.length ? ` (editions held: ${editions.join(', ')})` : ''}`
		);
	}
	const rows = await q.selectStatusCounts(ctx.db, { asOf: scope.asOf, edition, icbOds: scope.icb, sector: scope.sector });
	return toDistributions(rows, [edition], scopeLabel(scope))[0] as StatusDistribution;
}

/** The trend: statuses in every edition held, oldest first, within a scope. */
export async function getStatusTrend(ctx: ServiceContext, input: StatusScope = {}): Promise<StatusDistribution[]> {
	const scope = normaliseScope(input);
	const [editions, rows] = await Promise.all([
		q.selectEditions(ctx.db, scope.asOf),
		q.selectStatusCounts(ctx.db, { asOf: scope.asOf, icbOds: scope.icb, sector: scope.sector })
	]);
	return toDistributions(rows, editions, scopeLabel(scope));
}

export interface StandingInEdition {
	edition: string;
	/** The organisation's published status, null when the export did not list it. */
	status: BenchmarkStatus | null;
	icb: string | null;
	sector: string | null;
	/** Each status's share of all organisations listed nationally that edition (0–1). */
	nationalShare: Record<BenchmarkStatus, number | null>;
}

/** Where an organisation stands: its status in each edition held, beside the national share at each status. */
export async function getOrganisationStanding(ctx: ServiceContext, ods: string, asOf: string = today()): Promise<StandingInEdition[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const [national, own] = await Promise.all([getStatusTrend(ctx, { asOf }), q.selectStatusesOf(ctx.db, org.ods_code, asOf)]);
	const ownBy = new Map(own.map((r) => [r.edition, r]));
	return national.map((d) => {
		const row = ownBy.get(d.edition);
		return {
			edition: d.edition,
			status: row ? benchmarkStatusOf(row.status) : null,
			icb: row?.icb_ods_code ?? null,
			sector: row?.primary_sector ?? null,
			nationalShare: statusShares(d)
		};
	});
}
