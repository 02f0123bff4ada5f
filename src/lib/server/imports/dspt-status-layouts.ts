import type { ColumnLayout } from './column-mapping';
import type { Preset } from './formats/format';

/**
 * The public DSPT organisation status export, as NHS England has published it over the years (DOMAIN.md §4).
 * Each layout is a preset: the headers it uses for each field. `--preset` picks one; otherwise the one that
 * finds every required field and the most columns wins, and `--map "Header=field"` covers anything else.
 */
export const DSPT_STATUS_LAYOUT: ColumnLayout = {
	name: 'public-dspt-status',
	fields: [
		{ name: 'ods', label: 'Code', required: true, hint: 'the organisation code as the export publishes it (ODS code)' },
		{ name: 'name', label: 'Organisation Name', required: true, hint: 'the organisation as the export names it' },
		{ name: 'status', label: 'Status', required: true, hint: 'e.g. "22/23 Standards Met", "Standards Met (19-20)", "Not Published"' },
		{ name: 'publishedOn', label: 'Date Of Publication', required: false, hint: 'dd/mm/yyyy or a date cell; other words mean no date' },
		{ name: 'sector', label: 'Primary Sector', required: false, hint: 'e.g. NHS Trust' },
		{ name: 'icbOds', label: 'High Level Health Geography', required: false, hint: "the ICB's ODS code" },
		{ name: 'icbName', label: 'Integrated Care Board', required: false, hint: 'the ICB or commissioner, by name' }
	]
};

export type DsptField = 'ods' | 'name' | 'status' | 'publishedOn' | 'sector' | 'icbOds' | 'icbName';

const layout = (name: string, label: string, headers: Partial<Record<DsptField, readonly string[]>>): Preset => ({
	name,
	label,
	format: DSPT_STATUS_LAYOUT.name,
	headers
});

export const DSPT_STATUS_PRESETS: readonly Preset[] = [
	layout('dspt-status-2022', 'Public status export, 2022 onward (CSV or XLSX)', {
		ods: ['Code', 'ODS Code'],
		name: ['Organisation Name'],
		status: ['Status'],
		publishedOn: ['Date Of Publication'],
		sector: ['Primary Sector'],
		icbOds: ['High Level Health Geography'],
		icbName: ['Integrated Care Board (where available, from ODS)', 'Integrated Care Board', 'Commissioner (From ODS)']
	}),
	layout('dspt-status-2021', 'Trusts with their Windows estate, 2021-22 (open-cyber)', {
		ods: ['ODS Code'],
		name: ['ODS Org Name'],
		status: ['Status']
	}),
	layout('dspt-status-2019', 'Public status export, June 2019 (XLSX)', {
		ods: ['ODSCode'],
		name: ['OrganisationName'],
		status: ['PublicationStatus'],
		publishedOn: ['DateOfPublication'],
		sector: ['PrimarySector'],
		icbName: ['CCG (from ODS and CQC)']
	})
];
