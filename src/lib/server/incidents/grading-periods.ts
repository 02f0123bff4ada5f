import { DEFAULT_GRADING_RULES, type GradingRules } from './grading';
import { calendarDayOf } from '../db/day';

/**
 * Which incident grading rules are in force when. A framework edition ('2024-25') covers the NHS financial
 * year 1 April 2024 to 31 March 2025, and may state grading rules (its incidentGrading block). An incident
 * is graded by the rules in force on its detection date, taken as a UTC date like every date in Beacon:
 * those of the latest edition starting on or before that date that states rules. So the edition whose year
 * contains the date, else the latest earlier edition that states rules (rules stay in force until an
 * edition changes them), else DEFAULT_GRADING_RULES (DOMAIN.md §2). Two frameworks of the same year that
 * both state rules (say the CAF and a later NDG-style file): the one loaded last wins, then the code.
 */
export interface GradingEdition {
	code: string;
	edition: string;
	rules: GradingRules | null;
	loadedAt: Date;
}

export interface GradingSource {
	code: string;
	edition: string;
}

/** A run of time with one set of rules: from its `from` date (inclusive) to `to` (exclusive); null is open. */
export interface GradingPeriod {
	from: string | null;
	to: string | null;
	rules: GradingRules;
	/** The edition that stated the rules; null for the defaults. */
	source: GradingSource | null;
}

/** '2024-25' → '2024-04-01', the first day of the edition's financial year. */
export function editionStart(edition: string): string {
	return `${edition.slice(0, 4)}-04-01`;
}

/** The periods of all time, oldest first, each with its rules; adjacent editions with the same rules stay separate (so each names its source). */
export function gradingPeriods(editions: readonly GradingEdition[]): GradingPeriod[] {
	const stating = editions
		.filter((e): e is GradingEdition & { rules: GradingRules } => e.rules !== null)
		.map((e) => ({ ...e, start: editionStart(e.edition) }))
		.sort((a, b) => a.start.localeCompare(b.start) || a.loadedAt.getTime() - b.loadedAt.getTime() || a.code.localeCompare(b.code));
	// Of several editions starting on one date, the last in that order wins.
	const winners = stating.filter((e, i) => stating[i + 1]?.start !== e.start);
	const periods: GradingPeriod[] = [{ from: null, to: winners[0]?.start ?? null, rules: DEFAULT_GRADING_RULES, source: null }];
	winners.forEach((e, i) => {
		periods.push({ from: e.start, to: winners[i + 1]?.start ?? null, rules: { ...e.rules }, source: { code: e.code, edition: e.edition } });
	});
	return periods;
}

/** The period in force on a date ('YYYY-MM-DD') or at an instant (a Date or ISO string: its date in London, db/day.ts). */
export function gradingPeriodOn(periods: readonly GradingPeriod[], when: string | Date): GradingPeriod {
	const date = typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when) ? when : calendarDayOf(new Date(when));
	const period = periods.find((p) => (p.from === null || p.from <= date) && (p.to === null || date < p.to));
	if (!period) throw new Error(`no grading period covers ${date}`);
	return period;
}

/** The rules in force on a date or at an instant, given the editions loaded. */
export function gradingRulesOn(editions: readonly GradingEdition[], when: string | Date): GradingRules {
	return gradingPeriodOn(gradingPeriods(editions), when).rules;
}
