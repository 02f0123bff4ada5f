import { isoDate } from '../../schemas/common';
import type { DsptField } from './dspt-status-layouts';
import type { ImportProblem } from './problems';

export type ColumnMap = Map<string, number>;

/** Every spelling the exports have used, compared in lower case with spaces collapsed. */
export const PUBLIC_STATUSES: Record<string, string> = {
	'standards exceeded': 'standards_exceeded',
	'standards met': 'standards_met',
	'approaching standards': 'approaching_standards',
	'standards not met': 'standards_not_met',
	'standards not fully met (plan agreed)': 'plan_agreed',
	'standards not fully met': 'plan_agreed',
	'entry level': 'entry_level',
	'not published': 'not_published'
};

/** Codes are the export's key and are kept as published, but bounded (rule 10). */
export const MAX_CODE_LENGTH = 40;
const MAX_TEXT_LENGTH = 300;

export interface PublicStatusRow {
	ods: string;
	name: string;
	/** The edition the status names, or null when it names none ("Not Published", the 2019 layout). */
	edition: string | null;
	/**
	 * How the status named its edition: "22/23 Standards Met" names the row's own edition; the 2019 layout's
	 * "Standards Met (19-20)" marks an organisation that has already published for the next edition.
	 */
	editionFrom: 'prefix' | 'suffix' | null;
	status: string;
	publishedOn: string | null;
	/** The publication column held words ("CompletedThroughQIO"), not a date: kept as no date. */
	undated: boolean;
	sector: string | null;
	icbOds: string | null;
	icbName: string | null;
}

export type RowOutcome = { kind: 'row'; value: PublicStatusRow } | { kind: 'skip'; reason: string } | { kind: 'problems'; problems: ImportProblem[] };

/** One row of the export, checked and converted; blank and "#N/A" statuses (no status known) are skipped, not errors. */
export function readStatusRow(cells: string[], row: number, columns: ColumnMap, headerOf: (field: DsptField) => string): RowOutcome {
	const cell = (field: DsptField) => {
		const index = columns.get(field);
		return index === undefined ? '' : (cells[index] ?? '').trim();
	};
	const problems: ImportProblem[] = [];
	const problem = (field: DsptField, message: string) => problems.push({ row, column: headerOf(field), value: cell(field), message });
	const tooLong = (field: DsptField, limit: number) => cell(field).length > limit && problem(field, `longer than ${limit} characters`);

	const ods = cell('ods').toUpperCase();
	if (!ods) problem('ods', 'the organisation has no code');
	tooLong('ods', MAX_CODE_LENGTH);
	const rawName = cell('name');
	// Some names end with their own code in brackets: "SOUTH TYNESIDE … TRUST (R0B)".
	const name = rawName.replace(new RegExp(`\\s*\\(${escapeRegExp(ods)}\\)$`, 'i'), '').trim();
	if (!name) problem('name', 'the organisation has no name');
	tooLong('name', MAX_TEXT_LENGTH);
	const rawStatus = cell('status');
	if (rawStatus === '#N/A' || rawStatus === '')
		return problems.length ? { kind: 'problems', problems } : { kind: 'skip', reason: `no status (${rawStatus || 'empty'})` };
	const parsed = parseStatus(rawStatus);
	if (!parsed) problem('status', 'not a DSPT status (expected e.g. "22/23 Standards Met", "Standards Met (19-20)" or "Not Published")');
	const date = readPublicationDate(cell('publishedOn'));
	if (date === 'invalid') problem('publishedOn', 'a date is written dd/mm/yyyy and must exist');
	const icbOds = cell('icbOds').toUpperCase() || null;
	tooLong('icbOds', MAX_CODE_LENGTH);
	tooLong('sector', MAX_TEXT_LENGTH);
	tooLong('icbName', MAX_TEXT_LENGTH);
	if (problems.length || !parsed) return { kind: 'problems', problems };
	return {
		kind: 'row',
		value: {
			ods,
			name,
			edition: parsed.edition,
			editionFrom: parsed.editionFrom,
			status: parsed.status,
			publishedOn: date === 'words' || date === 'invalid' ? null : date,
			undated: date === 'words',
			sector: cell('sector') || null,
			icbOds: icbOds === ods ? null : icbOds,
			icbName: cell('icbName') || null
		}
	};
}

/** "22/23 Standards Met", "Standards Met (19-20)", "Entry Level", "Not Published" → stored code and edition. */
export function parseStatus(text: string): Pick<PublicStatusRow, 'status' | 'edition' | 'editionFrom'> | null {
	let label = text.replace(/\s+/g, ' ').trim().toLowerCase();
	let edition: string | null = null;
	let editionFrom: PublicStatusRow['editionFrom'] = null;
	const prefix = /^(\d{2})\/(\d{2}) (.+)$/.exec(label);
	const suffix = /^(.+?) ?\((\d{2})[-/](\d{2})\)$/.exec(label);
	if (prefix) [edition, editionFrom, label] = [`${prefix[1]}/${prefix[2]}`, 'prefix', prefix[3] as string];
	else if (suffix) [edition, editionFrom, label] = [`${suffix[2]}/${suffix[3]}`, 'suffix', suffix[1] as string];
	const status = PUBLIC_STATUSES[label];
	return status ? { status, edition, editionFrom } : null;
}

/**
 * The publication column: dd/mm/yyyy as the CSV writes it, YYYY-MM-DD as a date cell reads, or words such
 * as "CompletedThroughQIO", which mean there is no date. Something shaped like a date that does not exist is
 * a mistake, not words.
 */
export function readPublicationDate(value: string): string | null | 'words' | 'invalid' {
	if (value === '') return null;
	const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?$/.exec(value);
	const date = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
	if (date) return isoDate.safeParse(date).success ? date : 'invalid';
	return /\d+[/-]\d+[/-]\d+/.test(value) ? 'invalid' : 'words';
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What kind of organisation a row is, from its sector or, failing that, its name. */
export function organisationKind(sector: string | null, name: string): 'trust' | 'icb' | 'csu' | 'other' {
	const text = `${sector ?? ''} ${name}`.toLowerCase();
	if (text.includes('integrated care board') || text.includes('(icb)')) return 'icb';
	if (text.includes('commissioning support')) return 'csu';
	if (sector?.toLowerCase() === 'nhs trust' || /\btrust\b/.test(name.toLowerCase())) return 'trust';
	return 'other';
}

/** 18/19 < 19/20: editions compare by their first year. */
export function editionYear(edition: string): number {
	return Number(edition.slice(0, 2));
}

/** The edition before "19/20": "18/19". */
export function previousEdition(edition: string): string {
	const y = editionYear(edition) - 1;
	const two = (n: number) => String((n + 100) % 100).padStart(2, '0');
	return `${two(y)}/${two(y + 1)}`;
}
