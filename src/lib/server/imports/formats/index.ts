import { DATIX_PRESET, datixIncidents } from './datix-incidents';
import { DEVICE_COUNTS_PRESET, deviceCounts } from './device-counts';
import { ESR_PRESET, esrTraining } from './esr-training';
import type { ImportFormat, ImportKind, Preset } from './format';
import { INTUNE_PRESET, intuneDevices } from './intune-devices';
import { LEDGER_PRESET, ledgerSpend } from './ledger-spend';

interface KindCatalogue {
	label: string;
	formats: ImportFormat<unknown>[];
	presets: Preset[];
}

/** Every kind of file Beacon imports for an organisation, with the layouts it recognises. */
export const IMPORT_CATALOGUE: Record<ImportKind, KindCatalogue> = {
	devices: {
		label: 'Devices (MDM)',
		formats: [intuneDevices as ImportFormat<unknown>, deviceCounts as ImportFormat<unknown>],
		presets: [INTUNE_PRESET, DEVICE_COUNTS_PRESET]
	},
	training: { label: 'Staff training', formats: [esrTraining as ImportFormat<unknown>], presets: [ESR_PRESET] },
	spend: { label: 'Security spend', formats: [ledgerSpend as ImportFormat<unknown>], presets: [LEDGER_PRESET] },
	incidents: { label: 'Incidents', formats: [datixIncidents as ImportFormat<unknown>], presets: [DATIX_PRESET] }
};
