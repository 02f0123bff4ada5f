import { describe, expect, it } from 'vitest';
import { closedWithin14Days, daysOverdue, defaultDueOn, isOpenOn, isOverdueOn, type FindingDates } from '../../src/lib/server/assurance/finding-dates';

const finding = (over: Partial<FindingDates> = {}): FindingDates => ({
	severity: 'high',
	status: 'open',
	raisedOn: '2025-05-01',
	dueOn: '2025-05-15',
	remediatedOn: null,
	acceptedOn: null,
	...over
});

describe('finding due dates', () => {
	it('gives critical and high findings 14 days, medium 90 and low 180, across month ends', () => {
		expect(defaultDueOn('critical', '2025-05-01')).toBe('2025-05-15');
		expect(defaultDueOn('high', '2025-02-20')).toBe('2025-03-06');
		expect(defaultDueOn('medium', '2025-01-01')).toBe('2025-04-01');
		expect(defaultDueOn('low', '2025-01-01')).toBe('2025-06-30');
	});

	it('is not overdue on its due date, and overdue the day after', () => {
		const f = finding();
		expect(isOverdueOn(f, '2025-05-15')).toBe(false);
		expect(daysOverdue(f, '2025-05-15')).toBe(0);
		expect(isOverdueOn(f, '2025-05-16')).toBe(true);
		expect(daysOverdue(f, '2025-05-20')).toBe(5);
	});

	it('stops being overdue once remediated or risk-accepted, but counts as open before that day', () => {
		const remediated = finding({ status: 'remediated', remediatedOn: '2025-05-20' });
		expect(isOverdueOn(remediated, '2025-05-19')).toBe(true);
		expect(isOpenOn(remediated, '2025-05-19')).toBe(true);
		expect(isOpenOn(remediated, '2025-05-20')).toBe(false);
		expect(isOverdueOn(remediated, '2025-06-01')).toBe(false);
		const accepted = finding({ status: 'risk_accepted', acceptedOn: '2025-05-10' });
		expect(isOpenOn(accepted, '2025-05-10')).toBe(false);
		expect(isOverdueOn(accepted, '2025-06-01')).toBe(false);
	});

	it('is not open before it was raised', () => {
		expect(isOpenOn(finding(), '2025-04-30')).toBe(false);
	});

	it('judges 9.2.3 from the raised date: day 14 counts, day 15 does not, whatever the due date says', () => {
		expect(closedWithin14Days(finding({ status: 'remediated', remediatedOn: '2025-05-15' }))).toBe(true);
		expect(closedWithin14Days(finding({ status: 'remediated', remediatedOn: '2025-05-16' }))).toBe(false);
		// A due date pushed out does not make a late remediation timely.
		expect(closedWithin14Days(finding({ dueOn: '2025-06-30', status: 'remediated', remediatedOn: '2025-06-01' }))).toBe(false);
		expect(closedWithin14Days(finding({ status: 'risk_accepted', acceptedOn: '2025-05-15' }))).toBe(true);
		expect(closedWithin14Days(finding({ status: 'risk_accepted', acceptedOn: '2025-05-16' }))).toBe(false);
		expect(closedWithin14Days(finding())).toBe(false);
	});
});
