import { LEVELS, type Level } from '../../schemas/framework';

// Defined beside the database's other value lists, which type its columns (schema.ts).
export { ITEM_TYPES, LEVELS, type Generation, type ItemType, type Level } from '../../schemas/framework';

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
