import { formatCount } from '../format';
import type { ObservedReturn } from '../server/roi/observed';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { PALETTE } from './palette';

/**
 * The observed return as a chart: incidents of the targeted kinds in the window before go-live and the
 * equal window after it. Counts only (cost is in the table beside it): two units on one axis mislead.
 * Pure, with type-only server imports, so the browser bundle takes no server code.
 */
export function observedIncidentsChart(id: string, investment: string, o: ObservedReturn): ChartSpec {
	return barChart({
		id,
		title: `${investment}: targeted incidents in the ${formatCount(o.before.days)} days before and after go-live`,
		labels: ['Before go-live', 'After go-live'],
		labelHeading: 'Window',
		series: [{ label: 'Incidents', values: [o.before.incidents, o.after.incidents], colour: PALETTE.blue }],
		unit: 'count'
	});
}

/** A safe id for an investment's chart and form fields, from its name. */
export function investmentSlug(name: string): string {
	return (
		name
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'investment'
	);
}
