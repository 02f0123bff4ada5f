import { zipSync } from 'fflate';
import { canonicalJson, sha256Hex } from '../src/lib/server/reports/canonical-json';
import { toCsv } from '../src/lib/server/csv';
import type { RegulatorAssurance } from './assurance-data';
import type { FrameInput } from './frame';
import { hardGateText } from './regulator-outcome';
import type { RegulatorPackData } from './regulator-types';

/**
 * The regulator pack's machine-readable bundle: a zip of
 * - assessment.json, the pack's data as canonical JSON: exactly the text whose SHA-256 is the report's data
 *   hash, so anyone can check the hash by hashing the file;
 * - outcomes.csv, evidence.csv, actions.csv and metrics.csv, and the assurance registers activities.csv,
 *   findings.csv, phishing.csv and messaging-apps.csv, for spreadsheets (every cell that a spreadsheet would
 *   run as a formula neutralised, as every Beacon CSV is);
 * - manifest.json: the report id, the data hash, each file's name, size and SHA-256, and the audit trail's
 *   checkpoint when the pack was made.
 * Deterministic: the same data and report give byte-identical zips (fixed order, fixed file times, fixed
 * compression), so a bundle can be rebuilt from a frozen snapshot and compared.
 */
export const BUNDLE_FORMAT = 'beacon-regulator-bundle';

export interface BundleManifest {
	format: typeof BUNDLE_FORMAT;
	formatVersion: 1;
	reportId: string;
	organisation: { ods: string; name: string };
	period: string;
	edition: string;
	generatedAt: string;
	dataSha256: string;
	files: { name: string; bytes: number; sha256: string }[];
	/** The audit trail's checkpoint when the pack was made (`audit verify --checkpoint BUNDLE.zip`). */
	auditCheckpoint?: FrameInput['auditCheckpoint'];
}

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');

/** The CSV files, in the order they go in the zip. */
export function bundleCsvFiles(data: RegulatorPackData): [string, string][] {
	const rows = data.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes.map((x) => ({ objective: o.code, principle: p.code, o: x }))));
	const outcomes = toCsv(
		[
			'objective',
			'principle',
			'outcome',
			'title',
			'profile',
			'self_assessed',
			'data_indicated',
			'judged',
			'meets_profile',
			'gap',
			'action_planned',
			'veracity_flag',
			'hard_gate',
			'hard_gate_status',
			'explanation',
			'rationale',
			'owner',
			'review_on',
			'evidence_files',
			'finding',
			'finding_note',
			'finding_recorded_at'
		],
		rows.map(({ objective, principle, o }) => [
			objective,
			principle,
			o.id,
			o.title,
			o.profile,
			o.self,
			o.data,
			o.judged,
			yesNo(o.meetsProfile),
			yesNo(o.gap),
			yesNo(o.planned),
			yesNo(o.disagreement),
			o.hardGate,
			o.hardGate === null ? '' : hardGateText(o),
			o.explanation,
			o.rationale,
			o.owner,
			o.reviewOn,
			o.evidence.length,
			o.finding?.verdict,
			o.finding?.note,
			o.finding?.recordedAt
		])
	);
	const evidence = toCsv(
		['outcome', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'],
		rows.flatMap(({ o }) => o.evidence.map((e) => [o.id, e.fileName, e.mediaType, e.sizeBytes, e.sha256, e.uploadedAt]))
	);
	const actions = toCsv(
		['objective', 'outcome', 'outcome_title', 'action', 'owner', 'due_on', 'status', 'overdue', 'progress_note'],
		data.plan.actions.map((a) => [a.objective, a.outcome, a.outcomeTitle, a.title, a.owner, a.dueOn, a.status, yesNo(a.overdue), a.progressNote])
	);
	const metrics = toCsv(
		['metric', 'label', 'value', 'numerator', 'denominator', 'as_of', 'read_by_outcomes', 'definition'],
		data.metrics.items.map((m) => [m.name, m.label, m.value, m.numerator, m.denominator, data.metrics.asOf, m.usedBy.join(' '), m.definition])
	);
	// A snapshot frozen before assurance was added (formatVersion 1) has none: its bundle, made again, must
	// be the one issued then, byte for byte.
	const assurance = (data as { assurance?: RegulatorAssurance }).assurance;
	return [
		['outcomes.csv', outcomes],
		['evidence.csv', evidence],
		['actions.csv', actions],
		['metrics.csv', metrics],
		...(assurance ? assuranceCsvFiles(assurance) : [])
	];
}

