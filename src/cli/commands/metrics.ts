import { parseArgs } from 'node:util';
import { isoDate } from '../../lib/schemas/common';
import { formatCount, formatPence, formatRate } from '../../lib/format';
import { NotFoundError } from '../../lib/server/errors';
import type { Rate } from '../../lib/server/metrics/rate';
import { getOrganisationMetrics, type OrganisationMetrics } from '../../lib/server/metrics/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';
import { today } from '../../lib/server/db/day';

export const metricsHelp = `metrics --org ODS [--as-of YYYY-MM-DD] [--json]
                                        an organisation's metrics as of a date (default today, UTC); unknown ODS code exits 1`;

export async function runMetrics(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { org: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
		allowPositionals: true,
		strict: true
	});
	if (!values.org || positionals.length > 0) throw new UsageError(`usage:\n  ${metricsHelp}`);
	const asOf = values['as-of'] ?? today();
	if (!isoDate.safeParse(asOf).success) throw new UsageError('--as-of is a date written YYYY-MM-DD that exists');
	return withDatabase(io, async ({ db }) => {
		let metrics: OrganisationMetrics;
		try {
			metrics = await getOrganisationMetrics({ db, actor: cliActor() }, values.org as string, asOf);
		} catch (error) {
			// An ODS code that names no organisation is a mistake on the command line, not rejected data.
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		if (values.json) io.printJson(metricsJson(metrics));
		else io.out(metricsSummary(metrics));
		return EXIT.ok;
	});
}

const value = (r: Rate | null) => r?.value ?? null;

/** The documented JSON shape: counts, rates as fractions 0–1 (null when there is nothing to measure), money in pence. */
export function metricsJson(m: OrganisationMetrics) {
	const { training: t, devices: d, incidents: i, spend: s, assurance: a } = m;
	return {
		org: m.org,
		asOf: m.asOf,
		staff: m.staff,
		training: {
			requiredStaff: t.requiredStaff,
			completed12m: t.completed12m,
			completionRate: value(t.completionRate),
			window: t.window,
			boardMembers: {
				requiredStaff: t.boardMembers.requiredStaff,
				completed12m: t.boardMembers.completed12m,
				completionRate: value(t.boardMembers.completionRate)
			},
			byStaffGroup: t.byStaffGroup.map((g) => ({
				staffGroup: g.staffGroup,
				requiredStaff: g.requiredStaff,
				completed12m: g.completed12m,
				completionRate: value(g.completionRate)
			})),
			byDepartment: t.byDepartment.map((g) => ({
				department: g.department,
				requiredStaff: g.requiredStaff,
				completed12m: g.completed12m,
				completionRate: value(g.completionRate)
			}))
		},
		devices: {
			total: d.total,
			managed: d.managed,
			compliant: d.compliant,
			encrypted: d.encrypted,
			supportedOs: d.supportedOs,
			stale: d.stale,
			jailbroken: d.jailbroken,
			managedRate: value(d.managedRate),
			compliantRate: value(d.compliantRate),
			encryptedRate: value(d.encryptedRate),
			supportedOsRate: value(d.supportedOsRate),
			staleRate: value(d.staleRate),
			jailbrokenRate: value(d.jailbrokenRate),
			ownership: d.ownership && { corporate: value(d.ownership.corporate), personal: value(d.ownership.personal), unknown: value(d.ownership.unknown) },
			snapshot: d.snapshot
		},
		incidents: {
			total: i.total,
			icoReportable: i.icoReportable,
			dhscReportable: i.dhscReportable,
			notifiedWithin72h: i.notifiedWithin72h,
			notifiedLate: i.notifiedLate,
			notNotifiedOverdue: i.notNotifiedOverdue,
			notNotifiedPending: i.notNotifiedPending,
			notifiedWithin72hRate: value(i.notifiedWithin72hRate),
			medianHoursToContain: i.medianHoursToContain.value,
			rcaCompletedRate: value(i.rcaCompletedRate),
			per1000Staff: value(i.per1000Staff),
			totalCostPence: i.totalCostPence,
			byBreachType: i.byBreachType,
			byCategory: i.byCategory,
			window: i.window
		},
		spend: {
			financialYear: s.financialYear.label,
			period: s.period,
			totalPence: s.totalPence,
			byCategory: s.byCategory,
			byExpenseType: s.byExpenseType,
			perStaffPence: value(s.perStaffPence),
			perManagedDevicePence: value(s.perManagedDevicePence),
			previousYears: s.previousYears.map((y) => ({
				financialYear: y.label,
				totalPence: y.totalPence,
				samePeriodPence: y.samePeriodPence,
				comparedPence: y.comparedPence,
				growth: value(y.growth)
			}))
		},
		assurance: {
			openCriticalHigh: a.openCriticalHigh,
			overdueFindings: a.overdueFindings,
			riskAccepted: a.riskAccepted,
			remediatedWithin14dRate: value(a.remediatedWithin14dRate),
			meanDaysToRemediate: a.meanDaysToRemediate,
			assuranceCoverageRate: value(a.assuranceCoverageRate),
			lastIndependentAssessment: a.lastIndependentAssessment,
			phishingClickRate: value(a.phishingClickRate),
			phishingReportRate: value(a.phishingReportRate),
			phishingReportShare: value(a.phishingReportShare),
			latestPhishingOn: a.latestPhishingOn,
			devicesWithUnapprovedMessaging: a.devicesWithUnapprovedMessaging,
			unapprovedMessagingRate: value(a.unapprovedMessagingRate),
			unapprovedMessagingExact: a.unapprovedMessagingExact,
			messagingSnapshotOn: a.messagingSnapshotOn,
			unapprovedApps: a.unapprovedApps,
			approvedMessagingStaffRate: value(a.approvedMessagingStaffRate)
		}
	};
}

