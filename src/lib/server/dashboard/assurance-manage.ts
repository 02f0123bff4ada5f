import type { ApprovedApp } from '../assurance/messaging';
import { listApprovedApps } from '../assurance/messaging';
import { getAssuranceRegister, type ActivityView, type FindingView } from '../assurance/service';
import type { ServiceContext } from '../context';
import { requireOrganisation } from '../auth/organisation-access';
import { overdueFirst } from './assurance';
import { todayUtc } from '../as-of';

/**
 * What the assurance management page edits, as things stand today: the activities (to link findings to,
 * or remove one recorded in error), every finding (open ones overdue first; the closed, latest first)
 * and the approved messaging apps. Only those who may change the organisation's data get it.
 */
export interface AssuranceManagePage {
	org: string;
	name: string;
	today: string;
	activities: ActivityView[];
	/** Open findings, overdue first. */
	openFindings: FindingView[];
	/** Remediated or risk-accepted findings, latest first, to reopen or correct. */
	closedFindings: FindingView[];
	approvedApps: ApprovedApp[];
}

export async function getAssuranceManagePage(ctx: ServiceContext, ods: string): Promise<AssuranceManagePage> {
	const org = await requireOrganisation(ctx, ods, 'edit');
	const today = todayUtc();
	const [register, approvedApps] = await Promise.all([getAssuranceRegister(ctx, org.ods_code, today), listApprovedApps(ctx, org.ods_code)]);
	const closedOn = (f: FindingView) => f.remediatedOn ?? f.acceptedOn ?? '';
	const closed = register.findings
		.filter((f) => f.status !== 'open')
		.sort((a, b) => closedOn(b).localeCompare(closedOn(a)) || a.reference.localeCompare(b.reference));
	return {
		org: org.ods_code,
		name: org.name,
		today,
		activities: register.activities,
		openFindings: overdueFirst(register.findings.filter((f) => f.status === 'open')),
		closedFindings: closed,
		approvedApps
	};
}