/** The assurance registers as CSV: every row the pack's tables print, with the full text of every field. */
export function assuranceCsvFiles(a: RegulatorAssurance): [string, string][] {
	const activities = toCsv(
		[
			'type',
			'title',
			'provider',
			'started_on',
			'completed_on',
			'scope',
			'opinion',
			'confidence',
			'opinion_note',
			'report_file',
			'findings',
			'findings_critical_high',
			'findings_open'
		],
		a.activities.map((x) => [
			x.typeLabel,
			x.title,
			x.provider,
			x.startedOn,
			x.completedOn,
			x.scope,
			x.opinion,
			x.confidence,
			x.opinionNote,
			x.reportFileName,
			x.findings,
			x.findingsCriticalHigh,
			x.findingsOpen
		])
	);
	const findings = toCsv(
		[
			'reference',
			'title',
			'severity',
			'raised_on',
			'due_on',
			'owner',
			'status',
			'closed_on',
			'accepted_by',
			'accepted_reason',
			'activity',
			'overdue',
			'days_overdue',
			'age_days',
			'within_14_days'
		],
		a.register.map((f) => [
			f.reference,
			f.title,
			f.severity,
			f.raisedOn,
			f.dueOn,
			f.owner,
			f.status,
			f.closedOn,
			f.acceptedBy,
			f.acceptedReason,
			f.activity,
			yesNo(f.overdue),
			f.daysOverdue,
			f.ageDays,
			yesNo(f.within14Days)
		])
	);
	// One row per exercise (staff_group empty), then one per staff group where given: sum one level, not both.
	const phishing = toCsv(
		['exercise', 'started_on', 'staff_group', 'emails_sent', 'clicked', 'credentials_entered', 'reported'],
		a.phishingExercises.flatMap((e) => [
			[e.title, e.startedOn, '', e.emailsSent, e.clicked, e.credentialsEntered, e.reported],
			...e.groups.map((g) => [e.title, e.startedOn, g.staffGroup, g.emailsSent, g.clicked, g.credentialsEntered, g.reported])
		])
	);
	const apps = toCsv(
		['app_name', 'recognised_as', 'approved', 'devices', 'export_on'],
		a.messagingApps.map((m) => [m.appName, m.matched, yesNo(m.approved), m.devices, a.messaging.snapshotOn])
	);
	return [
		['activities.csv', activities],
		['findings.csv', findings],
		['phishing.csv', phishing],
		['messaging-apps.csv', apps]
	];
}

/** A Date whose local calendar fields are the given day at midnight: zip times are local, so this is the same in every time zone. */
function zipTime(isoDay: string): Date {
	const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
	return new Date(Math.min(Math.max(y, 1980), 2099), m - 1, d);
}

/** The bundle's files in order, the manifest last: the zip's entries, and the files embedded in the pack's PDF. */
export function regulatorBundleFiles(data: RegulatorPackData, meta: FrameInput): [string, Uint8Array][] {
	const encoder = new TextEncoder();
	const files: [string, Uint8Array][] = [
		['assessment.json', encoder.encode(canonicalJson(data))],
		...bundleCsvFiles(data).map(([name, text]): [string, Uint8Array] => [name, encoder.encode(text)])
	];
	const manifest: BundleManifest = {
		format: BUNDLE_FORMAT,
		formatVersion: 1,
		reportId: meta.reportId,
		organisation: data.organisation,
		period: data.period.label,
		edition: data.edition.edition,
		generatedAt: meta.generatedAt,
		dataSha256: meta.dataSha256,
		files: files.map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
		...(meta.auditCheckpoint ? { auditCheckpoint: meta.auditCheckpoint } : {})
	};
	files.push(['manifest.json', encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`)]);
	return files;
}

export function regulatorBundle(data: RegulatorPackData, meta: FrameInput): Buffer {
	const files = regulatorBundleFiles(data, meta);
	// Every entry dated the pack's as-of day: a fixed time, not the moment of zipping.
	const mtime = zipTime(data.period.asOf);
	const zip = zipSync(Object.fromEntries(files.map(([name, bytes]) => [name, [bytes, { mtime }]])), { level: 6, mtime });
	return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
