import { today } from '../db/day';
import type { ServiceContext } from '../context';
import { generateReport, shareReport, signOffReport } from '../reports/service';
import { DEMO_USERS } from './demo-users';

const REGULATOR = DEMO_USERS.find((u) => u.role === 'regulator');
const BOARD = DEMO_USERS.find((u) => u.role === 'board');
/** The demo trust whose pack the demo regulator receives, and the year it covers. */
export const DEMO_SHARED_PACK = { ods: 'ZB1', kind: 'regulator', period: '2025-26' } as const;

/**
 * What a regulator signing in to the demo finds: Borchester's regulator pack for 2025-26, signed off by its
 * board and shared with the demo regulator, as the IT lead would do it from the Reports page. Made once,
 * when the demo regulator exists and nothing has been shared with them yet; true when it was made.
 */
export async function seedDemoSharedPack(ctx: ServiceContext): Promise<boolean> {
	if (!REGULATOR || !BOARD) return false;
	const regulator = await ctx.db
		.selectFrom('app_user as u')
		.leftJoin('report_share as s', 's.user_id', 'u.id')
		.select(['u.id', 's.report_snapshot_id'])
		.where('u.email', '=', REGULATOR.email)
		.executeTakeFirst();
	if (!regulator || regulator.report_snapshot_id !== null) return false;
	const { ods, kind, period } = DEMO_SHARED_PACK;
	const pack = await generateReport(ctx, ods, kind, period);
	await signOffReport(ctx, ods, pack.reportId, { name: BOARD.name, role: 'Chair of the Trust Board', on: today() });
	await shareReport(ctx, ods, pack.reportId, REGULATOR.email);
	return true;
}
