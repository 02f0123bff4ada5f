import { z } from 'zod';
import * as deviceQueries from '../../devices/queries';
import { ValidationError } from '../../errors';
import { cell, Invalid, optional, readDate, readText, type Read } from '../cell-values';
import type { ImportFormat, Preset } from './format';

const MAX_COUNT = 2_147_483_647;

/** A number of devices: a whole number, 0 or more, thousands separators allowed (1,234). */
const readCount: Read<number> = (v) => {
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

export interface DeviceCountRow {
	odsCode: string | null;
	asOf: string | null;
	total: number;
	managed: number;
	compliant: number;
	encrypted: number;
	supportedOs: number;
	stale: number | null;
}

const PARTS = [['managed', 'Managed'], ['compliant', 'Compliant'], ['encrypted', 'Encrypted'], ['supportedOs', 'Supported OS'], ['stale', 'Stale']] as const;

/**
 * A row's ODS code and date against the import's: the loader can tell (the row schema is not given the
 * organisation), so a mismatch ends the import with an error naming the row rather than a row problem.
 */
function rowError(rowNumber: number, column: string, value: string, message: string): ValidationError {
	return new ValidationError(`row ${rowNumber}, ${column} "${value}": ${message}`, [{ field: column, message }]);
}

export const deviceCounts: ImportFormat<DeviceCountRow> = {
	kind: 'devices',
	name: 'device-counts',
	label: 'Device counts per date (no per-device export)',
	fields: [
		{ name: 'odsCode', label: 'ODS code', required: false, hint: "the organisation's ODS code; if given, it must be the organisation being imported" },
		{ name: 'asOf', label: 'As of', required: false, hint: 'the date the counts describe; without the column, give it with --as-of' },
		{ name: 'total', label: 'Total', required: true, hint: 'all devices' },
		{ name: 'managed', label: 'Managed', required: true, hint: 'devices under MDM management, at most the total' },
		{ name: 'compliant', label: 'Compliant', required: true, hint: 'devices compliant and checked in within 30 days (stale ones are not compliant), at most the total' },
		{ name: 'encrypted', label: 'Encrypted', required: true, hint: 'devices with encrypted storage, at most the total' },
		{ name: 'supportedOs', label: 'Supported OS', required: true, hint: 'devices on a supported operating system version, at most the total' },
		{ name: 'stale', label: 'Stale', required: false, hint: 'devices not checked in for 30 days, at most the total' }
	],
	rowSchema() {
		return row.transform((r, ctx): DeviceCountRow => {
			let ok = true;
			for (const [field, label] of PARTS) {
				const n = r[field];
				if (n !== null && n > r.total) {
					ctx.addIssue({ code: 'custom', path: [field], message: `${label} is ${n} but Total is ${r.total}: expected at most the total`, input: String(n) });
					ok = false;
				}
			}
			return ok ? r : (z.NEVER as never);
		}) as unknown as z.ZodType<DeviceCountRow, Record<string, string>>;
	},
	async open(target) {
		const rows = new Map<string, { row: DeviceCountRow; rowNumber: number }>();
		return {
			add(d, rowNumber) {
				if (d.odsCode !== null && d.odsCode.toUpperCase() !== target.ods.toUpperCase()) {
					throw rowError(rowNumber, 'ODS Code', d.odsCode, `these counts are for ${d.odsCode}: expected ${target.ods}, the organisation being imported, or an empty cell`);
				}
				const asOf = d.asOf ?? target.asOf;
				if (!asOf) throw rowError(rowNumber, 'As Of', '', 'no date for these counts: expected an "As Of" column, or give the date with --as-of YYYY-MM-DD');
				const earlier = rows.get(asOf);
				if (earlier) throw rowError(rowNumber, 'As Of', asOf, `the counts for ${asOf} are already on row ${earlier.rowNumber}: expected one row per date`);
				rows.set(asOf, { row: { ...d, asOf }, rowNumber });
				return undefined;
			},
			async finish() {
				// A few rows at most (one per date): plain inserts. Each replaces that date's snapshot, devices and all.
				const snapshots = [];
				for (const [asOf, { row: d }] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
					const replacedSnapshot = await deviceQueries.deleteSnapshotOn(target.ctx.db, target.organisationId, asOf);
					const snapshot = await deviceQueries.insertSnapshot(target.ctx.db, {
						organisation_id: target.organisationId, as_of: asOf, source: 'aggregate', is_aggregate: true, total_count: d.total, managed_count: d.managed,
						compliant_count: d.compliant, encrypted_count: d.encrypted, supported_os_count: d.supportedOs, stale_count: d.stale, import_batch_id: target.batchId
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
