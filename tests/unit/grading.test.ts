import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES, gradeIncident } from '../../src/lib/server/incidents/grading';

describe('gradeIncident', () => {
	it('makes an incident ICO-reportable from likelihood 3 and severity 2, not below either', () => {
		expect(gradeIncident(3, 2).icoReportable).toBe(true);
		expect(gradeIncident(2, 2).icoReportable).toBe(false);
		expect(gradeIncident(3, 1).icoReportable).toBe(false);
		expect(gradeIncident(5, 5).icoReportable).toBe(true);
	});

	it('makes an incident DHSC-reportable from severity 4 whatever the likelihood', () => {
		expect(gradeIncident(1, 4)).toEqual({ icoReportable: false, dhscReportable: true });
		expect(gradeIncident(5, 3).dhscReportable).toBe(false);
	});

	it('follows rules passed in rather than built-in numbers', () => {
		const strict = { ...DEFAULT_GRADING_RULES, icoMinLikelihood: 4, dhscMinSeverity: 5 };
		expect(gradeIncident(3, 4, strict)).toEqual({ icoReportable: false, dhscReportable: false });
		expect(gradeIncident(4, 5, strict)).toEqual({ icoReportable: true, dhscReportable: true });
	});

	it('refuses grades off the 5 × 5 grid', () => {
		expect(() => gradeIncident(0, 3)).toThrow(/likelihood must be a whole number from 1 to 5, not 0/);
		expect(() => gradeIncident(3, 6)).toThrow(/severity/);
		expect(() => gradeIncident(2.5, 3)).toThrow(RangeError);
	});
});
