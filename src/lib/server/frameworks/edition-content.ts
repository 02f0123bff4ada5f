import type { FrameworkItemDefinition } from './framework-file';

/** An item as stored (framework_item with its parent's code), in the shape compared with a file's. */
export interface StoredItem {
	code: string;
	parent_code: string | null;
	item_type: string;
	title: string;
	description: string | null;
	sort_order: number;
	profile_level: string | null;
	profile_source: string | null;
	allows_partial: boolean;
	is_mandatory: boolean | null;
	hard_gate: string | null;
	data_rules: unknown;
}

/**
 * Whether a file's items are exactly the ones stored: same codes, tree, titles, profiles and data rules.
 * JSON compares with its keys sorted, as jsonb stores them sorted.
 */
export function sameItems(stored: readonly StoredItem[], items: readonly FrameworkItemDefinition[]): boolean {
	if (stored.length !== items.length) return false;
	const byCode = new Map(stored.map((s) => [s.code, s]));
	return items.every((i) => {
		const s = byCode.get(i.code);
		return (
			s !== undefined &&
			s.parent_code === i.parentCode &&
			s.item_type === i.type &&
			s.title === i.title &&
			s.description === i.description &&
			s.sort_order === i.sortOrder &&
			s.profile_level === i.profileLevel &&
			s.profile_source === i.profileSource &&
			s.allows_partial === i.allowsPartial &&
			s.is_mandatory === i.isMandatory &&
			s.hard_gate === i.hardGate &&
			canonicalJson(s.data_rules) === canonicalJson(i.dataRules)
		);
	});
}

/** JSON text with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
