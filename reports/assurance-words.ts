import { formatCount, formatDate, formatRate } from '../src/lib/format';
import type { AssuranceActivityRow, AssuranceRate, AssuranceSummary } from './assurance-data';

/**
 * The assurance sentences both packs print, pure, from the frozen summary alone. They state what is recorded
 * and never guess: no record of an activity is written as "none recorded", not as "none done".
 */

const count = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
export const rateText = (r: AssuranceRate | null) => (r === null || r.value === null ? 'no data' : formatRate(r.value));

/** "12.0 % (60 of 500)", or "no data" when there was nothing to measure. */
export function rateWithParts(r: AssuranceRate | null): string {
	return r === null || r.value === null ? 'no data' : `${formatRate(r.value)} (${formatCount(r.numerator)} of ${formatCount(r.denominator)})`;
}

/** Nothing at all recorded by the date: the section says so once instead of a row of empty figures. */
export function nothingRecorded(s: AssuranceSummary): boolean {
	return s.recorded.activities === 0 && s.recorded.findings === 0 && s.recorded.phishingExercises === 0 && !s.recorded.appExport;
}

export function nothingRecordedSentence(s: AssuranceSummary, org: string): string {
	return `No assurance activities, findings, phishing exercises or discovered-apps exports are recorded in Beacon for ${org} as of ${formatDate(s.asOf)}, so there is no assurance to report.`;
}

/** A2.b: whether the two activities expected every year were completed in the 12 months. */
export function coverageSentence(s: AssuranceSummary): string {
	const window = `the 12 months to ${formatDate(s.window.through)}`;
	const { dsptIndependentAssessment: ia, penetrationTest: pt } = s.coverage;
	if (ia && pt) return `Both assurance activities expected every year were completed in ${window}: a DSPT independent assessment and a penetration test.`;
	if (ia)
		return `Of the two assurance activities expected every year, a DSPT independent assessment was completed in ${window}; no penetration test completed in that time is recorded.`;
	if (pt)
		return `Of the two assurance activities expected every year, a penetration test was completed in ${window}; no DSPT independent assessment completed in that time is recorded.`;
	return `Neither of the two assurance activities expected every year, a DSPT independent assessment and a penetration test, is recorded as completed in ${window}.`;
}

/** The last DSPT independent assessment: the assessor's opinion and confidence in the self-assessment. */
export function assessmentSentence(s: AssuranceSummary): string {
	const a = s.lastIndependentAssessment;
	if (a === null) return `No completed DSPT independent assessment is recorded by ${formatDate(s.asOf)}.`;
	const by = a.provider ? ` by ${a.provider}` : '';
	const old = a.completedOn <= s.window.after ? ', more than 12 months before this pack' : '';
	const opinion = a.opinion ? `gave an opinion of ${a.opinion}` : 'recorded no overall opinion';
	const confidence = a.confidence
		? ` and ${a.confidence.charAt(0).toLowerCase()}${a.confidence.slice(1)}`
		: ', and no confidence in the self-assessment is recorded';
	return `The last DSPT independent assessment, completed${by} on ${formatDate(a.completedOn)}${old}, ${opinion}${confidence}.`;
}

/** What an activity found, and whether it is dealt with. */
export function activityFindings(a: AssuranceActivityRow): string {
	if (a.findings === 0) return 'No findings recorded';
	const serious = a.findingsCriticalHigh === 0 ? 'none critical or high' : `${formatCount(a.findingsCriticalHigh)} critical or high`;
	return `${count(a.findings, 'finding')} (${serious}); ${a.findingsOpen === 0 ? 'none open' : `${formatCount(a.findingsOpen)} open`}`;
}

export function penetrationTestSentence(s: AssuranceSummary): string {
	const t = s.latestPenetrationTest;
	if (t === null) return `No penetration test is recorded by ${formatDate(s.asOf)}.`;
	const by = t.provider ? ` by ${t.provider}` : '';
	const when = t.completedOn ? `completed${by} on ${formatDate(t.completedOn)}` : `started${by} on ${formatDate(t.startedOn)} and not yet completed`;
	return `The latest penetration test, ${when}: ${activityFindings(t).charAt(0).toLowerCase()}${activityFindings(t).slice(1)}.`;
}

/** Open findings by severity, overdue and risk accepted, on the date. */
export function findingsSentence(s: AssuranceSummary): string {
	const f = s.findings;
	const on = formatDate(s.asOf);
	if (s.recorded.findings === 0) return `No findings from audits, assessments or tests are recorded by ${on}.`;
	const b = f.openBySeverity;
	const open =
		f.open === 0
			? `No finding was open on ${on}`
			: `On ${on}, ${count(f.open, 'finding was', 'findings were')} open: ${formatCount(b.critical)} critical, ${formatCount(b.high)} high, ${formatCount(b.medium)} medium and ${formatCount(b.low)} low`;
	const overdue =
		f.overdue === 0
			? 'none past its due date'
			: `${formatCount(f.overdue)} past ${f.overdue === 1 ? 'its' : 'their'} due date${f.overdueCriticalHigh > 0 ? ` (${formatCount(f.overdueCriticalHigh)} critical or high)` : ''}`;
	const accepted =
		f.riskAccepted === 0
			? 'No finding has its risk accepted instead of remediated.'
			: `Risk accepted instead of remediation: ${count(f.riskAccepted, 'finding')} (${formatCount(f.riskAcceptedCriticalHigh)} critical or high).`;
	return `${open}${f.open === 0 ? '.' : `, ${overdue}.`} ${accepted}`;
}

