/**
 * Incident reportability on the 5 × 5 likelihood × severity grid. The thresholds are data (DOMAIN.md §2:
 * ICO when harm is at least likely and the impact at least minor; DHSC when the impact is at least
 * serious); later editions may change them, so callers pass the rules in force.
 */
export interface GradingRules {
	icoMinLikelihood: number;
	icoMinSeverity: number;
	dhscMinSeverity: number;
}

export const DEFAULT_GRADING_RULES: GradingRules = Object.freeze({
	icoMinLikelihood: 3,
	icoMinSeverity: 2,
	dhscMinSeverity: 4
});

export interface Grade {
	icoReportable: boolean;
	dhscReportable: boolean;
}

export function gradeIncident(likelihood: number, severity: number, rules: GradingRules = DEFAULT_GRADING_RULES): Grade {
	for (const [name, value] of [
		['likelihood', likelihood],
		['severity', severity]
	] as const) {
		if (!Number.isInteger(value) || value < 1 || value > 5) {
			throw new RangeError(`${name} must be a whole number from 1 to 5, not ${value}`);
		}
	}
	return {
		icoReportable: likelihood >= rules.icoMinLikelihood && severity >= rules.icoMinSeverity,
		dhscReportable: severity >= rules.dhscMinSeverity
	};
}
