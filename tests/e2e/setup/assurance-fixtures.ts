import type { Database } from '../../../src/lib/server/db/connect';
import { recordActivity } from '../../../src/lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '../../../src/lib/server/assurance/findings';
import { approveMessagingApp } from '../../../src/lib/server/assurance/messaging';
import type { ServiceContext } from '../../../src/lib/server/context';

/** A minimal PDF: what the activity report routes serve back. */
export const REPORT_PDF = '%PDF-1.4\n% Beacon e2e assurance report\n%%EOF\n';

/**
 * An internal audit with its report on each organisation a route test visits (by ODS code), so the report
 * download route has something to serve wherever the authorization matrix tries it.
 */
export async function createReportActivities(ctx: ServiceContext, codes: readonly string[]): Promise<Record<string, number>> {
	const ids: Record<string, number> = {};
	for (const ods of codes) {
		const { id } = await recordActivity(
			ctx,
			ods,
			{
				type: 'internal_audit',
				title: 'E2E internal audit: data security and protection',
				provider: 'E2E Audit LLP',
				startedOn: '2025-11-03',
				completedOn: '2025-12-12',
				opinion: 'moderate',
				scope: 'DSPT evidence items sampled'
			},
			{ report: { name: `${ods}-internal-audit.pdf`, bytes: new TextEncoder().encode(REPORT_PDF) } }
		);
		ids[ods] = id;
	}
	return ids;
}

/**
 * Assurance records for trust ZB1 up to METRICS_AS_OF, whatever the demo holds, so the Assurance page has
 * something of every kind: findings overdue, open, remediated on time and late, and risk-accepted; two
 * phishing exercises (one by staff group); an approved app; a per-app discovered-apps export. References
 * start E2E- so they never meet the demo's.
 */
export async function createZB1Assurance(recordedNow: ServiceContext, database: Database, auditId: number): Promise<void> {
	// Findings keep their history (migration 20261209100000): the story is recorded long ago, so the page read
	// as of METRICS_AS_OF sees every status it sets (as tests/integration/helpers/clock.ts does).
	const ctx: ServiceContext = { ...recordedNow, clock: () => new Date('2024-01-01T00:00:00Z') };
	const { id: pentest } = await recordActivity(ctx, 'ZB1', {
		type: 'penetration_test',
		title: 'E2E external penetration test',
		provider: 'E2E Testing Ltd',
		startedOn: '2026-01-26',
		completedOn: '2026-02-02',
		opinion: 'fail'
	});
	await recordActivity(ctx, 'ZB1', {
		type: 'dspt_independent_assessment',
		title: 'E2E DSPT 2024-25 independent assessment',
		provider: 'E2E Audit LLP',
		startedOn: '2025-05-12',
		completedOn: '2025-06-13',
		opinion: 'moderate',
		veracityConfidence: 'medium'
	});
	const findings: [string, string, 'critical' | 'high' | 'medium' | 'low', string, number | null][] = [
		['E2E-PT-1', 'Unpatched VPN appliance exposed to the internet', 'critical', '2026-02-02', pentest],
		['E2E-PT-2', 'Weak TLS configuration on the patient portal', 'high', '2026-03-25', pentest],
		['E2E-IA-1', 'Leavers not removed from the clinical system within a week', 'medium', '2025-10-01', auditId],
		['E2E-PT-3', 'Default credentials on a print server', 'high', '2025-11-10', null],
		['E2E-PT-4', 'SQL injection in the staff rota system', 'critical', '2025-09-01', null],
		['E2E-IA-2', 'Information asset register a year out of date', 'low', '2025-12-12', auditId]
	];
	for (const [reference, title, severity, raisedOn, activityId] of findings) {
		await recordFinding(ctx, 'ZB1', { reference, title, severity, raisedOn, owner: 'Head of IT security', activityId: activityId ?? undefined });
	}
	await resolveFinding(ctx, 'ZB1', 'E2E-PT-3', { status: 'remediated', remediatedOn: '2025-11-20' });
	await resolveFinding(ctx, 'ZB1', 'E2E-PT-4', { status: 'remediated', remediatedOn: '2025-10-15' });
	await resolveFinding(ctx, 'ZB1', 'E2E-IA-2', {
		status: 'risk_accepted',
		acceptedOn: '2026-01-10',
		acceptedBy: 'SIRO',
		acceptedReason: 'Replaced by the new register in April'
	});

	await recordActivity(
		ctx,
		'ZB1',
		{ type: 'phishing_exercise', title: 'E2E phishing exercise, autumn', startedOn: '2025-10-06', completedOn: '2025-10-20' },
		{
			phishing: [{ staffGroup: '', emailsSent: 2000, clicked: 240, credentialsEntered: 30, reported: 300 }]
		}
	);
	await recordActivity(
		ctx,
		'ZB1',
		{ type: 'phishing_exercise', title: 'E2E phishing exercise, winter', startedOn: '2026-01-12', completedOn: '2026-01-26' },
		{
			phishing: [
				{ staffGroup: 'Nursing and Midwifery Registered', emailsSent: 800, clicked: 72, credentialsEntered: 10, reported: 150 },
				{ staffGroup: 'Administrative and Clerical', emailsSent: 600, clicked: 48, credentialsEntered: 5, reported: 140 },
				{ staffGroup: 'Medical and Dental', emailsSent: 400, clicked: 20, credentialsEntered: 2, reported: 90 }
			]
		}
	);
	// Approved on the day its users were counted, so the pages read as of METRICS_AS_OF show it approved.
	await approveMessagingApp({ ...ctx, clock: () => new Date('2026-03-01T09:00:00Z') }, 'ZB1', {
		name: 'Siilo',
		activeUsers: 1800,
		activeUsersOn: '2026-03-01'
	});

	// No service writes discovered-apps exports outside the import pipeline: the fixture writes one directly.
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZB1').executeTakeFirstOrThrow();
	const snapshot = await database.db
		.insertInto('discovered_app_snapshot')
		.values({ organisation_id: org.id, as_of: '2026-03-20', devices_total: null })
		.onConflict((oc) => oc.columns(['organisation_id', 'as_of']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (snapshot) {
		const apps: [string, string, number][] = [
			['WhatsApp', '2.24.6', 42],
			['WhatsApp Business', '2.24.6', 5],
			['Telegram', '10.9', 3],
			['Siilo', '3.1', 120],
			['Microsoft Outlook', '4.2', 900]
		];
		await database.db
			.insertInto('discovered_app')
			.values(apps.map(([app_name, app_version, device_count]) => ({ snapshot_id: snapshot.id, app_name, app_version, device_count })))
			.execute();
	}
}
