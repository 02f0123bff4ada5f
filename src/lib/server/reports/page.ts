import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { findOrganisation } from '../auth/organisation-access';
import { NotFoundError } from '../errors';
import { financialYearLabel, financialYearOf } from '../metrics/periods';
import { listReports, type ReportSummary } from './service';

export interface ReportsPage {
	org: { ods: string; name: string };
	reports: ReportSummary[];
	/** Financial years a pack can be made for: this one and the two before. */
	periods: string[];
	canGenerate: boolean;
	canSignOff: boolean;
	/** False for a regulator, who sees only the packs shared with them (the organisation's other pages are not there for them). */
	readsAll: boolean;
}

export async function getReportsPage(ctx: ServiceContext, ods: string, today: string = new Date().toISOString().slice(0, 10)): Promise<ReportsPage> {
	const reports = await listReports(ctx, ods);
	const org = await findOrganisation(ctx, ods);
	if (!org) throw new NotFoundError(`no organisation with ODS code ${ods}`);
	const ref = { id: org.id, parentId: org.parent_id };
	const year = financialYearOf(today);
	return {
		org: { ods: org.ods_code, name: org.name },
		reports,
		periods: [year, year - 1, year - 2].map(financialYearLabel),
		canGenerate: can(ctx.actor, ref, 'edit'),
		canSignOff: can(ctx.actor, ref, 'sign_off'),
		readsAll: can(ctx.actor, ref, 'read')
	};
}
