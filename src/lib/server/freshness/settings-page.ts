import { CADENCE_MAX_DAYS, CADENCE_MIN_DAYS, CADENCE_SOURCES, type CadenceSource } from '../../schemas/freshness';
import { requireOrganisation } from '../auth/organisation-access';
import type { ServiceContext } from '../context';
import { selectFreshnessSettings } from './queries';
import { DEFAULT_CADENCE_DAYS, SOURCE_LABELS } from './sources';

export interface CadenceSetting {
	source: CadenceSource;
	name: string;
	latestOf: string;
	/** The organisation's own cadence in days, or null when it takes Beacon's default. */
	days: number | null;
	defaultDays: number;
}

/** The organisation settings page: how often each source's data is expected. Only those who may edit it see it. */
export interface OrganisationSettingsPage {
	org: { ods: string; name: string };
	cadences: CadenceSetting[];
	bounds: { min: number; max: number };
	/** The organisation's recorded data end (the demo's), which dashboard pages open at; set from the command line. */
	dataEndsOn: string | null;
}

export async function getOrganisationSettingsPage(ctx: ServiceContext, ods: string): Promise<OrganisationSettingsPage> {
	const org = await requireOrganisation(ctx, ods, 'edit');
	const s = await selectFreshnessSettings(ctx.db, org.id);
	const own: Record<CadenceSource, number | null> = {
		devices: s.devices_cadence_days,
		training: s.training_cadence_days,
		incidents: s.incidents_cadence_days,
		spend: s.spend_cadence_days
	};
	return {
		org: { ods: org.ods_code, name: org.name },
		cadences: CADENCE_SOURCES.map((source) => ({
			source,
			name: SOURCE_LABELS[source].name,
			latestOf: SOURCE_LABELS[source].latest,
			days: own[source],
			defaultDays: DEFAULT_CADENCE_DAYS[source]!
		})),
		bounds: { min: CADENCE_MIN_DAYS, max: CADENCE_MAX_DAYS },
		dataEndsOn: s.data_ends_on
	};
}
