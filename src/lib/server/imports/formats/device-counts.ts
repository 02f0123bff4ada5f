import { z } from 'zod';
import * as deviceQueries from '../../devices/queries';
import type { SnapshotView } from '../../devices/service';
import { cell, Invalid, optional, readDate, readText, type Read } from '../cell-values';
import type { ImportFormat, Preset } from './format';

const MAX_COUNT = 2_147_483_647;

/** A number of devices: a whole number, 0 or more, thousands separators allowed (1,234). */
export const readCount: Read<number> = (v) => {
	const text = v.trim();
	const n = /^\d{1,3}(,\d{3})+$|^\d+$/.test(text) ? Number(text.replaceAll(',', '')) : NaN;
	return n <= MAX_COUNT ? n : new Invalid('expected a whole number of devices, 0 or more, like 1234');
};

const row = z.object({
	odsCode: optional(readText(10)),
	asOf: optional(readDate),
	total: cell(readCount),
	managed: cell(readCount),
	compliant: cell(readCount),
	encrypted: cell(readCount),
	supportedOs: cell(readCount),
	stale: optional(readCount)
});

/** One row of aggregate counts: the counts a snapshot holds, and whose they are and when. */
export interface DeviceCountRow extends Pick<SnapshotView, 'total' | 'managed' | 'compliant' | 'encrypted' | 'supportedOs' | 'stale'> {
	odsCode: string | null;
	asOf: string | null;
}

const PARTS = [
	['managed', 'Managed'],
	['compliant', 'Compliant'],
	['encrypted', 'Encrypted'],
	['supportedOs', 'Supported OS'],
	['stale', 'Stale']
] as const;

export const deviceCounts: ImportFormat<DeviceCountRow> = {
	kind: 'devices',
	name: 'device-counts',
	label: 'Device counts per date (no per-device export)',
	fields: [
		{ name: 'odsCode', label: 'ODS code', required: false, hint: "the organisation's ODS code; if given, it must be the organisation being imported" },
		{ name: 'asOf', label: 'As of', required: false, hint: 'the date the counts describe; without the column, give it with --as-of' },
		{ name: 'total', label: 'Total', required: true, hint: 'all devices' },
		{ name: 'managed', label: 'Managed', required: true, hint: 'devices under MDM management, at most the total' },
		{
			name: 'compliant',
			label: 'Compliant',
			required: true,
			hint: 'devices compliant and checked in within 30 days (stale ones are not compliant), at most the total'
		},
		{ name: 'encrypted', label: 'Encrypted', required: true, hint: 'devices with encrypted storage, at most the total' },
		{ name: 'supportedOs', label: 'Supported OS', required: true, hint: 'devices on a supported operating system version, at most the total' },
		{ name: 'stale', label: 'Stale', required: false, hint: 'devices not checked in for 30 days, at most the total' }
	],
	rowSchema(_key, context) {
		return row.transform((r, ctx): DeviceCountRow => {
			let ok = true;
			const problem = (field: keyof DeviceCountRow, message: string, input: unknown) => {
				ctx.addIssue({ code: 'custom', path: [field], message, input });
				ok = false;
			};
			for (const [field, label] of PARTS) {
				const n = r[field];
				if (n !== null && n > r.total) problem(field, `${label} is ${n} but Total is ${r.total}: expected at most the total`, String(n));
			}
			if (context && r.odsCode !== null && r.odsCode.toUpperCase() !== context.ods.toUpperCase()) {
				problem('odsCode', `these counts are for ${r.odsCode}: expected ${context.ods}, the organisation being imported, or an empty cell`, r.odsCode);
			}
			const asOf = r.asOf ?? context?.asOf ?? null;
			if (context && asOf === null) {
				problem(
					'asOf',
					'no date for these counts: expected an "As Of" column with the date, or give the date with --as-of YYYY-MM-DD ("Devices as of" on the import page)',
					''
				);
			}
			return ok ? { ...r, asOf } : (z.NEVER as never);
		}) as unknown as z.ZodType<DeviceCountRow, Record<string, string>>;
	},
	crossCheck() {
		// One row per date, and a file has a few dates at most.
		const dates = new Map<string, number>();
		return (d, rowNumber) => {
			if (d.asOf === null) return null;
			const earlier = dates.get(d.asOf);
			if (earlier === undefined) {
				dates.set(d.asOf, rowNumber);
				return null;
			}
			return { field: 'asOf', message: `the counts for ${d.asOf} are already on row ${earlier}: expected one row per date` };
		};
	},
	async open(target) {
		const rows = new Map<string, DeviceCountRow>();
		return {
			add(d) {
				// The row schema has checked the ODS code and given every row its date, and crossCheck one row per date.
				if (d.asOf === null) throw new Error('device counts without a date reached the loader');
				rows.set(d.asOf, d);
				return undefined;
			},
			async finish() {
				// A few rows at most (one per date): plain inserts. Each replaces that date's snapshot, devices and all.
				const snapshots = [];
				for (const [asOf, d] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
					const replacedSnapshot = await deviceQueries.deleteSnapshotOn(target.ctx.db, target.organisationId, asOf);
					const snapshot = await deviceQueries.insertSnapshot(target.ctx.db, {
						organisation_id: target.organisationId,
						as_of: asOf,
						source: 'aggregate',
						is_aggregate: true,
						total_count: d.total,
						managed_count: d.managed,
						compliant_count: d.compliant,
						encrypted_count: d.encrypted,
						supported_os_count: d.supportedOs,
						stale_count: d.stale,
						import_batch_id: target.batchId
					});
					snapshots.push({ asOf, snapshotId: snapshot.id, replacedSnapshot });
				}
				return { snapshots };
			}
		};
	},
	describe: (d) => ({ ...d })
};

export const DEVICE_COUNTS_PRESET: Preset = {
	name: 'device-counts',
	label: 'Device counts (one row per date)',
	format: 'device-counts',
	headers: {
		odsCode: ['ODS Code', 'Organisation Code', 'Org Code'],
		asOf: ['As Of', 'As At', 'Date', 'Snapshot Date'],
		total: ['Total', 'Total Devices', 'Devices'],
		managed: ['Managed', 'Managed Devices'],
		compliant: ['Compliant', 'Compliant Devices'],
		encrypted: ['Encrypted', 'Encrypted Devices'],
		supportedOs: ['Supported OS', 'Supported Operating System', 'Supported OS Devices'],
		stale: ['Stale', 'Stale Devices', 'Not Checked In 30 Days']
	}
};
