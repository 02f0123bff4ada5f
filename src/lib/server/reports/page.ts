import { PAPER_PURPOSE_LABELS, PAPER_PURPOSES, type PaperPurpose } from '../../schemas/report';
import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { findOrganisation } from '../auth/organisation-access';
import { NotFoundError } from '../errors';
import { financialYearLabel, financialYearOf } from '../metrics/periods';
import { listReports, type ReportSummary } from './service';
import { selectEditions } from '../assessment/queries';
import { getSubmissionState, type SubmissionState } from '../assessment/submission';
import { DSPT_CAF_CODE } from '../scorecard/service';
import { today as todayInLondon } from '../db/day';

export interface ReportsPage {
	org: { ods: string; name: string };
	reports: ReportSummary[];
	/** Financial years a pack can be made for: this one and the two before. */
	periods: string[];
	canGenerate: boolean;
	canSignOff: boolean;
	/** False for a regulator, who sees only the packs shared with them (the organisation's other pages are not there for them). */
	readsAll: boolean;
	/** Where the newest DSPT edition's assessment stands on the way to submission (for the organisation's readers). */
	submission: SubmissionState | null;
	/** The cover sheet's purposes, as the form offers them. */
	purposes: { value: PaperPurpose; label: string }[];
}

export async function getReportsPage(ctx: ServiceContext, ods: string, today: string = todayInLondon()): Promise<ReportsPage> {
	const reports = await listReports(ctx, ods);
	const org = await findOrganisation(ctx, ods);
	if (!org) throw new NotFoundError(`no organisation with ODS code ${ods}`);
	const ref = { id: org.id, parentId: org.parent_id };
	const year = financialYearOf(today);
	const readsAll = can(ctx.actor, ref, 'read');
	const edition = readsAll ? (await selectEditions(ctx.db, DSPT_CAF_CODE)).at(-1)?.edition : undefined;
	return {
		org: { ods: org.ods_code, name: org.name },
		reports,
		periods: [year, year - 1, year - 2].map(financialYearLabel),
		canGenerate: can(ctx.actor, ref, 'edit'),
		canSignOff: can(ctx.actor, ref, 'sign_off'),
		readsAll,
		submission: edition ? await getSubmissionState(ctx, org.ods_code, edition) : null,
		purposes: PAPER_PURPOSES.map((value) => ({ value, label: PAPER_PURPOSE_LABELS[value] }))
	};
}
