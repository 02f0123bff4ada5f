import { isoDate } from '../../schemas/common';
import type { ImportProblem } from './problems';

/**
 * The public DSPT organisation status export (the "open-cyber" snapshots): one organisation a row, with
 * the edition inside the status ("22/23 Standards Met"). Column names differ between snapshots, so each
 * field is found under any of its known headers.
 */
export const DSPT_STATUS_COLUMNS = {
	ods: { headers: ['Code', 'ODS Code'], required: true },
	name: { headers: ['Organisation Name', 'ODS Org Name'], required: true },
	status: { headers: ['Status'], required: true },
	publishedOn: { headers: ['Date Of Publication'], required: false },
	sector: { headers: ['Primary Sector'], required: false },
	icbOds: { headers: ['High Level Health Geography'], required: false },
	icbName: { headers: ['Integrated Care Board (where available, from ODS)'], required: false }
} as const;

export type DsptField = keyof typeof DSPT_STATUS_COLUMNS;
export type ColumnMap = Partial<Record<DsptField, number>>;

export const PUBLIC_STATUSES: Record<string, string> = {
	'standards exceeded': 'standards_exceeded',
	'standards met': 'standards_met',
	'approaching standards': 'approaching_standards',
	'standards not met': 'standards_not_met',
	'standards not fully met (plan agreed)': 'plan_agreed',
	'entry level': 'entry_level',
	'not published': 'not_published'
};

/** Which column holds each field; problems for required fields that no header matches. */
export function mapColumns(header: string[]): { columns: ColumnMap; problems: ImportProblem[] } {
	const normalised = header.map((h) => h.trim().toLowerCase());
	const columns: ColumnMap = {};
	const problems: ImportProblem[] = [];
	for (const [field, spec] of Object.entries(DSPT_STATUS_COLUMNS) as [DsptField, (typeof DSPT_STATUS_COLUMNS)[DsptField]][]) {
		const index = normalised.findIndex((h) => spec.headers.some((known) => known.toLowerCase() === h));
		if (index >= 0) columns[field] = index;
		else if (spec.required) {
			problems.push({
				row: 1,
				column: spec.headers[0],
				value: null,
				message: `required column missing (looked for ${spec.headers.map((x) => `"${x}"`).join(' or ')})`
			});
		}
	}
	return { columns, problems };
}

export interface PublicStatusRow {
	ods: string;
	name: string;
	edition: string | null;
	status: string;
	publishedOn: string | null;
	sector: string | null;
	icbOds: string | null;
	icbName: string | null;
}

export type RowOutcome = { kind: 'row'; value: PublicStatusRow } | { kind: 'skip'; reason: string } | { kind: 'problems'; problems: ImportProblem[] };

/** One row of the export, checked and converted; "#N/A" statuses (no status known) are skipped, not errors. */
export function readStatusRow(cells: string[], row: number, columns: ColumnMap): RowOutcome {
	const cell = (field: DsptField) => (columns[field] === undefined ? '' : (cells[columns[field] as number] ?? '').trim());
	const problems: ImportProblem[] = [];
	const problem = (field: DsptField, message: string) => problems.push({ row, column: DSPT_STATUS_COLUMNS[field].headers[0], value: cell(field), message });

	const ods = cell('ods').toUpperCase();
	if (!/^[A-Z0-9]{3,10}$/.test(ods)) problem('ods', 'an ODS code is 3 to 10 letters and digits');
	const rawName = cell('name');
	// Some names end with their own code in brackets: "SOUTH TYNESIDE … TRUST (R0B)".
	const name = rawName.replace(new RegExp(`\\s*\\(${ods}\\)$`, 'i'), '').trim();
	if (!name) problem('name', 'the organisation has no name');
	const rawStatus = cell('status');
	if (rawStatus === '#N/A' || rawStatus === '')
		return problems.length ? { kind: 'problems', problems } : { kind: 'skip', reason: `no status (${rawStatus || 'empty'})` };
	const match = /^(\d{2}\/\d{2})\s+(.+)$/.exec(rawStatus);
	const label = (match ? match[2] : rawStatus)?.trim().toLowerCase() ?? '';
	const status = PUBLIC_STATUSES[label];
	if (!status) problem('status', `not a DSPT status (expected e.g. "22/23 Standards Met" or "Not Published")`);
	const publishedOn = cell('publishedOn') ? toIsoDate(cell('publishedOn')) : null;
	if (cell('publishedOn') && !publishedOn) problem('publishedOn', 'a date is written dd/mm/yyyy and must exist');
	const icbOds = cell('icbOds').toUpperCase() || null;
	if (icbOds && !/^[A-Z0-9]{3,10}$/.test(icbOds)) problem('icbOds', 'an ODS code is 3 to 10 letters and digits');
	if (problems.length) return { kind: 'problems', problems };
	return {
		kind: 'row',
		value: {
			ods,
			name,
			edition: match?.[1] ?? null,
			status: status as string,
			publishedOn,
			sector: cell('sector') || null,
			icbOds: icbOds === ods ? null : icbOds,
			icbName: cell('icbName') || null
		}
	};
}

/** dd/mm/yyyy → YYYY-MM-DD, or null when it is not a real date. */
export function toIsoDate(value: string): string | null {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
	if (!m) return null;
	const iso = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`;
	return isoDate.safeParse(iso).success ? iso : null;
}

/** What kind of organisation a row is, from its sector or, failing that, its name. */
export function organisationKind(sector: string | null, name: string): 'trust' | 'icb' | 'csu' | 'other' {
	const text = `${sector ?? ''} ${name}`.toLowerCase();
	if (text.includes('integrated care board') || text.includes('(icb)')) return 'icb';
	if (text.includes('commissioning support')) return 'csu';
	if (sector?.toLowerCase() === 'nhs trust' || /\btrust\b/.test(name.toLowerCase())) return 'trust';
	return 'other';
}
