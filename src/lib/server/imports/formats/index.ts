import type { ImportFormat, ImportKind, Preset } from './format';
import { INTUNE_PRESET, intuneDevices } from './intune-devices';

interface KindCatalogue {
	label: string;
	formats: ImportFormat<unknown>[];
	presets: Preset[];
}

/** Every kind of file Beacon imports for an organisation, with the layouts it recognises. */
export const IMPORT_CATALOGUE: Record<ImportKind, KindCatalogue> = {
	devices: { label: 'Devices (MDM)', formats: [intuneDevices as ImportFormat<unknown>], presets: [INTUNE_PRESET] },
	training: { label: 'Staff training', formats: [], presets: [] },
	spend: { label: 'Security spend', formats: [], presets: [] },
	incidents: { label: 'Incidents', formats: [], presets: [] }
};
