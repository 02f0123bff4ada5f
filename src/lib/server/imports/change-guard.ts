import { formatCount, formatPence, formatRate } from '../../format';
import { today } from '../as-of';
import type { ServiceContext } from '../context';
import { getOrganisationMetrics, type OrganisationMetrics } from '../metrics/service';
import { DSPT_CAF_CODE, getScorecard } from '../scorecard/service';
import { selectEditions } from '../assessment/queries';
import type { ImportKind } from './formats/format';

/**
 * A plausible but wrong file (a valid 40-row export in place of a 2,397-device fleet) passes every row check.
 * So a device snapshot, the training population or a financial year's spend that an import changes by more
 * than a quarter is shown before and after, with the scorecard status before and after, and needs an explicit
 * confirmation (--accept-change, or the checkbox on the import page). Ordinary files never trip it: a first
 * import has nothing to compare with, spend that grows (a ledger gaining a month) is what spend does, and a
 * figure below CHANGE_FLOOR is too small for a quarter of it to matter.
 */
export const CHANGE_THRESHOLD = 0.25;
/**
 * Below these a quarter is a handful (3 devices becoming 5, a pilot ledger's first lines): too little for a
 * wrong file to hide behind, and a new or test organisation would otherwise need a confirmation per import.
 */
export const CHANGE_FLOOR = { count: 20, pence: 1_000_000 } as const;

export const GUARDED_KINDS: readonly ImportKind[] = ['devices', 'training', 'spend'];

export interface HeadlineState {
	metrics: OrganisationMetrics;
	/** The latest loaded CAF-aligned edition's status as of today, or null when none is loaded. */
	status: { edition: string; status: string } | null;
}

export interface FigureChange {
	label: string;
	before: string;
	after: string;
}

export interface ChangeComparison {
	/** The measure that moved by more than the threshold, e.g. "devices in the latest snapshot". */
	measure: string;
	before: number;
	after: number;
	/** (after − before) ÷ before. */
	change: number;
	figures: FigureChange[];
	statusBefore: string | null;
	statusAfter: string | null;
}

/** The figures an import is compared on, as the organisation's pages show them today. */
export async function readHeadline(ctx: ServiceContext, ods: string): Promise<HeadlineState> {
	const asOf = today();
	const edition = (await selectEditions(ctx.db, DSPT_CAF_CODE)).at(-1)?.edition ?? null;
	const [metrics, scorecard] = await Promise.all([getOrganisationMetrics(ctx, ods, asOf), edition ? getScorecard(ctx, ods, edition, asOf) : null]);
	return { metrics, status: edition && scorecard ? { edition, status: scorecard.status } : null };
}

const rateText = (r: { value: number | null } | null) => (r?.value == null ? 'no data' : formatRate(r.value));

/** The measure that moved too far, or null when the import is ordinary. */
export function compareHeadline(kind: ImportKind, before: HeadlineState, after: HeadlineState, threshold = CHANGE_THRESHOLD): ChangeComparison | null {
	const moved = (measure: string, b: number, a: number, figures: FigureChange[], onlyFalls = false): ChangeComparison | null => {
		if (b < (kind === 'spend' ? CHANGE_FLOOR.pence : CHANGE_FLOOR.count)) return null;
		const change = (a - b) / b;
		if (Math.abs(change) <= threshold || (onlyFalls && change > 0)) return null;
		return { measure, before: b, after: a, change, figures, statusBefore: label(before.status), statusAfter: label(after.status) };
	};
	const [mb, ma] = [before.metrics, after.metrics];
	if (kind === 'devices') {
		return moved('devices in the latest snapshot', mb.devices.total, ma.devices.total, [
			{ label: 'devices', before: formatCount(mb.devices.total), after: formatCount(ma.devices.total) },
			{ label: 'compliant', before: rateText(mb.devices.compliantRate), after: rateText(ma.devices.compliantRate) },
			{ label: 'encrypted', before: rateText(mb.devices.encryptedRate), after: rateText(ma.devices.encryptedRate) },
			{ label: 'on a supported OS', before: rateText(mb.devices.supportedOsRate), after: rateText(ma.devices.supportedOsRate) }
		]);
	}
	if (kind === 'training') {
		return moved('staff required to train', mb.training.requiredStaff, ma.training.requiredStaff, [
			{ label: 'staff required to train', before: formatCount(mb.training.requiredStaff), after: formatCount(ma.training.requiredStaff) },
			{ label: 'trained in the last 12 months', before: rateText(mb.training.completionRate), after: rateText(ma.training.completionRate) }
		]);
	}
	if (kind === 'spend') {
		const years = [
			{ label: mb.spend.financialYear.label, b: mb.spend.totalPence, a: ma.spend.totalPence },
			...mb.spend.previousYears.map((y, i) => ({ label: y.label, b: y.totalPence, a: ma.spend.previousYears[i]?.totalPence ?? 0 }))
		];
		for (const y of years) {
			const found = moved(`spend in ${y.label}`, y.b, y.a, [{ label: `spend in ${y.label}`, before: formatPence(y.b), after: formatPence(y.a) }], true);
			if (found) return found;
		}
	}
	return null;
}

function label(status: HeadlineState['status']): string | null {
	return status ? `${status.status} (${status.edition})` : null;
}

/** The refusal as the person importing should read it. */
export function describeChange(c: ChangeComparison): string {
	const pct = `${c.change > 0 ? '+' : '−'}${formatRate(Math.abs(c.change))}`;
	const figures = c.figures.map((f) => `${f.label} ${f.before} → ${f.after}`).join('; ');
	const status = c.statusBefore || c.statusAfter ? `; scorecard ${c.statusBefore ?? 'none'} → ${c.statusAfter ?? 'none'}` : '';
	return `this file changes ${c.measure} by more than a quarter (${formatCount(c.before)} → ${formatCount(c.after)}, ${pct}): ${figures}${status}. Nothing was written. If this is the right file, import it again accepting the change (--accept-change, or tick "I accept this change" on the import page)`;
}
