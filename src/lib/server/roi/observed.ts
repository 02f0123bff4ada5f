import { formatCount } from '../../format';
import { addDays, addMonths } from '../metrics/periods';
import { MIN_AFTER_WINDOW_MONTHS, MIN_INCIDENTS_FOR_COMPARISON, OBSERVED_WINDOW_MONTHS } from './assumptions';

/**
 * The observed return of an investment: incidents in the categories it targets, counted in two equal
 * windows either side of its go-live date. Pure: the service reads the incidents, this does the sums.
 *
 * - The after window starts on the go-live date and runs for OBSERVED_WINDOW_MONTHS (12) calendar
 *   months, or only up to the end of the as-of date when that comes first (the data stops there).
 * - The before window is the same number of days, ending the day before go-live.
 * - Incidents belong to a window by their detection instant, against UTC midnights: one detected
 *   exactly at 00:00 UTC on the go-live date counts as after (the control was live then); one a
 *   millisecond earlier counts as before.
 */

const DAY_MS = 86_400_000;
const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export interface ObservedIncident {
	detectedAt: Date;
	category: string;
	costPence: number | null;
}

export interface ObservedWindow {
	/** First and last days, inclusive. */
	from: string;
	through: string;
	days: number;
	incidents: number;
	/** Summed over the incidents with a recorded cost; `costedIncidents` says how many had one. */
	costPence: number;
	costedIncidents: number;
}

export interface ObservedReturn {
	goLiveOn: string;
	asOf: string;
	targetedCategories: string[];
	/** Months each window would run if the data allowed; `shortened` when the as-of date cut them. */
	windowMonths: number;
	shortened: boolean;
	/** The windows' length in years, for annual rates: windowMonths ÷ 12 when whole, else days ÷ 365.25. */
	years: number;
	before: ObservedWindow;
	after: ObservedWindow;
	/** After minus before, and that as a fraction of before (null when before is 0). */
	change: { incidents: number; incidentsFraction: number | null; costPence: number; costFraction: number | null };
	/** Plain words when the numbers are too few or the after window too short to mean much; null otherwise. */
	caution: string | null;
}

export interface WindowDates {
	before: { from: string; through: string };
	after: { from: string; through: string };
	days: number;
	shortened: boolean;
	/** Instants: before is [beforeStart, goLive), after is [goLive, afterEnd). */
	beforeStart: Date;
	goLive: Date;
	afterEnd: Date;
}

/** The two windows for a go-live date as of a date; null when the investment is not live by then. */
export function observedWindowDates(goLiveOn: string, asOf: string, months: number = OBSERVED_WINDOW_MONTHS): WindowDates | null {
	if (goLiveOn > asOf) return null;
	const fullThrough = addDays(addMonths(goLiveOn, months), -1);
	const shortened = asOf < fullThrough;
	const afterThrough = shortened ? asOf : fullThrough;
	const days = Math.round((utc(afterThrough).getTime() - utc(goLiveOn).getTime()) / DAY_MS) + 1;
	const beforeFrom = addDays(goLiveOn, -days);
	return {
		before: { from: beforeFrom, through: addDays(goLiveOn, -1) },
		after: { from: goLiveOn, through: afterThrough },
		days,
		shortened,
		beforeStart: utc(beforeFrom),
		goLive: utc(goLiveOn),
		afterEnd: utc(addDays(afterThrough, 1))
	};
}

function tally(incidents: readonly ObservedIncident[], from: string, through: string, days: number): ObservedWindow {
	const costed = incidents.filter((i) => i.costPence !== null);
	return {
		from,
		through,
		days,
		incidents: incidents.length,
		costPence: costed.reduce((sum, i) => sum + (i.costPence ?? 0), 0),
		costedIncidents: costed.length
	};
}

const fraction = (after: number, before: number) => (before === 0 ? null : (after - before) / before);

/**
 * Count and cost the targeted incidents in each window. Incidents outside both windows or of other
 * categories are ignored, so the caller may pass more than it needs. Null when not live by the as-of date.
 */
export function compareBeforeAfter(input: {
	goLiveOn: string;
	asOf: string;
	targetedCategories: readonly string[];
	incidents: readonly ObservedIncident[];
	months?: number;
}): ObservedReturn | null {
	const months = input.months ?? OBSERVED_WINDOW_MONTHS;
	const w = observedWindowDates(input.goLiveOn, input.asOf, months);
	if (!w) return null;
	const targeted = new Set(input.targetedCategories);
	const relevant = input.incidents.filter((i) => targeted.has(i.category));
	const t = (i: ObservedIncident) => i.detectedAt.getTime();
	const before = tally(
		relevant.filter((i) => t(i) >= w.beforeStart.getTime() && t(i) < w.goLive.getTime()),
		w.before.from,
		w.before.through,
		w.days
	);
	const after = tally(
		relevant.filter((i) => t(i) >= w.goLive.getTime() && t(i) < w.afterEnd.getTime()),
		w.after.from,
		w.after.through,
		w.days
	);
	return {
		goLiveOn: input.goLiveOn,
		asOf: input.asOf,
		targetedCategories: [...input.targetedCategories],
		windowMonths: months,
		shortened: w.shortened,
		years: w.shortened ? w.days / 365.25 : months / 12,
		before,
		after,
		change: {
			incidents: after.incidents - before.incidents,
			incidentsFraction: fraction(after.incidents, before.incidents),
			costPence: after.costPence - before.costPence,
			costFraction: fraction(after.costPence, before.costPence)
		},
		caution: observedCaution(input.goLiveOn, w, before.incidents + after.incidents)
	};
}

function observedCaution(goLiveOn: string, w: WindowDates, total: number): string | null {
	const reasons: string[] = [];
	if (total < MIN_INCIDENTS_FOR_COMPARISON) {
		reasons.push(
			`only ${formatCount(total)} incident${total === 1 ? '' : 's'} in the two windows together (fewer than ${MIN_INCIDENTS_FOR_COMPARISON}), so a rise or fall could be chance`
		);
	}
	if (w.afterEnd < utc(addMonths(goLiveOn, MIN_AFTER_WINDOW_MONTHS))) {
		reasons.push(
			`the after window is only ${formatCount(w.days)} day${w.days === 1 ? '' : 's'} long (under ${MIN_AFTER_WINDOW_MONTHS} months), too short to show a lasting change`
		);
	}
	if (reasons.length === 0) return null;
	const text = reasons.join('; and ');
	return `Too little data to draw a conclusion: ${text}.`;
}