/** DSPT 9.2.3 and the mean time to remediate, in words. */
export function remediationSentence(s: AssuranceSummary): string {
	const f = s.findings;
	const r = f.remediatedWithin14dRate;
	const window = `the 12 months to ${formatDate(s.window.through)}`;
	const within =
		r.denominator === 0
			? `No critical or high finding raised in ${window} has yet reached its 14 days.`
			: `${rateWithParts(r)} of the critical and high findings raised in ${window} were remediated, or their risk accepted, within 14 days (DSPT 9.2.3).`;
	const mean =
		f.meanDaysToRemediate.value === null
			? 'No finding was remediated in that time.'
			: `Findings remediated in that time took ${days(f.meanDaysToRemediate.value)} on average (${count(f.meanDaysToRemediate.findings, 'finding')}).`;
	return `${within} ${mean}`;
}

export function days(value: number | null): string {
	return value === null ? 'no data' : `${value.toFixed(1)} days`;
}

/**
 * The latest phishing exercise and, with `trend`, the direction since the first one shown (left out where
 * a chart beside it draws the trend and its summary says the same).
 */
export function phishingSentence(
	s: AssuranceSummary,
	exercises: readonly { startedOn: string; emailsSent: number; clicked: number; reported: number }[],
	options: { trend: boolean }
): string {
	const p = s.phishing;
	if (exercises.length === 0 && p.latestOn === null) return `No phishing exercise is recorded in the two years to ${formatDate(s.asOf)}.`;
	const parts: string[] = [];
	if (p.latestOn !== null) {
		const more =
			p.reportShare.value === null
				? ''
				: p.reportShare.value >= 0.5
					? ': more staff reported the email than fell for it'
					: ': more staff fell for the email than reported it';
		parts.push(
			`In the latest exercise (${formatDate(p.latestOn)}) ${rateText(p.clickRate)} of the staff emailed clicked the link and ${rateText(p.reportRate)} reported it${more}.`
		);
	} else parts.push(`No phishing exercise was run in the 12 months to ${formatDate(s.window.through)}.`);
	const first = exercises[0];
	const last = exercises.at(-1);
	if (options.trend && first && last && first !== last && first.emailsSent > 0 && last.emailsSent > 0) {
		const change = (a: number, b: number) => (b === a ? 'unchanged' : `${b < a ? 'down' : 'up'} from ${formatRate(a)}`);
		parts.push(
			`Since ${formatDate(first.startedOn)}: click rate ${formatRate(last.clicked / last.emailsSent)} (${change(first.clicked / first.emailsSent, last.clicked / last.emailsSent)}), report rate ${formatRate(last.reported / last.emailsSent)} (${change(first.reported / first.emailsSent, last.reported / last.emailsSent)}).`
		);
	}
	return parts.join(' ');
}

/** Consumer messaging apps on managed devices, from the latest discovered-apps export. */
export function messagingSentence(s: AssuranceSummary): string {
	const m = s.messaging;
	if (m.snapshotOn === null)
		return `No discovered-apps export from mobile device management had been imported by ${formatDate(s.asOf)}, so Beacon cannot say whether consumer messaging apps are on managed devices.`;
	const from = `From the discovered-apps export of ${formatDate(m.snapshotOn)}`;
	const n = m.devicesWithUnapproved ?? 0;
	if (n === 0) return `${from}, no managed device holds a consumer messaging app the organisation has not approved.`;
	const of =
		m.unapprovedRate === null || m.unapprovedRate.value === null
			? ''
			: ` of ${formatCount(m.unapprovedRate.denominator)} (${formatRate(m.unapprovedRate.value)})`;
	const bound = m.exact === false ? ' at most' : '';
	const apps = m.unapprovedApps.map((a) => `${a.name} on ${formatCount(a.devices)}`).join(', ');
	const upper = m.exact === false ? ' The export gives a device count per app, so a device with two such apps counts twice: the figure is an upper bound.' : '';
	return `${from},${bound} ${count(n, 'managed device')}${of} ${n === 1 ? 'holds' : 'hold'} a consumer messaging app the organisation has not approved: ${apps}.${upper}`;
}

export function approvedMessagingSentence(s: AssuranceSummary): string | null {
	const m = s.messaging;
	const parts: string[] = [];
	if (m.approvedApps.length > 0)
		parts.push(
			`The organisation's approved secure messaging ${m.approvedApps.length === 1 ? 'app is' : 'apps are'} on managed devices: ${m.approvedApps.map((a) => `${a.name} on ${formatCount(a.devices)}`).join(', ')}.`
		);
	if (m.approvedStaffRate !== null && m.approvedStaffRate.value !== null)
		parts.push(`${rateWithParts(m.approvedStaffRate)} of staff are active users of an approved app, as last reported.`);
	return parts.length === 0 ? null : parts.join(' ');
}