/** "91.2 % (4,562 of 5,003)", or "no data" when there was nothing to measure. */
function rateText(r: Rate | null): string {
	if (!r) return 'not known';
	if (r.value === null) return 'no data';
	return `${formatRate(r.value)} (${formatCount(r.numerator)} of ${formatCount(r.denominator)})`;
}

const count = (n: number | null) => (n === null ? 'not known' : formatCount(n));

export function metricsSummary(m: OrganisationMetrics): string {
	const { training: t, devices: d, incidents: i, spend: s, assurance: a } = m;
	const assessment = a.lastIndependentAssessment;
	const hours = i.medianHoursToContain.value;
	const lines = [
		`${m.org} ${m.name}, as of ${m.asOf}`,
		'',
		`Training (completed ${t.window.after} exclusive to ${t.window.through})`,
		`  completion             ${rateText(t.completionRate)}`,
		`  board members          ${rateText(t.boardMembers.completionRate)}`,
		'',
		d.snapshot
			? `Devices (snapshot of ${d.snapshot.asOf}${d.snapshot.isAggregate ? ', counts only' : ''}): ${formatCount(d.total)}`
			: 'Devices: no snapshot on or before the date',
		`  managed                ${rateText(d.managedRate)}`,
		`  compliant (not stale)  ${rateText(d.compliantRate)}`,
		`  encrypted              ${rateText(d.encryptedRate)}`,
		`  supported OS           ${rateText(d.supportedOsRate)}`,
		`  stale (30+ days)       ${rateText(d.staleRate)}`,
		`  jailbroken             ${rateText(d.jailbrokenRate)}`,
		'',
		`Incidents (detected in the 12 months): ${formatCount(i.total)}`,
		`  ICO-reportable         ${formatCount(i.icoReportable)}; DHSC-reportable ${formatCount(i.dhscReportable)}`,
		`  notified within 72 h   ${rateText(i.notifiedWithin72hRate)}; late ${formatCount(i.notifiedLate)}, not notified ${formatCount(i.notNotifiedOverdue)} overdue and ${formatCount(i.notNotifiedPending)} within time`,
		`  median time to contain ${hours === null ? 'no data' : `${hours.toFixed(1)} hours (${formatCount(i.medianHoursToContain.incidents)} contained)`}`,
		`  root cause analysed    ${rateText(i.rcaCompletedRate)} of those closed`,
		`  per 1,000 staff        ${i.per1000Staff.value === null ? 'no staff count' : i.per1000Staff.value.toFixed(1)}`,
		`  cost                   ${formatPence(i.totalCostPence)}`,
		'',
		`Spend (${s.period.label}, ${s.period.from} to ${s.period.through}): ${formatPence(s.totalPence)}`,
		...Object.entries(s.byCategory)
			.filter(([, pence]) => pence > 0)
			.map(([category, pence]) => `  ${category.replaceAll('_', ' ').padEnd(22)} ${formatPence(pence)}`),
		`  per staff member       ${s.perStaffPence.value === null ? 'no staff count' : formatPence(s.perStaffPence.value)}`,
		`  per managed device     ${s.perManagedDevicePence.value === null ? 'no managed devices' : formatPence(s.perManagedDevicePence.value)}`,
		...s.previousYears.map(
			(y) =>
				`  ${y.label.padEnd(22)} ${formatPence(y.totalPence)}${s.period.yearToDate ? `, ${formatPence(y.samePeriodPence)} to the same day` : ''}${y.growth.value === null ? '' : ` (this year ${y.growth.value >= 0 ? '+' : ''}${formatRate(y.growth.value)} on ${s.period.yearToDate ? 'the same months' : 'it'})`}`
		),
		'',
		'Assurance',
		`  open critical or high  ${formatCount(a.openCriticalHigh)}; overdue findings ${formatCount(a.overdueFindings)}; risk accepted ${formatCount(a.riskAccepted)}`,
		`  within 14 days         ${rateText(a.remediatedWithin14dRate)} of critical and high findings`,
		`  mean days to remediate ${a.meanDaysToRemediate === null ? 'no data' : a.meanDaysToRemediate.toFixed(1)}`,
		`  independent assessment ${assessment ? `${assessment.completedOn}${assessment.opinion ? `, ${assessment.opinion}` : ''}${assessment.veracityConfidence ? `, ${assessment.veracityConfidence} confidence` : ''}` : 'none recorded'}`,
		`  phishing (latest)      ${a.latestPhishingOn ? `${a.latestPhishingOn}: clicked ${rateText(a.phishingClickRate)}, reported ${rateText(a.phishingReportRate)}` : 'no exercise in the 12 months'}`,
		`  unapproved messaging   ${a.messagingSnapshotOn ? `${a.unapprovedMessagingExact ? '' : 'at most '}${rateText(a.unapprovedMessagingRate)} of devices (export of ${a.messagingSnapshotOn})` : 'no discovered-apps export'}`,
		'',
		`Staff: ${count(m.staff.source === null ? null : m.staff.count)}${m.staff.source === 'training_records' ? ' (people in the training records: no headcount recorded)' : m.staff.source === 'headcount' ? ` (headcount ${m.staff.financialYear})` : ''}`
	];
	return `${lines.join('\n')}\n`;
}
