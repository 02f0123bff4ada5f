import { z } from 'zod';
import type { IncidentCategory } from '../../../schemas/incident';
import { CopyWriter, copyField } from '../../db/copy';
import { gradeIncident } from '../../incidents/grading';
import * as incidentQueries from '../../incidents/queries';
import { gradeImportedIncidents } from '../../incidents/regrade';
import { cell, choice, Invalid, normaliseLabel, optional, readInstant, readText, remember, type Read } from '../cell-values';
import type { ImportFormat, Preset } from './format';

type Status = 'open' | 'investigating' | 'closed';
type BreachType = 'confidentiality' | 'integrity' | 'availability';

const LOST = /\b(lost|loss|stolen|theft|missing|mislaid)\b/;
const DEVICE = /\b(devices?|laptops?|(mobile |smart)?phones?|mobiles?|tablets?|ipads?|usb|memory sticks?|hardware|computers?|equipment|smartcards?)\b/;
const PAPER = /\b(paper|records?|notes|letters?|documents?|files?|post|handover sheets?|diary|notebooks?)\b/;

/**
 * Datix categories are set up by each trust, so they are recognised by the words they contain (in the
 * category and subcategory together), first rule first: phishing before malware ("phishing e-mail with
 * malware"), lost devices before lost paper ("laptop with patient records"), staff misuse before
 * unauthorised access. Anything unrecognised is 'other': an unfamiliar category is no reason to lose
 * an incident.
 */
const CATEGORY_RULES: readonly (readonly [IncidentCategory, (text: string) => boolean])[] = [
	['unapproved_messaging', (t) => /\bwhats ?app\b|\bunapproved (messaging|app)|\bmessaging app|\bsnapchat\b|\btelegram\b/.test(t)],
	['phishing', (t) => /\bphish|\bspoof|\bsocial engineering\b|\b(vishing|smishing)\b/.test(t)],
	['malware_ransomware', (t) => /\b(malware|ransomware|trojan|spyware)\b|\bcomputer virus/.test(t)],
	['lost_stolen_device', (t) => LOST.test(t) && DEVICE.test(t)],
	['lost_stolen_paper', (t) => LOST.test(t) && PAPER.test(t)],
	[
		'misdirected',
		(t) => /\bmisdirect|\b(disclosed|sent|e-?mailed|posted|faxed) in error\b|\bsent to (the )?wrong\b|\b(wrong|incorrect) (recipient|address|patient)/.test(t)
	],
	['insider_misuse', (t) => /\binappropriate(ly)? access|\bby (a )?(member of )?staff\b|\bmisuse\b|\bsnoop/.test(t)],
	['unauthorised_access', (t) => /\bunauthori[sz]ed access|\bhack|\b(compromised account|account compromise)|\bbrute force/.test(t)],
	['system_unavailability', (t) => /\boutages?\b|\b(it|system|network|server) (failure|down)\b|\bdowntime\b|\bunavailab/.test(t)]
];

export function categoryOf(category: string, subcategory: string | null): IncidentCategory {
	const text = `${category} ${subcategory ?? ''}`.toLowerCase();
	return CATEGORY_RULES.find(([, matches]) => matches(text))?.[0] ?? 'other';
}

/**
 * With no breach type given: an outage, and ransomware that locks records away, lose access to the
 * information, so availability; every other category exposes it, so confidentiality.
 */
export function breachTypeOf(category: IncidentCategory): BreachType {
	return category === 'system_unavailability' || category === 'malware_ransomware' ? 'availability' : 'confidentiality';
}

