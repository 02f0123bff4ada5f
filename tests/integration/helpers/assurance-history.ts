import { fileURLToPath } from 'node:url';
import { recordActivity } from '../../../src/lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '../../../src/lib/server/assurance/findings';
import { approveMessagingApp } from '../../../src/lib/server/assurance/messaging';
import type { ServiceContext } from '../../../src/lib/server/context';
import { createDeviceSnapshot } from '../../../src/lib/server/devices/service';
import { importFile } from '../../../src/lib/server/imports/import-file';

const APPS = fileURLToPath(new URL('../../fixtures/imports/intune-discovered-apps-counts-2025-09.csv', import.meta.url));
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A year of assurance for a trust in financial year 2025-26, recorded through the services as a user would:
 * an internal audit, a penetration test whose findings are remediated on time, late and by accepting the
 * risk, a DSPT independent assessment with its report, three phishing exercises (the last by staff group),
 * an approved messaging app and a discovered-apps export. Read as of 31 March 2026: 3 findings open
 * (1 high, 1 medium, 1 low), 2 overdue (1 high), 1 risk accepted, 2 of 4 critical or high dealt with
 * within 14 days, 23 days to remediate on average.
 */
export async function recordAssuranceHistory(ctx: ServiceContext, ods: string): Promise<void> {
	await createDeviceSnapshot(ctx, ods, {
		asOf: '2025-09-01',
		source: 'other',
		counts: { total: 1500, managed: 1400, compliant: 1300, encrypted: 1400, supportedOs: 1350 }
	});
	await approveMessagingApp(ctx, ods, { name: 'Pando', activeUsers: 2000, activeUsersOn: '2026-01-31' });
	await importFile(ctx, { kind: 'apps', ods, path: APPS, asOf: '2025-09-15' });

	await recordActivity(ctx, ods, {
		type: 'internal_audit',
		title: 'Internal audit: access management',
		provider: 'Internal Audit',
		startedOn: '2025-06-01',
		completedOn: '2025-06-30',
		opinion: 'limited'
	});
	const pt = await recordActivity(ctx, ods, {
		type: 'penetration_test',
		title: 'External and internal penetration test',
		provider: 'Red Team Ltd',
		startedOn: '2025-10-01',
		completedOn: '2025-10-15'
	});
	const ia = await recordActivity(
		ctx,
		ods,
		{
			type: 'dspt_independent_assessment',
			title: 'DSPT 2025-26 independent assessment',
			provider: 'Audit One LLP',
			startedOn: '2026-01-10',
			completedOn: '2026-02-20',
			scope: 'The DSPT 2025-26 submission',
			opinion: 'moderate',
			veracityConfidence: 'high',
			opinionNote: 'Two outcomes over-claimed.'
		},
		{ report: { name: 'ia-report.pdf', bytes: PDF } }
	);
	await recordActivity(
		ctx,
		ods,
		{ type: 'phishing_exercise', title: 'Summer phishing exercise', startedOn: '2025-06-10' },
		{ phishing: [{ staffGroup: '', emailsSent: 1000, clicked: 150, reported: 200 }] }
	);
	await recordActivity(
		ctx,
		ods,
		{ type: 'phishing_exercise', title: 'Autumn phishing exercise', startedOn: '2025-09-10' },
		{ phishing: [{ staffGroup: '', emailsSent: 1000, clicked: 120, reported: 260 }] }
	);
	await recordActivity(
		ctx,
		ods,
		{ type: 'phishing_exercise', title: 'Winter phishing exercise', startedOn: '2026-01-15' },
		{
			phishing: [
				{ staffGroup: 'Nursing', emailsSent: 600, clicked: 60, credentialsEntered: 10, reported: 170 },
				{ staffGroup: 'Medical and Dental', emailsSent: 400, clicked: 30, credentialsEntered: 5, reported: 140 }
			]
		}
	);

	const finding = (reference: string, title: string, severity: 'critical' | 'high' | 'medium' | 'low', raisedOn: string, activityId: number, owner?: string) =>
		recordFinding(ctx, ods, { reference, title, severity, raisedOn, activityId, owner });
	await finding('PT-01', 'Unpatched VPN appliance', 'critical', '2025-10-15', pt.id, 'Network manager');
	await finding('PT-02', 'Default credentials on a printer', 'high', '2025-10-15', pt.id, 'Service desk');
	await finding('PT-03', 'Legacy PACS server on an unsupported OS', 'high', '2025-10-15', pt.id);
	await finding('PT-04', 'TLS 1.0 enabled on the intranet', 'medium', '2025-10-15', pt.id, 'Web team');
	await finding('IA-01', 'Board training records incomplete', 'high', '2026-02-20', ia.id, 'IG lead');
	await finding('IA-02', 'Asset register out of date', 'low', '2026-02-20', ia.id);
	await resolveFinding(ctx, ods, 'PT-01', { status: 'remediated', remediatedOn: '2025-10-25' });
	await resolveFinding(ctx, ods, 'PT-02', { status: 'remediated', remediatedOn: '2025-11-20' });
	await resolveFinding(ctx, ods, 'PT-03', {
		status: 'risk_accepted',
		acceptedOn: '2025-10-28',
		acceptedBy: 'Jane Doe, SIRO',
		acceptedReason: 'Isolated on its own network segment; replaced in 2026-27.'
	});
}
