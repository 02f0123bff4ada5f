import type { BoardPackData } from '../../reports/board-pack-data';

/** What version 3 of a board pack's data adds, for the sample trust (board-pack-sample.ts): MDM rollout's return worked out by hand. */
export function sampleExtras(): Pick<BoardPackData, 'coverSheet' | 'returns' | 'assumptions'> {
	return {
		coverSheet: {
			meeting: 'Trust Board (public), 30 April 2026, item 9',
			purpose: 'assurance',
			recommendation: 'The board is asked to note the assurance given and approve the MFA recovery plan.',
			executiveLead: 'Alex Reed, Chief Digital Officer',
			author: 'Sam Patel, Head of IT Security',
			bafRisk: 'BAF 7: a cyber attack disrupts clinical services',
			commentary: 'Training recovered after the winter.\n\nMFA for remote access is the one hard gate left; the plan closes it by June.'
		},
		returns: {
			asOf: '2026-03-31',
			investments: [
				{
					name: 'MDM rollout',
					category: 'mdm',
					goLiveOn: '2025-04-01',
					live: true,
					annualCostPence: 21_000_000,
					targetedCategories: ['lost_stolen_device'],
					modelled: {
						slePence: 500_000,
						aro: 15,
						mitigation: 0.7,
						alePence: 7_500_000,
						avoidedPence: 5_250_000,
						netBenefitPence: -15_750_000,
						rosi: -0.75,
						sources: [
							{ input: 'sle', text: "Beacon's default cost per incident (lost stolen device £5,000)", assumed: true },
							{ input: 'aro', text: '15 incidents of the targeted kinds, 3 April 2024 to 31 March 2025', assumed: false },
							{ input: 'mitigation', text: 'Beacon planning assumption (no published NHS figure)', assumed: true },
							{ input: 'annualCost', text: 'The annual running cost recorded for the investment', assumed: false }
						]
					},
					modelledProblem: null,
					observed: {
						before: { from: '2024-04-01', through: '2025-03-31', incidents: 15, costPence: 6_288_300, costedIncidents: 15 },
						after: { from: '2025-04-01', through: '2026-03-31', incidents: 4, costPence: 103_800, costedIncidents: 4 },
						incidentsChange: (4 - 15) / 15,
						costChange: (103_800 - 6_288_300) / 6_288_300,
						windowNote: null,
						caution: null
					},
					observedNote: null
				},
				{
					name: 'Backup vault',
					category: 'backup_recovery',
					goLiveOn: null,
					live: false,
					annualCostPence: 0,
					targetedCategories: [],
					modelled: null,
					modelledProblem: 'No annual cost is recorded, and ROSI divides by it: enter one in the what-if form.',
					observed: null,
					observedNote: 'No go-live date is recorded, so there is no before and after to compare.'
				}
			]
		},
		assumptions: {
			outcomes: 4,
			assumedProfiles: ['A1.a', 'B3.d', 'C1.a'],
			publishedProfiles: ['B2.a'],
			assumedThresholds: [{ outcome: 'B3.d', metric: 'encrypted devices', thresholds: 'Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved' }],
			noEvidence: ['A1.a', 'C1.a']
		}
	};
}
