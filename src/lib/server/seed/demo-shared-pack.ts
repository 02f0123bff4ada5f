import { today } from '../db/day';
import { loadActor } from '../auth/sign-in';
import type { ServiceContext } from '../context';
import { findUserByEmail } from '../users/queries';
import { generateReport, shareReport, signOffReport } from '../reports/service';
import { DEMO_USERS } from './demo-users';

const REGULATOR = DEMO_USERS.find((u) => u.role === 'regulator');
const BOARD = DEMO_USERS.find((u) => u.role === 'board');
const IT_LEAD = DEMO_USERS.find((u) => u.role === 'it_lead');
/** The demo trust whose pack the demo regulator receives, and the year it covers. */
export const DEMO_SHARED_PACK = { ods: 'ZB1', kind: 'regulator', period: '2025-26' } as const;

/**
 * What a regulator signing in to the demo finds: Borchester's regulator pack for 2025-26, signed off by its
 * board and shared with the demo regulator, as the IT lead would do it from the Reports page. Made once,
 * when the demo regulator exists and nothing has been shared with them yet; true when it was made.
 */
export async function seedDemoSharedPack(ctx: ServiceContext): Promise<boolean> {
	if (!REGULATOR || !BOARD || !IT_LEAD) return false;
	const regulator = await ctx.db
		.selectFrom('app_user as u')
		.leftJoin('report_share as s', 's.user_id', 'u.id')
		.select(['u.id', 's.report_snapshot_id'])
		.where('u.email', '=', REGULATOR.email)
		.executeTakeFirst();
	if (!regulator || regulator.report_snapshot_id !== null) return false;
	// Done as the demo's IT lead and board member, so the reports list says who generated and who recorded it.
	const [lead, board] = await Promise.all([actorOf(ctx, IT_LEAD.email), actorOf(ctx, BOARD.email)]);
	if (!lead || !board) return false;
	const { ods, kind, period } = DEMO_SHARED_PACK;
	const pack = await generateReport({ db: ctx.db, actor: lead }, ods, kind, period);
	await signOffReport({ db: ctx.db, actor: board }, ods, pack.reportId, { name: BOARD.name, role: 'Chair of the Trust Board', on: today() });
	await shareReport({ db: ctx.db, actor: lead }, ods, pack.reportId, REGULATOR.email);
	return true;
}

async function actorOf(ctx: ServiceContext, email: string) {
	const user = await findUserByEmail(ctx.db, email);
	return user ? loadActor(ctx, user.id, user.session_epoch) : null;
}