// One score, alone or beside its words (which hold no other number): "3", "3 - Possible", "Possible (3)".
const GRADE = /^\s*([1-5])\s*(?:[-–:.)]?\s*(?:[^\d\s.,)–-][^\d]*)?)?$|^[^\d(]*\(\s*([1-5])\s*\)\s*$/;

/**
 * A 1–5 score, written as the number alone or beside its word: "3", "3 - Possible", "Possible (3)". A
 * range ("1-5"), a decimal ("3.5") or two numbers is refused rather than read as its first digit.
 */
function readGrade(what: string, scale: string): Read<number> {
	const problem = new Invalid(`expected a ${what} from 1 to 5 (${scale})`);
	const notRange = new Invalid(`${problem.message}: one whole number, not a range, a decimal or a list such as 1-5, 3.5 or 2/4`);
	return remember((v) => {
		const m = GRADE.exec(v);
		if (m) return Number(m[1] ?? m[2]);
		return /\d\s*[-–.,/]\s*\d|\d\s+\d/.test(v) ? notRange : problem;
	});
}

const STATUSES = choice<Status>(
	{
		open: 'open',
		new: 'open',
		investigating: 'investigating',
		'under investigation': 'investigating',
		'in progress': 'investigating',
		closed: 'closed',
		completed: 'closed'
	},
	'Open, Investigating or Closed (Datix: Open, Being investigated, Closed or Finally approved)'
);
const REJECTED = new Invalid(
	'a rejected record is not an incident: expected Open, Being investigated or Closed; remove rejected records from the export, or import skipping invalid rows'
);
const readStatus: Read<Status> = (v) => (normaliseLabel(v) === 'rejected' ? REJECTED : STATUSES(v));

const BREACH_TYPES = choice<BreachType>(
	{ confidentiality: 'confidentiality', integrity: 'integrity', availability: 'availability', c: 'confidentiality', i: 'integrity', a: 'availability' },
	'Confidentiality, Integrity or Availability'
);

const row = z.object({
	reference: cell(readText(100, { required: 'every incident needs its reference (the Datix ID)' })),
	occurredAt: optional(readInstant),
	detectedAt: cell(readInstant),
	category: cell(remember(readText(200, { required: 'every incident needs a category, e.g. Misdirected email' }))),
	subcategory: optional(remember(readText(200))),
	breachType: optional(BREACH_TYPES),
	likelihood: cell(readGrade('likelihood', '1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain')),
	severity: cell(readGrade('severity', '1 None or Negligible, 2 Minor, 3 Moderate, 4 Major, 5 Catastrophic')),
	status: optional(readStatus),
	closedAt: optional(readInstant),
	description: optional(readText(5000)),
	actions: optional(readText(5000))
});

export interface IncidentRow {
	reference: string;
	occurredAt: string | null;
	detectedAt: string;
	closedAt: string | null;
	breachType: BreachType;
	category: IncidentCategory;
	likelihood: number;
	severity: number;
	isIcoReportable: boolean;
	isDhscReportable: boolean;
	status: Status;
	description: string | null;
	actions: string | null;
}

const STAGING_COLUMNS = [
	'reference',
	'occurred_at',
	'detected_at',
	'closed_at',
	'breach_type',
	'category',
	'likelihood',
	'severity',
	'is_ico_reportable',
	'is_dhsc_reportable',
	'status',
	'description',
	'actions'
] as const;

/** readInstant gives a date without a time as midnight UTC. */
const isDateOnly = (instant: string) => instant.endsWith('T00:00:00Z');

export const datixIncidents: ImportFormat<IncidentRow> = {
	kind: 'incidents',
	name: 'incident-rows',
	label: 'One row per incident (Datix or similar risk management system)',
	fields: [
		{
			name: 'reference',
			label: 'Reference',
			required: true,
			hint: 'the incident reference or ID; a later export updates the incident with the same reference'
		},
		{ name: 'occurredAt', label: 'Incident date', required: false, hint: 'when it happened: a date, with a time if known' },
		{ name: 'detectedAt', label: 'Reported date', required: true, hint: 'when it was reported, on or after the incident date' },
		{
			name: 'category',
			label: 'Category',
			required: true,
			hint: 'the incident category; recognised by its words (misdirected, lost, phishing…), otherwise "other"'
		},
		{ name: 'subcategory', label: 'Subcategory', required: false, hint: 'read with the category to recognise it' },
		{ name: 'breachType', label: 'Breach type', required: false, hint: 'Confidentiality, Integrity or Availability; if absent, from the category' },
		{ name: 'likelihood', label: 'Likelihood', required: true, hint: '1–5 or Rare, Unlikely, Possible, Likely, Almost certain' },
		{ name: 'severity', label: 'Severity', required: true, hint: '1–5 or None/Negligible, Minor, Moderate, Major, Catastrophic' },
		{
			name: 'status',
			label: 'Status',
			required: false,
			hint: 'Open, Being investigated, Closed or Finally approved; if absent, Closed when there is a closed date'
		},
		{ name: 'closedAt', label: 'Closed date', required: false, hint: 'when the incident was closed' },
		{ name: 'description', label: 'Description', required: false, hint: 'what happened (up to 5000 characters)' },
		{ name: 'actions', label: 'Actions', required: false, hint: 'actions taken (up to 5000 characters)' }
	],
	rowSchema() {
		const categories = new Map<string, IncidentCategory>();
		return row.transform((r, ctx): IncidentRow => {
			let detectedAt = r.detectedAt;
			if (r.occurredAt && Date.parse(detectedAt) < Date.parse(r.occurredAt)) {
				// Reported "that day" with no time, for an incident with a time: the report came after it.
				if (isDateOnly(detectedAt) && detectedAt.slice(0, 10) === r.occurredAt.slice(0, 10)) {
					detectedAt = r.occurredAt;
				} else {
					const message = `reported ${detectedAt.slice(0, 10)}, before the incident date ${r.occurredAt.slice(0, 10)}: expected a reported date on or after the incident date`;
					ctx.addIssue({ code: 'custom', path: ['detectedAt'], message, input: r.detectedAt });
					return z.NEVER as never;
				}
			}
			const key = `${r.category}\u0000${r.subcategory ?? ''}`;
			let category = categories.get(key);
			if (category === undefined) {
				category = categoryOf(r.category, r.subcategory);
				if (categories.size < 10_000) categories.set(key, category);
			}
			// The default rules, for the preview; the import settles each grade by the edition in force (finish).
			const grade = gradeIncident(r.likelihood, r.severity);
			return {
				reference: r.reference,
				occurredAt: r.occurredAt,
				detectedAt,
				closedAt: r.closedAt,
				breachType: r.breachType ?? breachTypeOf(category),
				category,
				likelihood: r.likelihood,
				severity: r.severity,
				isIcoReportable: grade.icoReportable,
				isDhscReportable: grade.dhscReportable,
				status: r.status ?? (r.closedAt ? 'closed' : 'open'),
				description: r.description,
				actions: r.actions
			};
		}) as unknown as z.ZodType<IncidentRow, Record<string, string>>;
	},
	crossCheck() {
		// The pipeline may pass the row number; without it the message can only say "an earlier row".
		const seen = new Map<string, number | null>();
		return (r: IncidentRow, rowNumber?: number) => {
			if (seen.has(r.reference)) {
				const earlier = seen.get(r.reference);
				const where = earlier ? `row ${earlier}` : 'an earlier row';
				return { field: 'reference', message: `the reference ${r.reference} is already on ${where}: expected each incident once per file` };
			}
			seen.set(r.reference, rowNumber ?? null);
			return null;
		};
	},
	copyFields: (i) => [
		copyField(i.reference),
		copyField(i.occurredAt),
		i.detectedAt,
		copyField(i.closedAt),
		i.breachType,
		i.category,
		String(i.likelihood),
		String(i.severity),
		copyField(i.isIcoReportable),
		copyField(i.isDhscReportable),
		i.status,
		copyField(i.description),
		copyField(i.actions)
	],
	async open(target) {
		// A Datix export is cumulative: the same incidents come again with later statuses. Rows are staged,
		// then merged on the reference, so each import adds the new incidents and updates the known ones.
		await incidentQueries.createIncidentStaging(target.ctx.db);
		const writer = await CopyWriter.open(target.ctx.db, incidentQueries.INCIDENT_STAGING_TABLE, STAGING_COLUMNS);
		return {
			copy: { writer, constants: {} },
			async finish() {
				await writer.end();
				const merged = await incidentQueries.mergeStagedIncidents(target.ctx.db, target.organisationId, target.batchId);
				await gradeImportedIncidents(target.ctx, target.batchId);
				return merged;
			}
		};
	},
	describe: (i) => ({ ...i })
};

/** Datix (RLDatix DCIQ and older Datix Web) incident listing exports. */
export const DATIX_PRESET: Preset = {
	name: 'datix',
	label: 'Datix incident export',
	format: 'incident-rows',
	headers: {
		reference: ['Ref', 'Reference', 'ID', 'Incident ID', 'Incident Reference', 'Datix ID'],
		occurredAt: ['Incident Date', 'Date of Incident', 'Date Occurred'],
		detectedAt: ['Reported Date', 'Date Reported', 'Date Opened', 'Opened Date'],
		category: ['Category', 'Incident Category', 'Incident Type'],
		subcategory: ['Subcategory', 'Sub Category', 'Sub-category', 'Incident Subcategory'],
		breachType: ['Breach Type', 'Type of Breach'],
		likelihood: ['Likelihood', 'Likelihood Score', 'Likelihood (Current)', 'Likelihood (Initial)'],
		severity: ['Consequence', 'Severity', 'Consequence Score', 'Consequence (Current)', 'Consequence (Initial)'],
		status: ['Status', 'Approval Status', 'Incident Status'],
		closedAt: ['Closed Date', 'Date Closed', 'Closed'],
		description: ['Description', 'Incident Description', 'Details'],
		actions: ['Action Taken', 'Actions', 'Actions Taken']
	},
	values: {
		// The NPSA 5 × 5 risk matrix words Datix uses, on the same 1–5 scale the grading reads.
		likelihood: { Rare: '1', Unlikely: '2', Possible: '3', Likely: '4', 'Almost certain': '5', Certain: '5' },
		severity: {
			None: '1',
			Negligible: '1',
			Insignificant: '1',
			Minor: '2',
			Moderate: '3',
			Major: '4',
			Catastrophic: '5',
			'No harm': '1',
			'Low harm': '2',
			'Moderate harm': '3',
			'Severe harm': '4',
			Death: '5'
		},
		status: {
			New: 'open',
			'Awaiting review': 'open',
			'In holding area': 'open',
			'In the holding area, awaiting review': 'open',
			'Being reviewed': 'investigating',
			'Being investigated': 'investigating',
			'Under investigation': 'investigating',
			'Awaiting final approval': 'investigating',
			'Finally approved': 'closed'
		}
	}
};
