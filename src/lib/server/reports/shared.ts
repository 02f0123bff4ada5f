import { actorUserId } from '../auth/actor';
import type { ServiceContext } from '../context';
import { DSPT_CAF_CODE } from '../scorecard/service';
import * as q from './queries';
import type { ReportKindName } from './report-kind';

/** A pack shared with the signed-in user (a regulator), as their home page lists it. */
export interface SharedPack {
	reportId: string;
	org: { ods: string; name: string };
	kind: ReportKindName;
	period: string;
	generatedAt: string;
	sharedAt: string;
	signOff: { name: string; role: string | null; on: string } | null;
	/** The DSPT edition the pack reports on, and whether the organisation has submitted its assessment of it. */
	edition: string | null;
	submission: { on: string; by: string | null } | null;
	/** Where the pack opens: its PDF, its data bundle (regulator packs) and its public verification. */
	links: { pdf: string; bundle: string | null; verify: string };
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : String(v));

/**
 * Every pack shared with the actor, newest first. Only what was shared with this user: the query is keyed
 * on their own id, so nothing else can appear (the system and administrators share nothing with themselves).
 */
export async function listSharedWithMe(ctx: ServiceContext): Promise<SharedPack[]> {
	const me = actorUserId(ctx.actor);
	if (me === null) return [];
	const rows = await q.selectSharedWith(ctx.db, me, DSPT_CAF_CODE);
	return rows.map((r) => {
		const base = `/org/${r.ods_code}/reports/${r.report_id}`;
		const submitted = r.assessment_status !== null && r.assessment_status !== 'draft' && r.submitted_at !== null;
		return {
			reportId: r.report_id,
			org: { ods: r.ods_code, name: r.organisation_name },
			kind: r.kind,
			period: r.period,
			generatedAt: iso(r.generated_at),
			sharedAt: iso(r.shared_at),
			signOff: r.signed_off_on && r.signed_off_name ? { name: r.signed_off_name, role: r.signed_off_role, on: r.signed_off_on } : null,
			edition: r.edition ?? null,
			submission: submitted ? { on: iso(r.submitted_at!), by: r.submitted_by_name ?? null } : null,
			links: { pdf: `${base}/pdf`, bundle: r.kind === 'regulator' ? `${base}/bundle` : null, verify: `/verify?reportId=${r.report_id}` }
		};
	});
}
