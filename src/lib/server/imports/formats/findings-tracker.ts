import { z } from 'zod';
import { FINDING_STATUS_LABELS, type FindingStatus, type Severity } from '../../../schemas/assurance';
import * as findingQueries from '../../assurance/import-queries';
import { syncFindingHistory } from '../../assurance/finding-history-queries';
import { changedAt } from '../../context';
import { defaultDueOn } from '../../assurance/finding-dates';
import { CopyWriter, copyField } from '../../db/copy';
import { cell, choice, Invalid, normaliseLabel, optional, readDate, readText, remember, type Read } from '../cell-values';
import type { ImportFormat, Preset } from './format';

const SEVERITY_RULE = 'Critical, High, Medium or Low';
const SEVERITY_WORDS = choice<Severity>(
	{
		critical: 'critical',
		crit: 'critical',
		'critical risk': 'critical',
		high: 'high',
		'high risk': 'high',
		medium: 'medium',
		med: 'medium',
		moderate: 'medium',
		'medium risk': 'medium',
		low: 'low',
		'low risk': 'low'
	},
	SEVERITY_RULE
);
const INFORMATIONAL = new Invalid(
	`an informational finding is an observation, not a risk with a remediation deadline: expected ${SEVERITY_RULE}; grade it Low to track it, or leave informational rows out (remove them, or import skipping invalid rows)`
);
// A number could be a CVSS score (10 is worst) or a priority (1 is worst): reading it either way could turn a critical into a low.
const NUMBER = new Invalid(
	`expected ${SEVERITY_RULE}, not a number: a CVSS score and a priority number run in opposite directions, so map the column holding the rating word instead`
);
// Rapid7 calls scores from 4 to 8 "Severe", where other tools would say medium or high.
const SEVERE = new Invalid(
	`expected ${SEVERITY_RULE}: "Severe" means medium in some tools and high in others, so write the grade the finding has in your tracker's own scale`
);

const readSeverity: Read<Severity> = remember((v) => {
	const key = normaliseLabel(v);
	if (['informational', 'info', 'information', 'none', 'note'].includes(key)) return INFORMATIONAL;
	if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return NUMBER;
	if (key === 'severe') return SEVERE;
	return SEVERITY_WORDS(v);
});

const STATUS_WORDS = choice<FindingStatus>(
	{
		open: 'open',
		new: 'open',
		'in progress': 'open',
		ongoing: 'open',
		outstanding: 'open',
		'not started': 'open',
		overdue: 'open',
		reopened: 'open',
		remediated: 'remediated',
		closed: 'remediated',
		fixed: 'remediated',
		resolved: 'remediated',
		complete: 'remediated',
		completed: 'remediated',
		done: 'remediated',
		'closed remediated': 'remediated',
		'closed fixed': 'remediated',
		'risk accepted': 'risk_accepted',
		accepted: 'risk_accepted',
		'accepted risk': 'risk_accepted',
		'closed risk accepted': 'risk_accepted'
	},
	'Open, Remediated (or Closed, Fixed, Resolved) or Risk accepted'
);
const NOT_A_FINDING = new Invalid(
	'a false positive or withdrawn finding is not a finding: expected Open, Remediated or Risk accepted; remove such rows from the file, or import skipping invalid rows'
);
const readStatus: Read<FindingStatus> = (v) =>
	['falsepositive', 'withdrawn', 'notapplicable', 'duplicate'].includes(normaliseLabel(v)) ? NOT_A_FINDING : STATUS_WORDS(v);

const required =
	<T>(message: string, read: Read<T>): Read<T> =>
	(v) =>
		v.trim() === '' ? new Invalid(message) : read(v);

const row = z.object({
	reference: cell(readText(100, { required: 'every finding needs its reference, unique in the tracker' })),
	title: cell(readText(500, { required: 'every finding needs a title' })),
	severity: cell(required(`every finding needs a severity: ${SEVERITY_RULE}`, readSeverity)),
	raisedOn: cell(required('every finding needs the date it was raised', readDate)),
	dueOn: optional(readDate),
	owner: optional(remember(readText(200))),
	status: optional(readStatus),
	remediatedOn: optional(readDate),
	acceptedBy: optional(remember(readText(200))),
	acceptedReason: optional(readText(2000)),
	acceptedOn: optional(readDate)
});

export interface FindingRow {
	reference: string;
	title: string;
	severity: Severity;
	raisedOn: string;
	/** The due date given, or the default for the severity (finding-dates.ts). */
	dueOn: string;
	dueGiven: boolean;
	owner: string | null;
	status: FindingStatus;
	remediatedOn: string | null;
	acceptedBy: string | null;
	acceptedReason: string | null;
	acceptedOn: string | null;
}

