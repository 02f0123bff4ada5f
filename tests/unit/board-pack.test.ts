import { describe, expect, it } from 'vitest';
import { boardDecisions, boardPack, largestRisks, type BoardPackData } from '../../reports/board-pack';
import { toPackAssurance } from '../../src/lib/server/reports/assurance-data';
import { peopleCharts } from '../../src/lib/charts/people-charts';
import { emptyRegister } from '../helpers/assurance-fixture';
import { chartsIn } from '../helpers/chart-nodes';
import { META, empty, outcome, rate, sample, styled, textOf } from '../helpers/board-pack-sample';

describe('the board pack builder', () => {
	it('has a cover and every section in order, following on from one another after the cover, with the frame around it', () => {
		const doc = boardPack(sample(), META);
		expect(styled(doc.content, 'title')).toEqual(['Board assurance pack']);
		expect(styled(doc.content, 'h1')).toEqual([
			'Commentary from the IT lead',
			'Executive summary',
			'DSPT outcomes A–E',
			'People: data security training',
			'Technology: devices',
			'Incidents',
			'Assurance: audits, tests, phishing and messaging',
			'Investment and return',
			'Improvement plan',
			'Board sign-off'
		]);
		// Only the commentary (after the cover page) and the sign-off (a form to complete) start a page: a
		// section starting every page left pages half empty.
		const breaks = (doc.content as { style?: string; text?: string; pageBreak?: string }[]).filter((n) => n.style === 'h1' && n.pageBreak === 'before');
		expect(breaks.map((n) => n.text)).toEqual(['Commentary from the IT lead', 'Board sign-off']);
		expect(doc.pageSize).toBe('A4');
		expect(typeof doc.footer).toBe('function');
		expect(typeof doc.pageBreakBefore).toBe('function');
		const text = textOf(sample());
		for (const s of [
			'Test Trust (ZT1)',
			'Financial year 2025-26: 1 April 2025 to 31 March 2026',
			'OFFICIAL-SENSITIVE',
			'20 April 2026 at 10:30',
			'31 March 2026, the end of the period',
			'shown as they stood at the end of 31 March 2026; nothing recorded after that day is shown',
			META.reportId,
			'abababababab'
		])
			expect(text).toContain(s);
	});

	it('states the figures as the dashboard formats them', () => {
		const text = textOf(sample());
		expect(text).toContain(
			'The DSPT 2024-25 status as of 31 March 2026 is Standards Not Met: 2 of 4 outcomes meet their profile; 2 outcomes fall short (gaps), and 1 of them has no improvement action with an owner and a due date.'
		);
		expect(text).toContain(
			'91.2 % (4,562 of 5,003) of the staff required to complete data security training did so in the 12 months to 31 March 2026, below the 95.0 % target.'
		);
		for (const s of [
			'77.0 %',
			'1,829 of 2,374 devices',
			'£704,287',
			'£198,221',
			'£133',
			'81.8 %',
			'18 of 22 reportable incidents',
			'51.5 hours',
			'+1.2 points (better)',
			'−2 (better)',
			'Phishing',
			'62.8 %',
			'Check recipient addresses before sending.',
			'MDM rollout',
			'£332,323',
			'Board review',
			'Below target',
			'Meets target'
		])
			expect(text).toContain(s);
		// Years before the first with spend are left out of the table, and said so.
		expect(text).toContain('No spend is recorded for 2021-22 to 2023-24.');
		expect(text).not.toContain('2022-23\n');
		// Returns are the returns page's, not a promise of a later release.
		expect(text).not.toContain('not yet measured');
	});

	it('names the device snapshot by its source in words, never its code name', () => {
		const text = textOf(sample());
		expect(text).toContain('From the Microsoft Intune snapshot of 31 March 2026');
		expect(text).not.toMatch(/\bintune\b/);
	});

	it('writes each outcome state in words as well as shading', () => {
		const text = textOf(sample());
		expect(text).toContain('B2.a Identity and access');
		expect(text).toMatch(/Gap\naction planned; hard gate not confirmed/);
		expect(text).toMatch(/Meets profile\nself above data/);
		expect(text).toContain('Above profile');
		expect(text).toContain('A Managing risk: no gaps in 1 outcome');
		expect(text).toContain('C: 1 gap in 1 outcome');
	});

	it('derives the decisions asked of the board from the data, most pressing first', () => {
		expect(boardDecisions(sample())).toEqual([
			'Note that the hard gate on B2.a (The NHS England multi-factor authentication policy is met) is not confirmed as met: the DSPT cannot reach Standards Met until it is.',
			'Approve improvement actions, each with an owner and a due date, for the 1 gap without one (C1.a).',
			'Ask the owners of the 1 overdue improvement action for revised dates, or accept the risk of the delay.',
			'Note data security training at 91.2 % against the 95.0 % target, and ask for a recovery plan for the 1 staff group below it.',
			'Note that 4 ICO-reportable incidents were not notified within 72 hours, and ask how notification will be made on time.',
			'Ask the owners of the 1 critical or high finding past its due date to remediate it, or the SIRO to accept the risk with a reason: DSPT 9.2.3 expects 14 days.',
			'Ask for evidence for the 1 outcome self-assessed above what the data shows (B3.d).'
		]);
		expect(textOf(sample())).toContain('Approve improvement actions, each with an owner and a due date, for the 1 gap without one (C1.a).');
	});

	it('ranks the three largest risks: gaps, then claims above the data, then overdue actions', () => {
		expect(largestRisks(sample()).map((r) => r.kind)).toEqual(['gap', 'gap', 'veracity']);
		expect(largestRisks(sample())[0]!.text).toBe(
			'B2.a Identity and access: judged Partially achieved against a profile of Partially achieved; its hard gate is not confirmed as met; an improvement action with an owner and a due date covers it.'
		);
		const noGaps = { ...sample(), risks: { gaps: [], veracity: [] } };
		expect(largestRisks(noGaps)).toEqual([
			{ kind: 'overdue', text: 'Improvement action on A1.a, "Board review": 31 days overdue (due 28 February 2026; owner SIRO).' }
		]);
		expect(textOf(noGaps)).toContain('No outcome falls short of its profile. The largest risks the data shows:');
	});

	it('asks nothing of the board when the data shows nothing to decide', () => {
		const calm: BoardPackData = {
			...sample(),
			outcomes: [outcome('A1.a')],
			plan: { ...sample().plan, rollUp: [], overdue: [] },
			people: { ...sample().people, completionRate: rate(99, 100) },
			incidents: { ...sample().incidents, notifiedLate: 0, notNotifiedOverdue: 0 },
			assurance: toPackAssurance(emptyRegister())
		};
		expect(boardDecisions(calm)).toEqual([]);
		expect(textOf(calm)).toContain('The data asks no decision of the board: this pack is for noting.');
	});

	it('says so in plain words when there is no data, never leaving a section blank', () => {
		const text = textOf(empty());
		for (const s of [
			'No DSPT edition is loaded in Beacon, so this pack gives no DSPT status and no outcome heat map as of 31 March 2026.',
			'No DSPT edition is loaded in Beacon as of 31 March 2026, so there are no outcomes to show.',
			'No staff required to complete data security training are recorded as of 31 March 2026, so there is no completion rate to report.',
			'No device snapshot from mobile device management had been imported by 31 March 2026, so there are no device figures to report.',
			'No incidents were recorded in the 12 months to 31 March 2026. No incidents have been recorded in Beacon for this organisation at all.',
			'No lessons learned were recorded for incidents closed in the 12 months to 31 March 2026.',
			'No security spend was recorded in the financial years 2021-22 to 2025-26.',
			'No investments have been recorded in Beacon.',
			'so there is no improvement plan to report.',
			'there are no risks to rank',
			'No earlier board pack is on record, so changes are measured from 31 December 2025, three months before.',
			'not comparable'
		])
			expect(text).toContain(s);
		expect(text).not.toContain('NaN');
		expect(text).not.toContain('undefined');
	});

	it('tells an incident-free year from an organisation with no incidents recorded', () => {
		const quiet = { ...empty(), incidents: { ...empty().incidents, recorded: 40 } };
		expect(textOf(quiet)).toContain('No incidents were recorded in the 12 months to 31 March 2026.');
		expect(textOf(quiet)).not.toContain('for this organisation at all');
	});

	it('leaves lines to sign, or prints a recorded sign-off', () => {
		expect(textOf(sample())).toMatch(/For completion by the board member signing off[\s\S]*Name[\s\S]*Role[\s\S]*Date[\s\S]*Signature[\s\S]*Comment/);
		const signed = textOf({ ...sample(), signOff: { name: 'Jane Smith', role: 'Chair', date: '2026-04-28', comment: 'Received and noted.' } });
		for (const s of ['Jane Smith', 'Chair', '28 April 2026', 'Received and noted.']) expect(signed).toContain(s);
		expect(signed).not.toContain('For completion by the board member');
	});

	it('is pure: the same data gives the same document', () => {
		expect(JSON.stringify(boardPack(sample(), META).content)).toBe(JSON.stringify(boardPack(sample(), META).content));
	});

	it('asks for the charts the dashboard draws, by specification and printed size, leaving the drawing to the renderer', () => {
		const d = sample();
		const charts = chartsIn(boardPack(d, META).content);
		const size = (height: number) => ({ width: 515, height });
		expect(charts.map((c) => [c.spec.id, c.size])).toEqual([
			['training-trend', size(190)],
			['device-rates-trend', size(190)],
			['device-stale-trend', size(150)],
			['incidents-by-month', size(190)],
			['assurance-phishing-trend', size(160)],
			['spend-by-category', size(135)]
		]);
		expect(charts[0]!.spec).toEqual(peopleCharts({ target: d.people.target, byStaffGroup: [], byDepartment: [], trend: d.people.trend })[2]);
		expect(JSON.stringify(boardPack(d, META))).not.toContain('data:image');
	});
});
