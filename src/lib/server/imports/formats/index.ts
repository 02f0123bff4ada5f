import { APPS_AS_OF } from './app-cells';
import { appCounts, INTUNE_DISCOVERED_APPS_PRESET } from './app-counts';
import { appDevices, INTUNE_APP_INVENTORY_PRESET } from './app-devices';
import { DATIX_PRESET, datixIncidents } from './datix-incidents';
import { DEVICE_COUNTS_PRESET, deviceCounts } from './device-counts';
import { ESR_PRESET, esrTraining } from './esr-training';
import { FINDINGS_TRACKER_PRESET, findingsTracker } from './findings-tracker';
import type { AsOfOption, ImportFormat, ImportKind, Preset } from './format';
import { INTUNE_COMPLIANCE_PRESET, INTUNE_GRAPH_PRESET, INTUNE_PRESET, intuneDevices } from './intune-devices';
import { LEDGER_PRESET, ledgerSpend } from './ledger-spend';

interface KindCatalogue {
	label: string;
	formats: ImportFormat<unknown>[];
	presets: Preset[];
	/** The snapshot date given beside the file, for kinds whose files are snapshots. */
	asOf?: AsOfOption;
}

/** Every kind of file Beacon imports for an organisation, with the layouts it recognises. */
export const IMPORT_CATALOGUE: Record<ImportKind, KindCatalogue> = {
	devices: {
		label: 'Devices (MDM)',
		formats: [intuneDevices as ImportFormat<unknown>, deviceCounts as ImportFormat<unknown>],
		presets: [INTUNE_PRESET, INTUNE_GRAPH_PRESET, INTUNE_COMPLIANCE_PRESET, DEVICE_COUNTS_PRESET],
		asOf: { required: false, label: 'Devices as of (optional)', hint: 'The date the export was taken. Leave empty to use the latest check-in in the file.' }
	},
	training: { label: 'Staff training', formats: [esrTraining as ImportFormat<unknown>], presets: [ESR_PRESET] },
	spend: { label: 'Security spend', formats: [ledgerSpend as ImportFormat<unknown>], presets: [LEDGER_PRESET] },
	incidents: { label: 'Incidents', formats: [datixIncidents as ImportFormat<unknown>], presets: [DATIX_PRESET] },
	findings: { label: 'Assurance findings', formats: [findingsTracker as ImportFormat<unknown>], presets: [FINDINGS_TRACKER_PRESET] },
	apps: {
		label: 'Discovered apps (MDM)',
		formats: [appDevices as ImportFormat<unknown>, appCounts as ImportFormat<unknown>],
		presets: [INTUNE_APP_INVENTORY_PRESET, INTUNE_DISCOVERED_APPS_PRESET],
		asOf: APPS_AS_OF
	}
};
