import { isoDate } from '../../schemas/common';
import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { getManyOrganisationMetrics } from '../metrics/all-organisations';
import type { OrganisationMetrics } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import { anonymisePeerGroup, positionWords, subjectQuarter, type PeerGroupView } from './anonymise';
import * as q from './queries';

/**
 * Peer benchmarks from this instance: each metric below across the organisations of the same kind (trusts
 * with trusts, ICBs with ICBs) as of a date, from the all-organisations metrics (one set of statements for
 * the whole group). A peer counts towards a metric only when it has a figure for it (no devices, no staff
 * count → no figure; no spend recorded in the financial year → no spend figure, since a ledger not yet
 * imported is not £0 of spend), and the anonymisation rules of anonymise.ts decide what the viewer sees.
 */
export interface PeerMetricDefinition {
	key: 'training' | 'compliance' | 'encryption' | 'stale' | 'incidents' | 'spendPerStaff';
	label: string;
	unit: 'rate' | 'per1000' | 'pence';
	/**
	 * Which end is better, said in words beside the position; null where neither is: spend, and incidents
	 * (more reports can mean better reporting as much as more harm).
	 */
	better: 'higher' | 'lower' | null;
	valueOf: (m: OrganisationMetrics) => number | null;
}

export const PEER_METRICS: readonly PeerMetricDefinition[] = [
	{ key: 'training', label: 'Training completion', unit: 'rate', better: 'higher', valueOf: (m) => m.training.completionRate.value },
	{ key: 'compliance', label: 'Device compliance', unit: 'rate', better: 'higher', valueOf: (m) => m.devices.compliantRate?.value ?? null },
	{ key: 'encryption', label: 'Encrypted devices', unit: 'rate', better: 'higher', valueOf: (m) => m.devices.encryptedRate?.value ?? null },
	{ key: 'stale', label: 'Stale devices', unit: 'rate', better: 'lower', valueOf: (m) => m.devices.staleRate?.value ?? null },
	{ key: 'incidents', label: 'Incidents per 1,000 staff', unit: 'per1000', better: null, valueOf: (m) => m.incidents.per1000Staff.value },
	{
		key: 'spendPerStaff',
		label: 'Security spend per staff member',
		unit: 'pence',
		better: null,
		valueOf: (m) => (m.spend.totalPence > 0 ? m.spend.perStaffPence.value : null)
	}
];

export interface PeerMetricBenchmark {
	key: PeerMetricDefinition['key'];
	label: string;
	unit: PeerMetricDefinition['unit'];
	better: PeerMetricDefinition['better'];
	/** This organisation's own figure (the viewer may read it), null when it has none. */
	value: number | null;
	group: PeerGroupView;
	quarter: 1 | 2 | 3 | 4 | null;
	position: string;
}

export interface PeerBenchmarks {
	org: { ods: string; name: string; kind: string };
	asOf: string;
	/** "trusts", "ICBs" …: who the organisation is compared with. */
	peersNoun: string;
	/** Organisations of the same kind in this instance, with or without data. */
	organisationsOfKind: number;
	metrics: PeerMetricBenchmark[];
}

const KIND_NOUNS: Record<string, string> = { trust: 'trusts', icb: 'ICBs', csu: 'commissioning support units' };

export async function getPeerBenchmarks(ctx: ServiceContext, ods: string, asOf: string): Promise<PeerBenchmarks> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const peers = await q.selectOrganisationsOfKind(ctx.db, org.kind);
	const metrics = await getManyOrganisationMetrics(ctx, peers, date);
	const covered = new Map(peers.map((p) => [p.ods_code, can(ctx.actor, { id: p.id, parentId: p.parent_id }, 'read')]));
	const peersNoun = KIND_NOUNS[org.kind] ?? 'organisations of the same kind';
	const own = metrics.find((m) => m.org === org.ods_code);
	return {
		org: { ods: org.ods_code, name: org.name, kind: org.kind },
		asOf: date,
		peersNoun,
		organisationsOfKind: peers.length,
		metrics: PEER_METRICS.map((def) => {
			const group = anonymisePeerGroup(
				metrics.map((m) => ({ ods: m.org, name: m.name, value: def.valueOf(m), covered: covered.get(m.org) === true && m.org !== org.ods_code }))
			);
			const value = own ? def.valueOf(own) : null;
			return {
				key: def.key,
				label: def.label,
				unit: def.unit,
				better: def.better,
				value,
				group,
				quarter: subjectQuarter(group, value),
				position: positionWords(group, value, peersNoun, def.better)
			};
		})
	};
}
