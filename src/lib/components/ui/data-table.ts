import type { Snippet } from 'svelte';

/** A column heading of a DataTable: its words (or markup), and whether the column holds numbers (right-aligned). */
export type Column = string | { label: string | Snippet; numeric?: boolean };

/** A numeric column's heading. */
export const numeric = (label: string | Snippet): Column => ({ label, numeric: true });
