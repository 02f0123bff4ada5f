import type { Level } from '../frameworks/levels';

/**
 * What a trust would point to for each CAF principle when it explains a self-assessment: the demo's
 * rationales name the outcome, the level claimed, the evidence it rests on and who reviewed it, so no two
 * outcomes read alike (as no two do in a real assessment).
 */
const EVIDENCE: Record<string, string> = {
	A1: 'board minutes, the SIRO’s annual report and the terms of reference of the Digital and Data Security Committee',
	A2: 'the corporate risk register, its cyber risks and the quarterly risk reviews',
	A3: 'the information asset register and the asset owners’ annual sign-off',
	A4: 'supplier contracts, their security schedules and the supplier assurance log',
	B1: 'the information security policy set and its review dates',
	B2: 'the access control standard, privileged account reviews and joiners, movers and leavers reports',
	B3: 'the data flow map, the encryption reports from device management and the removable media log',
	B4: 'the patching reports, the vulnerability scans and the unsupported software register',
	B5: 'backup restore tests, the network diagrams and the business continuity plans',
	B6: 'training completion by staff group and the phishing simulation results',
	C1: 'the security monitoring service’s alerts and the log retention schedule',
	C2: 'threat hunting records and the actions taken on national cyber alerts',
	D1: 'the incident response plan and the report of its last exercise',
	D2: 'post-incident reviews and the lessons learned log',
	E1: 'the privacy notices and the data protection impact assessments',
	E2: 'subject access request response times and the rights requests log',
	E3: 'the data sharing agreements and the Caldicott Guardian’s log',
	E4: 'the records management policy, the retention schedule and the last records audit'
};

const CLAIM: Record<Level, (evidence: string) => string> = {
	achieved: (evidence) => `Achieved: ${evidence} show it in place and working.`,
	partially_achieved: (evidence) => `Partially achieved: ${evidence} show most of it in place; the rest is on the improvement plan.`,
	not_achieved: (evidence) => `Not achieved: ${evidence} do not yet show it; the improvement plan says what will.`
};

/** The principle of an outcome code (B2.a → B2). */
const principleOf = (code: string) => code.split('.')[0] ?? code;

/** The rationale a demo response holds since the September 2026 review. */
export function demoRationale(outcome: { code: string; title: string }, self: Level, owner: string): string {
	const evidence = EVIDENCE[principleOf(outcome.code)] ?? 'the records Information Governance holds';
	return `${outcome.code} ${outcome.title}. ${CLAIM[self](evidence)} Reviewed by the ${owner} at the September 2026 assurance meeting.`;
}
