import type { PackInvestmentReturn, PackReturns } from '../../../../reports/board-pack-extras';
import type { InvestmentReturns } from '../roi/service';

const INPUTS = { slePence: 'sle', aro: 'aro', mitigation: 'mitigation', annualCostPence: 'annualCost' } as const;

/**
 * The returns page's figures as a board pack freezes them: each investment's modelled (ENISA) return from
 * Beacon's default inputs, with where each input came from, and its observed before/after comparison.
 */
export function toPackReturns(r: InvestmentReturns): PackReturns {
	return {
		asOf: r.asOf,
		investments: r.investments.map((v): PackInvestmentReturn => {
			const m = v.modelled;
			const o = v.observed;
			const window = (w: NonNullable<typeof o>['before']) => ({
				from: w.from,
				through: w.through,
				incidents: w.incidents,
				costPence: w.costPence,
				costedIncidents: w.costedIncidents
			});
			return {
				name: v.name,
				category: v.category,
				goLiveOn: v.goLiveOn,
				live: v.live,
				annualCostPence: v.annualCostPence,
				targetedCategories: [...v.targetedCategories],
				modelled: m.result && {
					slePence: m.result.inputs.slePence,
					aro: m.result.inputs.aro,
					mitigation: m.result.inputs.mitigation,
					alePence: m.result.alePence,
					avoidedPence: m.result.avoidedPence,
					netBenefitPence: m.result.netBenefitPence,
					rosi: m.result.rosi,
					sources: (Object.keys(INPUTS) as (keyof typeof INPUTS)[]).map((k) => ({
						input: INPUTS[k],
						text: m.sources[k].text,
						assumed: m.sources[k].kind === 'assumption'
					}))
				},
				modelledProblem: m.result ? null : m.problem,
				observed: o && {
					before: window(o.before),
					after: window(o.after),
					incidentsChange: o.change.incidentsFraction,
					costChange: o.change.costFraction,
					windowNote: o.windowNote,
					caution: o.caution
				},
				observedNote: v.observedNote
			};
		})
	};
}
