import { formatCount, formatDate } from '../../format';
import { startOfCalendarDay } from '../db/day';
import { addDays, addMonths } from '../metrics/periods';
import { MIN_AFTER_WINDOW_MONTHS, MIN_INCIDENTS_FOR_COMPARISON, OBSERVED_WINDOW_MONTHS } from './assumptions';

/**
 * The observed return of an investment: incidents in the categories it targets, counted in two equal
 * windows either side of its go-live date. Pure: the service reads the incidents, this does the sums.
 *
 * - The after window starts on the go-live date and runs for OBSERVED_WINDOW_MONTHS (12) calendar
 *   months, or only up to the end of the as-of date when that comes first (the data stops there).
 * - The before window is the same number of days, ending the day before go-live, but never starting before
 *   the organisation's incident records do (its first recorded incident, of any kind): a window reaching
 *   back before the data would count months with no records as months with no incidents, and understate
 *   the rate. Clipped, it is shorter than the after window, says so (`beforeClipped`, `windowNote`), and
 *   the two are compared as rates: the change is after − before × (after days ÷ before days).
 * - Incidents belong to a window by their detection instant, against midnights in London (db/day.ts):
 *   one detected exactly at midnight starting the go-live date there counts as after (the control was
 *   live then); one a millisecond earlier counts as before. Day counts are calendar arithmetic.
 */

const DAY_MS = 86_400_000;
/** A date as a UTC midnight, only to count the days between dates. */
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
	/** The before window's length in years (less than `years` when clipped to the data). */
	beforeYears: number;
	/** Set when the before window was clipped to the incident records: where it would have started, and where the data does. */
	beforeClipped: { fullFrom: string; dataFrom: string } | null;
	/** Plain words on how the windows were drawn when they are not two equal ones; null otherwise. */
	windowNote: string | null;
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
	/** The after window's days (and the before window's, unless clipped). */
	days: number;
	beforeDays: number;
	shortened: boolean;
	beforeClipped: { fullFrom: string; dataFrom: string } | null;
	/** Instants: before is [beforeStart, goLive), after is [goLive, afterEnd). */
	beforeStart: Date;
	goLive: Date;
	afterEnd: Date;
}

/**
 * The two windows for a go-live date as of a date; null when the investment is not live by then. `dataFrom`:
 * the first day the incident records cover (the before window starts no earlier, and at most on go-live).
 */
export function observedWindowDates(goLiveOn: string, asOf: string, months: number = OBSERVED_WINDOW_MONTHS, dataFrom?: string | null): WindowDates | null {
	if (goLiveOn > asOf) return null;
	const fullThrough = addDays(addMonths(goLiveOn, months), -1);
	const shortened = asOf < fullThrough;
	const afterThrough = shortened ? asOf : fullThrough;
	const days = Math.round((utc(afterThrough).getTime() - utc(goLiveOn).getTime()) / DAY_MS) + 1;
	const fullFrom = addDays(goLiveOn, -days);
	const clipped = dataFrom != null && dataFrom > fullFrom;
	const beforeFrom = clipped ? (dataFrom < goLiveOn ? dataFrom : goLiveOn) : fullFrom;
	return {
		before: { from: beforeFrom, through: addDays(goLiveOn, -1) },
		after: { from: goLiveOn, through: afterThrough },
		days,
		beforeDays: Math.round((utc(goLiveOn).getTime() - utc(beforeFrom).getTime()) / DAY_MS),
		shortened,
		beforeClipped: clipped ? { fullFrom, dataFrom: dataFrom! } : null,
		beforeStart: startOfCalendarDay(beforeFrom),
		goLive: startOfCalendarDay(goLiveOn),
		afterEnd: startOfCalendarDay(addDays(afterThrough, 1))
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
	/** The first day the organisation's incident records cover (see observedWindowDates). */
	dataFrom?: string | null;
}): ObservedReturn | null {
	const months = input.months ?? OBSERVED_WINDOW_MONTHS;
	const w = observedWindowDates(input.goLiveOn, input.asOf, months, input.dataFrom);
	if (!w) return null;
	const targeted = new Set(input.targetedCategories);
	const relevant = input.incidents.filter((i) => targeted.has(i.category));
	const t = (i: ObservedIncident) => i.detectedAt.getTime();
	const before = tally(
		relevant.filter((i) => t(i) >= w.beforeStart.getTime() && t(i) < w.goLive.getTime()),
		w.before.from,
		w.before.through,
		w.beforeDays
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
		beforeYears: w.beforeClipped ? w.beforeDays / 365.25 : w.shortened ? w.days / 365.25 : months / 12,
		beforeClipped: w.beforeClipped,
		windowNote: w.beforeClipped
			? `The before window starts on ${formatDate(w.before.from)}, when ${input.dataFrom! < input.goLiveOn ? 'the incident records begin' : 'go-live is: there are no incident records before it'}, not on ${formatDate(w.beforeClipped.fullFrom)}: its ${formatCount(w.beforeDays)} days are set against the after window's ${formatCount(w.days)} as rates.`
			: null,
		before,
		after,
		change: changeOf(before, after),
		caution: observedCaution(input.goLiveOn, w, before.incidents + after.incidents)
	};
}

/** After against before; when the windows differ in length, before is scaled to the after window's days (rates compared). */
function changeOf(before: ObservedWindow, after: ObservedWindow): ObservedReturn['change'] {
	const scale = before.days === after.days ? 1 : before.days === 0 ? null : after.days / before.days;
	if (scale === null) return { incidents: after.incidents, incidentsFraction: null, costPence: after.costPence, costFraction: null };
	const incidentsBefore = before.incidents * scale;
	const costBefore = before.costPence * scale;
	return {
		incidents: Math.round((after.incidents - incidentsBefore) * 100) / 100,
		incidentsFraction: fraction(after.incidents, incidentsBefore),
		costPence: Math.round(after.costPence - costBefore),
		costFraction: fraction(after.costPence, costBefore)
	};
}

function observedCaution(goLiveOn: string, w: WindowDates, total: number): string | null {
	const reasons: string[] = [];
	if (total < MIN_INCIDENTS_FOR_COMPARISON) {
		reasons.push(
			`only ${formatCount(total)} incident${total === 1 ? '' : 's'} in the two windows together (fewer than ${MIN_INCIDENTS_FOR_COMPARISON}), so a rise or fall could be chance`
		);
	}
	if (w.afterEnd < startOfCalendarDay(addMonths(goLiveOn, MIN_AFTER_WINDOW_MONTHS))) {
		reasons.push(
			`the after window is only ${formatCount(w.days)} day${w.days === 1 ? '' : 's'} long (under ${MIN_AFTER_WINDOW_MONTHS} months), too short to show a lasting change`
		);
	}
	if (reasons.length === 0) return null;
	const text = reasons.join('; and ');
	return `Too little data to draw a conclusion: ${text}.`;
}
