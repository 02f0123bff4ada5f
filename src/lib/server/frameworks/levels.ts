/** The three CAF ratings, lowest first; the order is what "at or above the profile" and "lowest" mean. */
export const LEVELS = ['not_achieved', 'partially_achieved', 'achieved'] as const;
export type Level = (typeof LEVELS)[number];

export const ITEM_TYPES = ['objective', 'principle', 'outcome', 'standard', 'assertion', 'evidence_item'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const GENERATIONS = ['caf', 'ndg'] as const;
export type Generation = (typeof GENERATIONS)[number];

export type LevelLabels = Record<Level, string>;

export const CAF_LEVEL_LABELS: LevelLabels = {
	not_achieved: 'Not achieved',
	partially_achieved: 'Partially achieved',
	achieved: 'Achieved'
};

/** NDG evidence items are met or not; their rules use achieved / not_achieved and read as these words. */
export const NDG_LEVEL_LABELS: LevelLabels = {
	not_achieved: 'Not met',
	partially_achieved: 'Partially met',
	achieved: 'Met'
};

export function levelRank(level: Level): number {
	return LEVELS.indexOf(level);
}

export function lowestLevel(levels: readonly Level[]): Level | null {
	let lowest: Level | null = null;
	for (const level of levels) if (lowest === null || levelRank(level) < levelRank(lowest)) lowest = level;
	return lowest;
}
