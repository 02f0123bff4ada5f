import { describe, expect, it } from 'vitest';
import { canonicalJson, sameItems, type StoredItem } from '../../src/lib/server/frameworks/edition-content';
import type { FrameworkItemDefinition } from '../../src/lib/server/frameworks/framework-file';

const RULE = { metric: 'training.completionRate', source: 'assumed', levels: [{ level: 'achieved', atLeast: 0.95 }], otherwise: 'not_achieved' };

const item: FrameworkItemDefinition = {
	code: 'B6.b',
	parentCode: 'B6',
	type: 'outcome',
	title: 'Cyber security culture',
	description: null,
	sortOrder: 27,
	profileLevel: 'achieved',
	profileSource: 'assumed',
	allowsPartial: true,
	isMandatory: null,
	hardGate: null,
	dataRules: [RULE as FrameworkItemDefinition['dataRules'][number]]
};
// As jsonb gives it back: keys sorted.
const stored: StoredItem = {
	code: 'B6.b',
	parent_code: 'B6',
	item_type: 'outcome',
	title: 'Cyber security culture',
	description: null,
	sort_order: 27,
	profile_level: 'achieved',
	profile_source: 'assumed',
	allows_partial: true,
	is_mandatory: null,
	hard_gate: null,
	data_rules: [{ levels: [{ atLeast: 0.95, level: 'achieved' }], metric: 'training.completionRate', otherwise: 'not_achieved', source: 'assumed' }]
};

describe('comparing a framework file’s items with the stored ones', () => {
	it('writes JSON with keys sorted at every level', () => {
		expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
	});

	it('finds the same items the same whatever the key order of their data rules', () => {
		expect(sameItems([stored], [item])).toBe(true);
	});

	it('finds any difference in an item, its data rules or the list', () => {
		expect(sameItems([stored], [{ ...item, title: 'Culture' }])).toBe(false);
		expect(sameItems([stored], [{ ...item, parentCode: 'B5' }])).toBe(false);
		expect(sameItems([{ ...stored, data_rules: [{ ...RULE, levels: [{ level: 'achieved', atLeast: 0.9 }] }] }], [item])).toBe(false);
		expect(sameItems([stored], [item, { ...item, code: 'B6.c' }])).toBe(false);
		expect(sameItems([stored], [{ ...item, code: 'B6.c' }])).toBe(false);
	});
});
