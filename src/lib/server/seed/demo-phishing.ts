import { addMonths } from '../metrics/periods';
import type { SeedActivity, SeedPhishingResult } from './assurance-findings';
import { addDays, daysBetween, financialYearOf, monthAndYear } from './dates';
import type { DemoAssuranceStory } from './demo-assurance-profile';
import { DEMO_END, DEMO_START, STAFF_GROUPS, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

/** How much likelier than average each staff group is to click (reporting goes the other way). */
const GROUP_CLICK: Record<string, number> = {
	'Nursing and Midwifery Registered': 0.95,
	'Additional Clinical Services': 1.05,
	'Administrative and Clerical': 1.2,
	'Medical and Dental': 1.1,
	'Allied Health Professionals': 0.85,
	'Estates and Ancillary': 1.3,
	'Professional Scientific and Technic': 0.8,
	'Healthcare Scientists': 0.8
};

/**
 * How far training has taken staff on a date (0–1): none before it, then a third of the remaining way
 * each quarter, so the first exercise after training shows a little of it, a year later four fifths.
 */
export function trainingProgress(trainingOn: string | null, on: string): number {
	if (trainingOn === null || on < trainingOn) return 0;
	return 1 - (2 / 3) ** (daysBetween(trainingOn, on) / 91);
}

/** The exercise dates: from the first, every three or six months, to the end of the demo. */
export function exerciseDates(story: DemoAssuranceStory['phishing']): string[] {
	const dates: string[] = [];
	for (let on = story.firstOn, k = 1; on <= DEMO_END; on = addMonths(story.firstOn, story.everyMonths * k++)) dates.push(on);
	return dates;
}

/**
 * One exercise's results for the emails sent at the rates given (of emails sent; credentials of those who
 * clicked): one row for all staff, or one per staff group, whose rates differ around the organisation's
 * as GROUP_CLICK says, each a little off the expected count.
 */
export function phishingResults(
	activityTitle: string,
	sent: number,
	rates: { click: number; report: number; credentials: number },
	byStaffGroup: boolean,
	random: Random
): SeedPhishingResult[] {
	const groups = byStaffGroup ? STAFF_GROUPS.map(([group, weight]) => [group, Math.round((sent * weight) / 100)] as const) : [['', sent] as const];
	return groups
		.filter(([, emailsSent]) => emailsSent > 0)
		.map(([staffGroup, emailsSent]) => {
			const factor = GROUP_CLICK[staffGroup] ?? 1;
			const clicked = Math.min(emailsSent, Math.round(emailsSent * rates.click * factor * (0.9 + 0.2 * random.float())));
			const reported = Math.min(emailsSent, Math.round((emailsSent * rates.report * (0.9 + 0.2 * random.float())) / factor));
			return { activityTitle, staffGroup, emailsSent, clicked, credentialsEntered: Math.round(clicked * rates.credentials), reported };
		});
}

/**
 * Simulated phishing exercises sent to every member of staff with a mailbox, each with its results: one
 * row for all staff, or one per staff group (whose rates differ around the organisation's) where the
 * provider splits them. Click and report rates move from their before-training values towards their
 * after-training ones as trainingProgress says, give or take a little each time; fewer of those who click
 * give their credentials away once training has taught them to stop.
 */
export function generatePhishing(
	org: DemoOrganisation,
	story: DemoAssuranceStory['phishing'],
	random: Random
): { activities: SeedActivity[]; results: SeedPhishingResult[] } {
	const activities: SeedActivity[] = [];
	const results: SeedPhishingResult[] = [];
	for (const startedOn of exerciseDates(story)) {
		const title = `Phishing simulation, ${monthAndYear(startedOn)}`;
		const completedOn = addDays(startedOn, 7) < DEMO_END ? addDays(startedOn, 7) : DEMO_END;
		activities.push({
			type: 'phishing_exercise',
			title,
			provider: 'Simulated phishing service (IT security team)',
			startedOn,
			completedOn,
			scope: 'Every member of staff with an NHSmail account',
			opinion: null,
			confidence: null,
			note: null
		});
		const progress = trainingProgress(story.trainingOn, startedOn);
		const click = (story.click[0] + (story.click[1] - story.click[0]) * progress) * (0.92 + 0.16 * random.float());
		const report = (story.report[0] + (story.report[1] - story.report[0]) * progress) * (0.92 + 0.16 * random.float());
		const growth = 1 + 0.02 * (financialYearOf(startedOn) - financialYearOf(DEMO_START));
		results.push(
			...phishingResults(title, Math.round(org.staff * growth * 0.96), { click, report, credentials: 0.42 - 0.17 * progress }, story.byStaffGroup, random)
		);
	}
	return { activities, results };
}
