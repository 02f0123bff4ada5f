import { deviceSnapshotInput, type DeviceSnapshotInput } from '../../schemas/device';
import { recordAudit } from '../audit/service';
import { inTransaction, type ServiceContext } from '../context';
import { ConflictError, parseInput } from '../errors';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

export interface SnapshotView {
	id: number;
	asOf: string;
	source: string;
	isAggregate: boolean;
	total: number;
	managed: number;
	compliant: number;
	encrypted: number;
	supportedOs: number;
	/** Devices with no check-in for 30 days; unknown for aggregate counts that do not give it. */
	stale: number | null;
}

/** Record one MDM snapshot (device rows or aggregate counts) for a date, all or nothing. */
export async function createDeviceSnapshot(ctx: ServiceContext, ods: string, input: DeviceSnapshotInput): Promise<SnapshotView> {
	const snap = parseInput(deviceSnapshotInput, 'device snapshot', input);
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		if (await q.findSnapshot(tx.db, org.id, snap.asOf)) {
			throw new ConflictError(`${org.ods_code} already has a device snapshot as of ${snap.asOf}`);
		}
		const counts = snap.counts;
		const row = await q.insertSnapshot(tx.db, {
			organisation_id: org.id,
			as_of: snap.asOf,
			source: snap.source,
			is_aggregate: counts !== undefined,
			total_count: counts?.total ?? null,
			managed_count: counts?.managed ?? null,
			compliant_count: counts?.compliant ?? null,
			encrypted_count: counts?.encrypted ?? null,
			supported_os_count: counts?.supportedOs ?? null
		});
		const devices = snap.devices ?? [];
		await q.insertDevices(
			tx.db,
			devices.map((d) => ({
				snapshot_id: row.id,
				device_key: d.deviceKey,
				device_type: d.deviceType,
				os: d.os,
				os_version: d.osVersion ?? null,
				is_os_supported: d.isOsSupported ?? null,
				ownership: d.ownership,
				compliance: d.compliance,
				is_managed: d.isManaged,
				is_encrypted: d.isEncrypted ?? null,
				is_jailbroken: d.isJailbroken ?? null,
				enrolled_at: d.enrolledAt ?? null,
				last_check_in_at: d.lastCheckInAt ?? null,
				manufacturer: d.manufacturer ?? null,
				model: d.model ?? null
			}))
		);
		if (!counts) await q.refreshSnapshotCounts(tx.db, row.id);
		const [view] = await listDeviceSnapshotsFor(tx, org.id, row.id);
		if (!view) throw new Error('snapshot vanished inside its own transaction');
		await refreshMonthlyRollup(tx, org.id);
		await recordAudit(tx, {
			action: 'devices.snapshot',
			organisationId: org.id,
			entityType: 'device_snapshot',
			entityId: row.id,
			summary: { asOf: view.asOf, total: view.total, source: view.source }
		});
		return view;
	});
}

export async function listDeviceSnapshots(ctx: ServiceContext, ods: string): Promise<SnapshotView[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	return listDeviceSnapshotsFor(ctx, org.id);
}

async function listDeviceSnapshotsFor(ctx: ServiceContext, organisationId: number, snapshotId?: number): Promise<SnapshotView[]> {
	const rows = await q.selectSnapshots(ctx.db, organisationId, snapshotId);
	return rows.map((r) => ({
		id: r.id,
		asOf: r.as_of,
		source: r.source,
		isAggregate: r.is_aggregate,
		total: r.total_count ?? 0,
		managed: r.managed_count ?? 0,
		compliant: r.compliant_count ?? 0,
		encrypted: r.encrypted_count ?? 0,
		supportedOs: r.supported_os_count ?? 0,
		stale: r.stale_count
	}));
}