const STAGING_COLUMNS = [
	'reference',
	'title',
	'severity',
	'raised_on',
	'due_on',
	'due_given',
	'owner',
	'status',
	'remediated_on',
	'accepted_by',
	'accepted_reason',
	'accepted_on'
] as const;

type Parsed = z.output<typeof row>;
type Problem = (field: keyof Parsed, message: string) => void;

/** A tracker without a status column (or with the cell blank) says what happened by the dates it fills in. */
function statusOf(r: Parsed, problem: Problem): FindingStatus | null {
	if (r.status) return r.status;
	if (r.remediatedOn && r.acceptedOn) {
		problem('status', 'no status, but both a remediated date and an accepted date: expected Remediated or Risk accepted');
		return null;
	}
	return r.remediatedOn ? 'remediated' : r.acceptedOn ? 'risk_accepted' : 'open';
}

/** What a finding of this status must and must not have, and no date before the one it was raised. */
function checkDates(r: Parsed, status: FindingStatus, problem: Problem): void {
	const label = FINDING_STATUS_LABELS[status];
	for (const [field, what] of [
		['dueOn', 'due'],
		['remediatedOn', 'remediated'],
		['acceptedOn', 'accepted']
	] as const) {
		const date = r[field];
		if (date && date < r.raisedOn)
			problem(field, `${what} ${date}, before the finding was raised on ${r.raisedOn}: expected a date on or after the date raised`);
	}
	if (status === 'remediated' && !r.remediatedOn) problem('remediatedOn', 'a remediated finding needs the date it was remediated');
	if (status !== 'remediated' && r.remediatedOn) {
		problem(
			'remediatedOn',
			`a remediated date, but the status is ${label}: expected the status Remediated (Closed, Fixed and Resolved mean it too), or no remediated date`
		);
	}
	if (status === 'risk_accepted') {
		if (!r.acceptedBy) problem('acceptedBy', 'a risk acceptance records who accepted the risk (e.g. the SIRO)');
		if (!r.acceptedReason) problem('acceptedReason', 'a risk acceptance records why the risk was accepted');
		if (!r.acceptedOn) problem('acceptedOn', 'a risk acceptance records the date the risk was accepted');
	} else if (r.acceptedOn) {
		problem('acceptedOn', `an accepted date, but the status is ${label}: expected the status Risk accepted, or no accepted date`);
	}
}

