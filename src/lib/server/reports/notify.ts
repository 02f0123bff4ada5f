import type { ServiceContext } from '../context';
import { awaitingSignOffMessage, packSharedMessage } from '../mail/messages';
import { describeMail, sendMail, sendMails } from '../mail/send';
import { findOrganisation } from '../auth/organisation-access';
import * as q from './queries';
import { generateReport, shareReport, type GeneratedReport, type SharedReport } from './service';

/**
 * The reports' use cases that tell people by e-mail, where Beacon sends e-mail: the e-mail follows the
 * committed change and never undoes it (a mail server that is down is reported on the page and logged).
 */

/** Share a regulator pack and e-mail the regulator that it is waiting for them. */
export async function shareReportAndNotify(
	ctx: ServiceContext,
	ods: string,
	reportId: string,
	email: string,
	origin: string
): Promise<SharedReport & { mailNote: string | null }> {
	const shared = await shareReport(ctx, ods, reportId, email);
	const mail = await sendMail(packSharedMessage({ to: shared.sharedWith, org: shared.org, kind: shared.kind, period: shared.period, reportId, origin }));
	return { ...shared, mailNote: describeMail([mail]) };
}

/** Generate a pack and e-mail the organisation's board members that it awaits their sign-off. */
export async function generateReportAndNotify(
	ctx: ServiceContext,
	ods: string,
	kind: string,
	period: string,
	origin: string,
	options: Parameters<typeof generateReport>[4] = {}
): Promise<GeneratedReport & { mailNote: string | null }> {
	const report = await generateReport(ctx, ods, kind, period, options);
	const org = await findOrganisation(ctx, ods);
	const board = org ? await q.selectBoardMembers(ctx.db, org.ods_code) : [];
	const outcomes = await sendMails(
		board.map((m) =>
			awaitingSignOffMessage({
				to: m.email,
				org: { ods: org!.ods_code, name: org!.name },
				kind: report.kind,
				period: report.period,
				reportId: report.reportId,
				origin
			})
		)
	);
	return { ...report, mailNote: describeMail(outcomes) };
}
