/** The three CAF ratings, lowest first; the order is what "at or above the profile" and "lowest" mean. */
export const LEVELS = ['not_achieved', 'partially_achieved', 'achieved'] as const;
export type Level = (typeof LEVELS)[number];

export const ITEM_TYPES = ['objective', 'principle', 'outcome', 'standard', 'assertion', 'evidence_item'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const GENERATIONS = ['caf', 'ndg'] as const;
export type Generation = (typeof GENERATIONS)[number];

/** Where an outcome's profile level came from: the published profile, or Beacon's assumption where none is. */
export const PROFILE_SOURCES = ['published', 'assumed'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];