export const findingsTracker: ImportFormat<FindingRow> = {
	kind: 'findings',
	name: 'finding-rows',
	label: 'One row per finding (a penetration test, audit or remediation tracker)',
	fields: [
		{
			name: 'reference',
			label: 'Reference',
			required: true,
			hint: 'the finding reference, once per file; a later tracker updates the finding with the same reference'
		},
		{ name: 'title', label: 'Title', required: true, hint: 'what the finding is (up to 500 characters)' },
		{ name: 'severity', label: 'Severity', required: true, hint: 'Critical, High, Medium or Low (informational findings are not imported)' },
		{ name: 'raisedOn', label: 'Raised date', required: true, hint: 'when the finding was raised or reported' },
		{
			name: 'dueOn',
			label: 'Due date',
			required: false,
			hint: 'when it must be remediated; if empty, 14 days after raised for critical and high, 90 for medium, 180 for low'
		},
		{ name: 'owner', label: 'Owner', required: false, hint: 'who is remediating it; an empty cell keeps the owner already recorded' },
		{ name: 'status', label: 'Status', required: false, hint: 'Open, Remediated (Closed, Fixed, Resolved) or Risk accepted; if absent, from the dates given' },
		{ name: 'remediatedOn', label: 'Remediated date', required: false, hint: 'when it was remediated; needed when, and only when, the status is Remediated' },
		{ name: 'acceptedBy', label: 'Accepted by', required: false, hint: 'who accepted the risk, e.g. the SIRO; needed for Risk accepted' },
		{ name: 'acceptedReason', label: 'Accepted reason', required: false, hint: 'why the risk was accepted; needed for Risk accepted' },
		{ name: 'acceptedOn', label: 'Accepted date', required: false, hint: 'when the risk was accepted; needed when, and only when, the status is Risk accepted' }
	],
	rowSchema() {
		return row.transform((r, ctx): FindingRow => {
			let ok = true;
			const problem: Problem = (field, message) => {
				ctx.addIssue({ code: 'custom', path: [field], message, input: r[field] });
				ok = false;
			};
			const status = statusOf(r, problem);
			if (status) checkDates(r, status, problem);
			if (!ok || !status) return z.NEVER as never;
			const accepted = status === 'risk_accepted';
			return {
				reference: r.reference,
				title: r.title,
				severity: r.severity,
				raisedOn: r.raisedOn,
				dueOn: r.dueOn ?? defaultDueOn(r.severity, r.raisedOn),
				dueGiven: r.dueOn !== null,
				owner: r.owner,
				status,
				remediatedOn: r.remediatedOn,
				// Who accepted a risk, and why, belongs to an acceptance: another status keeps neither.
				acceptedBy: accepted ? r.acceptedBy : null,
				acceptedReason: accepted ? r.acceptedReason : null,
				acceptedOn: r.acceptedOn
			};
		}) as unknown as z.ZodType<FindingRow, Record<string, string>>;
	},
	crossCheck() {
		// A tracker holds hundreds of findings, not millions: remembering every reference is cheap.
		const seen = new Map<string, number>();
		return (f, rowNumber) => {
			const earlier = seen.get(f.reference);
			if (earlier !== undefined)
				return { field: 'reference', message: `the reference ${f.reference} is already on row ${earlier}: expected each finding once per file` };
			seen.set(f.reference, rowNumber);
			return null;
		};
	},
	copyFields: (f) => [
		copyField(f.reference),
		copyField(f.title),
		f.severity,
		f.raisedOn,
		f.dueOn,
		copyField(f.dueGiven),
		copyField(f.owner),
		f.status,
		copyField(f.remediatedOn),
		copyField(f.acceptedBy),
		copyField(f.acceptedReason),
		copyField(f.acceptedOn)
	],
	async open(target) {
		// A tracker is cumulative: each version lists the same findings with later statuses. Rows are staged,
		// then merged on the reference, so each import adds the new findings and updates the known ones.
		await findingQueries.createFindingStaging(target.ctx.db);
		const writer = await CopyWriter.open(target.ctx.db, findingQueries.FINDING_STAGING_TABLE, STAGING_COLUMNS);
		return {
			copy: { writer, constants: {} },
			async finish() {
				await writer.end();
				const merged = await findingQueries.mergeStagedFindings(target.ctx.db, target.organisationId, target.batchId);
				// The register's history, so a page or pack of an earlier date still reads the findings as they were.
				await syncFindingHistory(target.ctx.db, [target.organisationId], changedAt(target.ctx));
				return merged;
			}
		};
	},
	describe: ({ dueGiven: _given, ...f }) => ({ ...f })
};

/** Findings trackers kept in a spreadsheet: the header names penetration testers, auditors and IT teams commonly use. */
export const FINDINGS_TRACKER_PRESET: Preset = {
	name: 'findings-tracker',
	label: 'Findings tracker (penetration test, audit or remediation log)',
	format: 'finding-rows',
	headers: {
		reference: [
			'Reference',
			'Ref',
			'Finding ID',
			'Finding Ref',
			'Finding Reference',
			'Finding No',
			'Finding Number',
			'Issue ID',
			'Issue Reference',
			'Vulnerability ID',
			'ID'
		],
		title: ['Title', 'Finding', 'Finding Title', 'Issue', 'Issue Title', 'Vulnerability', 'Vulnerability Name', 'Plugin Name', 'Name'],
		severity: ['Severity', 'Risk Rating', 'Risk', 'Rating', 'Risk Level', 'Severity Rating', 'Criticality', 'Priority'],
		raisedOn: [
			'Raised',
			'Raised Date',
			'Date Raised',
			'Date Identified',
			'Identified',
			'Identified Date',
			'Date Found',
			'Reported',
			'Date Reported',
			'Date Opened',
			'Opened',
			'Created',
			'Date Created'
		],
		dueOn: ['Due', 'Due Date', 'Target Date', 'Target Remediation Date', 'Remediation Due', 'Deadline', 'Agreed Date'],
		owner: ['Owner', 'Action Owner', 'Finding Owner', 'Responsible', 'Responsible Officer', 'Assigned To', 'Assignee'],
		status: ['Status', 'Finding Status', 'Remediation Status', 'State'],
		remediatedOn: [
			'Remediated',
			'Remediated Date',
			'Date Remediated',
			'Remediated On',
			'Closed',
			'Closed Date',
			'Date Closed',
			'Fixed Date',
			'Date Fixed',
			'Resolved Date',
			'Date Resolved'
		],
		acceptedBy: ['Accepted By', 'Risk Accepted By', 'Risk Acceptor'],
		acceptedReason: ['Accepted Reason', 'Acceptance Reason', 'Risk Acceptance Reason', 'Reason for Acceptance', 'Justification', 'Rationale'],
		acceptedOn: ['Accepted Date', 'Accepted On', 'Date Accepted', 'Risk Accepted Date', 'Acceptance Date']
	}
};
