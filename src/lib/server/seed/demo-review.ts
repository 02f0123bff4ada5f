import { createAction } from '../assessment/actions';
import { addEvidence } from '../assessment/evidence';
import { recordFinding } from '../assessment/findings';
import { systemActor } from '../auth/actor';
import type { ServiceContext } from '../context';
import { getScorecard } from '../scorecard/service';
import { DEMO_EDITION } from './demo-assessment';
import { DEMO_END } from './demo-profile';

/**
 * What the demo IT lead's trust (Borchester, ZB1) has beyond its self-assessment, so the demo shows the
 * whole of the product: evidence files on some outcomes (uploaded before the September 2026 review), the
 * independent assessor's findings from the June 2026 assessment, and actions on the claims the data does
 * not bear out, some overdue at the demo's end. Each is made through the service a person would use, dated
 * by the context's clock, so the history and the audit trail read as if it happened then.
 */
export const DEMO_REVIEW_ODS = 'ZB1';

const EVIDENCE: readonly { outcome: string; name: string; on: string; text: string }[] = [
	{
		outcome: 'A3.a',
		name: 'information-asset-register-2026-08.csv',
		on: '2026-08-28T14:00:00Z',
		text: [
			'Asset,Information asset owner,Classification,Last reviewed',
			'Patient administration system,Chief Operating Officer,OFFICIAL-SENSITIVE,2026-07-14',
			'Electronic prescribing,Chief Pharmacist,OFFICIAL-SENSITIVE,2026-06-30',
			'Radiology image archive,Clinical Director of Radiology,OFFICIAL-SENSITIVE,2026-08-05',
			'Electronic staff record,Director of People,OFFICIAL-SENSITIVE,2026-05-21',
			'Finance ledger,Director of Finance,OFFICIAL,2026-07-02',
			''
		].join('\r\n')
	},
	{
		outcome: 'B5.a',
		name: 'backup-restore-tests-2026.csv',
		on: '2026-09-04T10:30:00Z',
		text: [
			'System,Restore tested on,Recovery time (hours),Target (hours),Result',
			'Patient administration system,2026-03-12,5.5,8,Met',
			'Electronic prescribing,2026-05-20,3,4,Met',
			'Radiology image archive,2026-08-19,14,12,Not met: restore from tape took longer than the target',
			''
		].join('\r\n')
	},
	{
		outcome: 'D1.b',
		name: 'incident-response-exercise-2026-03.txt',
		on: '2026-04-02T09:00:00Z',
		text: [
			'Exercise "Dark Harvest": a ransomware tabletop exercise, 18 March 2026.',
			'Taking part: SIRO, Cyber Security Lead, Head of Digital Services, on-call managers, Emergency Department.',
			'Lessons: downtime procedures for electronic prescribing were out of date; the out-of-hours contact list lacked the ICB.',
			'Both are actions on the improvement plan.',
			''
		].join('\n')
	},
	{
		outcome: 'E4.a',
		name: 'records-management-audit-2026.txt',
		on: '2026-07-10T16:00:00Z',
		text: 'Internal records audit, June 2026: 40 health records sampled across six wards; 38 complete and filed within the retention schedule.\n'
	}
];

const FINDINGS: readonly { outcome: string; verdict: 'supported' | 'overstated' | 'insufficient_evidence'; note: string }[] = [
	{ outcome: 'A3.a', verdict: 'supported', note: 'Asset register seen, with owners and review dates for every critical system.' },
	{
		outcome: 'B4.d',
		verdict: 'overstated',
		note: 'Vulnerability scans show critical findings open past their target dates; the level claimed is not yet reached.'
	},
	{ outcome: 'C1.d', verdict: 'insufficient_evidence', note: 'No record of how security incidents are identified out of hours was provided.' }
];

/** The assessor's fieldwork closed on 5 June 2026; the review opened its actions on 15 June. */
const FINDINGS_AT = new Date('2026-06-05T15:00:00Z');
const ACTIONS_AT = new Date('2026-06-15T10:00:00Z');

/** What the review adds to ZB1 (which must already hold its self-assessment): counts of each kind. */
export async function seedDemoReview(ctx: ServiceContext): Promise<{ evidence: number; findings: number; actions: number }> {
	const at = (date: Date): ServiceContext => ({ ...ctx, clock: () => date });
	for (const file of EVIDENCE) {
		await addEvidence(at(new Date(file.on)), DEMO_REVIEW_ODS, DEMO_EDITION, file.outcome, { name: file.name, bytes: new TextEncoder().encode(file.text) });
	}
	const assessor = { ...at(FINDINGS_AT), actor: systemActor('Ambridge Audit and Assurance LLP (demo assessor)') };
	for (const finding of FINDINGS)
		await recordFinding(assessor, DEMO_REVIEW_ODS, DEMO_EDITION, finding.outcome, { verdict: finding.verdict, note: finding.note });

	// The claims the data does not bear out as of the demo's end: the first is overdue by a month, the
	// second is under way but past its date, the third is due after the end.
	const card = await getScorecard(ctx, DEMO_REVIEW_ODS, DEMO_EDITION, DEMO_END);
	const questioned = card.outcomes.filter((o) => o.disagreement).slice(0, 3);
	const plans = [
		{ dueOn: '2026-08-28', status: 'open' as const, owner: 'Cyber Security Lead', progressNote: undefined },
		{ dueOn: '2026-09-18', status: 'in_progress' as const, owner: 'Head of Digital Services', progressNote: 'Evidence gathered for two of three systems.' },
		{ dueOn: '2026-12-18', status: 'open' as const, owner: 'Head of Information Governance', progressNote: undefined }
	];
	for (const [i, outcome] of questioned.entries()) {
		const plan = plans[i]!;
		await createAction(at(ACTIONS_AT), DEMO_REVIEW_ODS, DEMO_EDITION, outcome.id, {
			title: `Show ${outcome.id} at the level claimed (${outcome.self ?? 'not assessed'}) or lower the claim: the data shows ${outcome.data ?? 'no level'}`,
			owner: plan.owner,
			dueOn: plan.dueOn,
			status: plan.status,
			progressNote: plan.progressNote
		});
	}
	return { evidence: EVIDENCE.length, findings: FINDINGS.length, actions: questioned.length };
}
