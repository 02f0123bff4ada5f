import { z } from 'zod';

/**
 * What the scorecard page can be narrowed to: every outcome, or only those that need attention (any of:
 * a gap against the profile, a veracity flag, an overdue improvement action), or one of those alone.
 */
export const SCORECARD_VIEWS = ['all', 'attention', 'gaps', 'flags', 'overdue'] as const;
export type ScorecardView = (typeof SCORECARD_VIEWS)[number];

export const scorecardView = z.enum(SCORECARD_VIEWS, { error: 'show: all, attention, gaps, flags or overdue' });

/** The choices as the page offers them. */
export const SCORECARD_VIEW_LABELS: Record<ScorecardView, string> = {
	all: 'Every outcome',
	attention: 'Everything that needs attention',
	gaps: 'Gaps against the profile',
	flags: 'Self-assessed above the data (veracity flags)',
	overdue: 'Overdue improvement actions'
};

/** What a narrowed page says it shows: "the 6 of 47 outcomes {that …}". */
export const SCORECARD_VIEW_WORDS: Record<Exclude<ScorecardView, 'all'>, string> = {
	attention: 'that need attention: a gap against the profile, a self-assessment above the data, or an overdue improvement action',
	gaps: 'with a gap against the profile',
	flags: 'self-assessed above what the data shows',
	overdue: 'with an overdue improvement action'
};

const NONE: Record<Exclude<ScorecardView, 'all'>, string> = {
	attention: 'needs attention: none has a gap against the profile, a self-assessment above the data or an overdue improvement action',
	gaps: 'has a gap against the profile',
	flags: 'is self-assessed above what the data shows',
	overdue: 'has an overdue improvement action'
};

/** What a narrowed scorecard shows, in a sentence: "Showing the 6 of 47 outcomes that need attention: …". Pure. */
export function describeScorecardView(view: { show: ScorecardView; shown: number; total: number }, asOfLabel: string): string {
	const n = new Intl.NumberFormat('en-GB');
	if (view.show === 'all') return `Showing all ${n.format(view.total)} outcomes, as of ${asOfLabel}.`;
	if (view.shown === 0) return `No outcome of the ${n.format(view.total)} ${NONE[view.show]}, as of ${asOfLabel}.`;
	const outcomes = view.shown === 1 ? `the 1 of ${n.format(view.total)} outcomes` : `the ${n.format(view.shown)} of ${n.format(view.total)} outcomes`;
	return `Showing ${outcomes} ${SCORECARD_VIEW_WORDS[view.show].replace(/^that need /, view.shown === 1 ? 'that needs ' : 'that need ')}, as of ${asOfLabel}.`;
}
