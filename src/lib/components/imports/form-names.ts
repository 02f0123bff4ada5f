/** Each column's select on the import preview is named this prefix + the column's header. */
export const COLUMN_PREFIX = 'column:';
