/** What an organisation's import may hold (each has a format, column mapping and presets). */
export const IMPORT_KINDS = ['devices', 'training', 'spend', 'incidents', 'findings', 'apps'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What an import batch may be: an organisation's import, or the national DSPT status register. */
export const IMPORT_BATCH_KINDS = [...IMPORT_KINDS, 'dspt-status'] as const;
export type ImportBatchKind = (typeof IMPORT_BATCH_KINDS)[number];
