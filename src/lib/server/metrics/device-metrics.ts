import type { DeviceCountsRow } from './queries';
import { rate, type Rate } from './rate';

/**
 * Devices as of a date: the organisation's latest MDM snapshot dated on or before it. Counts are those
 * kept on the snapshot (refreshed from its device rows on import, or given by an aggregate export):
 *
 * - total: devices in the snapshot.
 * - managed, encrypted, supportedOs, jailbroken: devices reported so (an unknown value is not counted).
 * - stale: devices whose last check-in is more than 30 days before the snapshot date: earlier than
 *   00:00 UTC on the day 30 days before it (db/day.ts: whatever the database server's time zone). A device last seen 30 days before the date is not stale, one last seen 31 days before is; a
 *   device that never reported a check-in is not stale.
 * - compliant: devices MDM reports compliant that are not stale (MDM keeps a silent device's last
 *   verdict, so a stale device counts as non-compliant). An aggregate export's compliant count is taken
 *   as given.
 * - each rate: that count ÷ total.
 * - ownership: corporate, personal and unknown devices ÷ total.
 *
 * A count is null when the snapshot does not give it (an aggregate export without a stale column has no
 * stale count; aggregate exports have no jailbreak or ownership counts), and its rate is then null too.
 * With no snapshot on or before the date, every count is 0 and every rate's value is null.
 */
export interface DeviceMetrics {
	snapshot: { asOf: string; source: string; isAggregate: boolean } | null;
	total: number;
	managed: number | null;
	compliant: number | null;
	encrypted: number | null;
	supportedOs: number | null;
	stale: number | null;
	jailbroken: number | null;
	managedRate: Rate | null;
	compliantRate: Rate | null;
	encryptedRate: Rate | null;
	supportedOsRate: Rate | null;
	staleRate: Rate | null;
	jailbrokenRate: Rate | null;
	ownership: { corporate: Rate; personal: Rate; unknown: Rate } | null;
}

export function toDeviceMetrics(row: DeviceCountsRow | undefined): DeviceMetrics {
	if (!row) {
		const none = rate(0, 0);
		return {
			snapshot: null,
			total: 0,
			managed: 0,
			compliant: 0,
			encrypted: 0,
			supportedOs: 0,
			stale: 0,
			jailbroken: 0,
			managedRate: none,
			compliantRate: none,
			encryptedRate: none,
			supportedOsRate: none,
			staleRate: none,
			jailbrokenRate: none,
			ownership: { corporate: none, personal: none, unknown: none }
		};
	}
	const total = row.total_count ?? 0;
	const of = (count: number | null) => (count === null ? null : rate(count, total));
	const { corporate_count: corporate, personal_count: personal, unknown_ownership_count: unknown } = row;
	return {
		snapshot: { asOf: row.as_of, source: row.source, isAggregate: row.is_aggregate },
		total,
		managed: row.managed_count,
		compliant: row.compliant_count,
		encrypted: row.encrypted_count,
		supportedOs: row.supported_os_count,
		stale: row.stale_count,
		jailbroken: row.jailbroken_count,
		managedRate: of(row.managed_count),
		compliantRate: of(row.compliant_count),
		encryptedRate: of(row.encrypted_count),
		supportedOsRate: of(row.supported_os_count),
		staleRate: of(row.stale_count),
		jailbrokenRate: of(row.jailbroken_count),
		ownership:
			corporate !== null && personal !== null && unknown !== null
				? { corporate: rate(corporate, total), personal: rate(personal, total), unknown: rate(unknown, total) }
				: null
	};
}
