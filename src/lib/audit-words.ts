/** The audit trail in words for its page: what each action code means, and an event's summary as lines. */
const ACTIONS: Record<string, string> = {
	'assessment.reopen': 'Reopened a submitted DSPT assessment',
	'assessment.self_assess': 'Self-assessed an outcome',
	'assessment.submit': 'Submitted the DSPT assessment',
	'assessment.veracity_finding': "Recorded an assessor's finding",
	'assurance_activity.create': 'Recorded an assurance activity',
	'assurance_activity.remove': 'Removed an assurance activity',
	'assurance_finding.create': 'Recorded an assurance finding',
	'assurance_finding.resolve': 'Resolved an assurance finding',
	'audit.export': 'Exported the audit trail',
	'auth.sign_in': 'Signed in',
	'auth.sign_in_failed': 'Failed to sign in',
	'auth.sign_out': 'Signed out',
	'devices.snapshot': 'Imported a device snapshot',
	'evidence.add': 'Added an evidence file',
	'evidence.remove': 'Removed an evidence file',
	'import.dspt_status': 'Imported public DSPT statuses',
	'improvement_action.create': 'Added an improvement action',
	'improvement_action.update': 'Updated an improvement action',
	'incidents.create': 'Recorded incidents',
	'incidents.regrade': 'Regraded incidents',
	'investment.create': 'Recorded an investment',
	'messaging_app.withdraw': 'Withdrew a messaging app’s approval',
	'organisation.create': 'Added an organisation',
	'organisation.headcount': 'Set the staff headcount',
	'organisation.it_budget': 'Set the IT budget',
	'report.generate': 'Generated a pack',
	'report.share': 'Shared a pack with a regulator',
	'report.sign_off': "Recorded the board's sign-off",
	'seed.national': 'Built the national instance',
	'spend.create': 'Recorded spend',
	'training.create': 'Recorded training',
	'user.create': 'Added a user',
	'user.grant': 'Granted a role',
	'user.invitation_accepted': 'Accepted an invitation',
	'user.invitation_renew': 'Renewed an invitation',
	'user.invite': 'Invited someone',
	'user.revoke': 'Removed a role',
	'user.sign_out_everywhere': 'Signed out everywhere'
};

/** "report.sign_off" → "Recorded the board's sign-off"; an unknown code in words ("Thing: do it"). */
export function auditActionLabel(action: string): string {
	const known = ACTIONS[action];
	if (known) return known;
	const [entity = '', verb = ''] = action.split('.');
	const words = (s: string) => s.replaceAll('_', ' ');
	const head = words(entity);
	return verb ? `${head.charAt(0).toUpperCase()}${head.slice(1)}: ${words(verb)}` : head;
}

/** "dataSha256" → "data SHA-256", "signedOffOn" → "signed off on". */
function keyWords(key: string): string {
	return key
		.replace(/Sha256/g, ' SHA-256')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replaceAll('_', ' ')
		.toLowerCase()
		.replace('sha-256', 'SHA-256')
		.replace(/^ods$/, 'ODS code');
}

function valueWords(value: unknown): string {
	if (value === null || value === undefined) return '—';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(valueWords).join(', ');
	return Object.entries(value as Record<string, unknown>)
		.map(([k, v]) => `${keyWords(k)} ${valueWords(v)}`)
		.join('; ');
}

/** An event's summary (JSON) as "key: value" lines, at most `max`; text that is not JSON as it is. */
export function auditSummaryLines(summary: string | null, max = 12): string[] {
	if (!summary) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(summary);
	} catch {
		return [summary];
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [valueWords(parsed)];
	const entries = Object.entries(parsed as Record<string, unknown>);
	const lines = entries.slice(0, max).map(([k, v]) => `${keyWords(k)}: ${valueWords(v)}`);
	if (entries.length > max) lines.push(`and ${entries.length - max} more`);
	return lines;
}
