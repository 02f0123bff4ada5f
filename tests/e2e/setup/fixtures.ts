import type { Database } from '../../../src/lib/server/db/connect';
import { systemActor } from '../../../src/lib/server/auth/actor';
import { createOrganisation, listOrganisationSummaries, type OrganisationSummary } from '../../../src/lib/server/organisations/service';
import { addEvidence } from '../../../src/lib/server/assessment/evidence';
import { getOrganisationMetrics, type OrganisationMetrics } from '../../../src/lib/server/metrics/service';
import { generateReport, shareReport } from '../../../src/lib/server/reports/service';
import { createUser, inviteUser } from '../../../src/lib/server/users/service';
import { ROLES, type Role } from '../../../src/lib/schemas/user';
import { getAssuranceRegister, type AssuranceRegister } from '../../../src/lib/server/assurance/service';
import { createReportActivities, createZB1Assurance } from './assurance-fixtures';

export const TEST_PASSWORD = 'e2e test password 42';

/** Accounts of the IT lead's and board's submission journey (tests/e2e/submission-journey.test.ts), kept out of the principals. */
export const SUBMISSION_JOURNEY = { it_lead: 'lead.zb4@e2e.beacon.invalid', board: 'board.zb4@e2e.beacon.invalid' } as const;

/** A local account the tests sign in as, and where its one grant sits. */
export interface Principal {
	key: string;
	email: string;
	role: Role;
	/** ODS code of the granted organisation; null for the administrator. */
	ods: string | null;
}

export interface Fixtures {
	organisations: OrganisationSummary[];
	principals: Principal[];
	/** Accounts tests may disable or sign out, so no other test depends on them. */
	victims: { email: string; id: number }[];
	inviteTokens: string[];
	/** An evidence file on outcome A1.a of the DSPT 2024-25 of each organisation a route test visits, by ODS code. */
	evidenceIds: Record<string, number>;
	/** What the `metrics` command gives for trust ZB1 as of METRICS_AS_OF: the figures dashboard pages must show. */
	metricsZB1: OrganisationMetrics;
	/** An assurance activity with a report file on each organisation a route test visits, by ODS code. */
	activityIds: Record<string, number>;
	/** What the assurance service gives for trust ZB1 as of METRICS_AS_OF: the figures the Assurance page must show. */
	assuranceZB1: AssuranceRegister;
	/** A regulator pack of each organisation a route test visits (2025-26), shared with the regulators of ZB1 and ZB0. */
	reportIds: Record<string, string>;
}

/** The date the dashboard tests read the demo as of (pages take it as ?asOf=). */
export const METRICS_AS_OF = '2026-03-31';

/** A minimal PDF: what the evidence routes serve back. */
export const EVIDENCE_PDF = '%PDF-1.4\n% Beacon e2e evidence\n%%EOF\n';

/**
 * Given a database with the shipped frameworks and the demo (ICB ZB0 with trusts ZB1–ZB5, and the real trusts
 * of its public status snapshot) loaded, add a second ICB ZC0 with trust ZC1 as "another organisation", one
 * user per role on trust ZB1 and on ICB ZB0, an administrator, spare accounts and invitations.
 */
export async function createFixtures(database: Database): Promise<Fixtures> {
	const ctx = { db: database.db, actor: systemActor('e2e-setup') };
	await createOrganisation(ctx, { ods: 'ZC0', name: 'NHS Elsewhere ICB (test)', kind: 'icb' });
	await createOrganisation(ctx, { ods: 'ZC1', name: 'Elsewhere Trust (test)', kind: 'trust', parentOds: 'ZC0' });
	const principals: Principal[] = [{ key: 'admin', email: 'admin@e2e.beacon.invalid', role: 'admin', ods: null }];
	for (const role of ROLES.filter((r) => r !== 'admin')) {
		for (const ods of ['ZB1', 'ZB0']) principals.push({ key: `${role}@${ods}`, email: `${role}.${ods.toLowerCase()}@e2e.beacon.invalid`, role, ods });
	}
	for (const p of principals) {
		await createUser(ctx, { email: p.email, name: `E2E ${p.key}`, password: TEST_PASSWORD, grant: { role: p.role, ods: p.ods ?? undefined } });
	}
	const victims = [];
	for (const name of ['victim-matrix', 'victim-revoke', 'victim-throttle']) {
		const user = await createUser(ctx, { email: `${name}@e2e.beacon.invalid`, name, password: TEST_PASSWORD, grant: { role: 'board', ods: 'ZB1' } });
		victims.push({ email: user.email, id: user.id });
	}
	// The submission journey's own accounts, on trust ZB4, which no other test changes (it submits ZB4's assessment).
	for (const [role, email] of Object.entries(SUBMISSION_JOURNEY) as [Role, string][])
		await createUser(ctx, { email, name: `Journey ${role} ZB4`, password: TEST_PASSWORD, grant: { role, ods: 'ZB4' } });
	const inviteTokens = [];
	for (let i = 1; i <= 3; i++) {
		const { token } = await inviteUser(ctx, { email: `invited${i}@e2e.beacon.invalid`, name: `Invited ${i}`, grant: { role: 'it_lead', ods: 'ZB2' } });
		inviteTokens.push(token);
	}
	const evidenceIds: Record<string, number> = {};
	for (const ods of ['ZB0', 'ZB1', 'ZB2', 'ZC1']) {
		const { id } = await addEvidence(ctx, ods, '2024-25', 'A1.a', { name: `${ods}-board-minutes.pdf`, bytes: new TextEncoder().encode(EVIDENCE_PDF) });
		evidenceIds[ods] = id;
	}
	const activityIds = await createReportActivities(ctx, ['ZB0', 'ZB1', 'ZB2', 'ZC1']);
	await createZB1Assurance(ctx, database, activityIds.ZB1!);
	const metricsZB1 = await getOrganisationMetrics(ctx, 'ZB1', METRICS_AS_OF);
	const assuranceZB1 = await getAssuranceRegister(ctx, 'ZB1', METRICS_AS_OF);
	const reportIds: Record<string, string> = {};
	for (const ods of ['ZB0', 'ZB1', 'ZB2', 'ZC1']) {
		const { reportId } = await generateReport(ctx, ods, 'regulator', '2025-26');
		reportIds[ods] = reportId;
		if (ods !== 'ZC1') for (const p of principals.filter((x) => x.role === 'regulator')) await shareReport(ctx, ods, reportId, p.email);
	}
	return {
		organisations: await listOrganisationSummaries(ctx),
		principals,
		victims,
		inviteTokens,
		evidenceIds,
		activityIds,
		metricsZB1,
		assuranceZB1,
		reportIds
	};
}
