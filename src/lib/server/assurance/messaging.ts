import { approvedAppInput, type ApprovedAppInput } from '../../schemas/assurance';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { ConflictError, NotFoundError, parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

export interface ApprovedApp {
	id: number;
	name: string;
	activeUsers: number | null;
	activeUsersOn: string | null;
}

/** The approved apps as they are now, or, given a date, as they stood at its end (their history). */
export async function listApprovedApps(ctx: ServiceContext, ods: string, asOf?: string): Promise<ApprovedApp[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const rows = asOf === undefined ? await q.selectApprovedApps(ctx.db, [org.id]) : await q.selectApprovedAppsAsOf(ctx.db, [org.id], asOf);
	return rows.map((r) => ({ id: r.id, name: r.name, activeUsers: r.active_users, activeUsersOn: r.active_users_on }));
}

/** Approve a secure messaging app (names compare ignoring case), or update its active users when already approved. */
export async function approveMessagingApp(ctx: ServiceContext, ods: string, input: ApprovedAppInput): Promise<{ id: number }> {
	const value = parseInput(approvedAppInput, 'approved messaging app', input);
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const existing = (await q.selectApprovedApps(tx.db, [org.id])).find((a) => a.name.toLowerCase() === value.name.toLowerCase());
		let id: number;
		if (existing) {
			if (value.activeUsers === null) throw new ConflictError(`${value.name} is already approved for ${org.ods_code}`);
			await q.updateApprovedApp(tx.db, org.id, existing.id, { active_users: value.activeUsers, active_users_on: value.activeUsersOn });
			id = existing.id;
		} else {
			({ id } = await q.insertApprovedApp(tx.db, {
				organisation_id: org.id,
				name: value.name,
				active_users: value.activeUsers,
				active_users_on: value.activeUsersOn,
				added_by: actorUserId(tx.actor)
			}));
		}
		await q.recordApprovedAppVersion(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: existing ? 'messaging_app.update' : 'messaging_app.approve',
			organisationId: org.id,
			entityType: 'approved_messaging_app',
			entityId: id,
			summary: value
		});
		return { id };
	});
}

export async function withdrawMessagingApp(ctx: ServiceContext, ods: string, id: number): Promise<void> {
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const removed = await q.deleteApprovedApp(tx.db, org.id, id);
		if (!removed) throw new NotFoundError(`${org.ods_code} has no approved messaging app ${id}`);
		await q.recordApprovedAppWithdrawn(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'messaging_app.withdraw',
			organisationId: org.id,
			entityType: 'approved_messaging_app',
			entityId: id,
			summary: { name: removed.name }
		});
	});
}
