import { z } from 'zod';
import { ValidationError, type FieldProblem } from '../errors';
import type { GradingRules } from '../incidents/grading';
import { dataRuleSchema, type DataRule } from './data-rules';
import { PROFILE_SOURCES } from '../../schemas/framework';
import { LEVELS, type Generation, type ItemType, type Level } from './levels';

/**
 * The file format of a framework edition (data/frameworks/*.json). Each kind of item has its own list and
 * names its parent by code, so a file reads like the toolkit and each error names the list and the index:
 * `dspt-caf-2024-25.json: outcomes[3].profile.level: …`. Unknown keys are errors, so a misspelt field
 * cannot silently be ignored.
 */
const code = z
	.string()
	.regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'a code is letters and digits in dot-separated parts, e.g. B2.a or 3.2.1')
	.max(20);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const item = { code, title: text(300), description: text(4000).optional() };
const child = { ...item, parent: code };

const objective = z.strictObject(item);
const principle = z.strictObject(child);
const outcome = z.strictObject({
	...child,
	// The level NHS England expects, and whether that is published or Beacon's assumption pending the toolkit.
	profile: z.strictObject({ level: z.enum(LEVELS), source: z.enum(PROFILE_SOURCES) }),
	// A few CAF outcomes are only Not achieved or Achieved.
	allowsPartial: z.boolean().default(true),
	// A condition that must hold whatever the level, e.g. B2.a: the NHS England MFA policy is met.
	hardGate: text(1000).optional(),
	dataRules: z.array(dataRuleSchema).default([])
});
const standard = z.strictObject(item);
const assertion = z.strictObject(child);
const evidenceItem = z.strictObject({ ...child, mandatory: z.boolean(), dataRules: z.array(dataRuleSchema).default([]) });

/**
 * The edition's incident grading: an incident is ICO-reportable when likelihood ≥ icoMinLikelihood and
 * severity ≥ icoMinSeverity, DHSC-reportable when severity ≥ dhscMinSeverity (DOMAIN.md §2: 3, 2 and 4).
 * Optional: an edition without it keeps the rules of the edition before (incidents/grading-periods.ts).
 */
const score = z
	.number()
	.int('a score is a whole number from 1 to 5')
	.min(1, 'a score is a whole number from 1 to 5')
	.max(5, 'a score is a whole number from 1 to 5');
const incidentGrading = z.strictObject({ icoMinLikelihood: score, icoMinSeverity: score, dhscMinSeverity: score });

const header = {
	formatVersion: z.literal(1),
	code: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a framework code is lower-case letters, digits and hyphens, e.g. dspt-caf'),
	edition: z
		.string()
		.regex(/^[0-9]{4}-[0-9]{2}$/, 'an edition is written YYYY-YY, e.g. 2024-25')
		.refine((e) => (Number(e.slice(0, 4)) + 1) % 100 === Number(e.slice(5)), 'an edition spans two consecutive years, e.g. 2024-25'),
	name: text(200),
	source: text(2000),
	incidentGrading: incidentGrading.optional()
};

const cafFile = z.strictObject({
	...header,
	generation: z.literal('caf'),
	objectives: z.array(objective).min(1),
	principles: z.array(principle).min(1),
	outcomes: z.array(outcome).min(1)
});
const ndgFile = z.strictObject({
	...header,
	generation: z.literal('ndg'),
	standards: z.array(standard).min(1),
	assertions: z.array(assertion).min(1),
	evidenceItems: z.array(evidenceItem).min(1)
});

/** Where each item type lives in a file, the type of its parent, and its list's name. */
const LISTS: Record<Generation, { list: string; type: ItemType; parentType: ItemType | null }[]> = {
	caf: [
		{ list: 'objectives', type: 'objective', parentType: null },
		{ list: 'principles', type: 'principle', parentType: 'objective' },
		{ list: 'outcomes', type: 'outcome', parentType: 'principle' }
	],
	ndg: [
		{ list: 'standards', type: 'standard', parentType: null },
		{ list: 'assertions', type: 'assertion', parentType: 'standard' },
		{ list: 'evidenceItems', type: 'evidence_item', parentType: 'assertion' }
	]
};

export const frameworkFileSchema = z.discriminatedUnion('generation', [cafFile, ndgFile]).superRefine((file, ctx) => {
	const seen = new Map<string, { type: ItemType; at: string }>();
	for (const { list, type, parentType } of LISTS[file.generation]) {
		const entries = (file as unknown as Record<string, RawItem[]>)[list] ?? [];
		entries.forEach((entry, i) => {
			const at = `${list}[${i}]`;
			const earlier = seen.get(entry.code);
			if (earlier) ctx.addIssue({ code: 'custom', path: [list, i, 'code'], message: `"${entry.code}" is used twice (also ${earlier.at})` });
			else seen.set(entry.code, { type, at });
			if (parentType && entry.parent !== undefined) {
				const parent = seen.get(entry.parent);
				if (!parent) {
					ctx.addIssue({ code: 'custom', path: [list, i, 'parent'], message: `no ${parentType} "${entry.parent}" is listed before this ${label(type)}` });
				} else if (parent.type !== parentType) {
					ctx.addIssue({
						code: 'custom',
						path: [list, i, 'parent'],
						message: `"${entry.parent}" is ${article(parent.type)}; the parent of ${article(type)} must be ${article(parentType)}`
					});
				} else if (!belongsUnder(entry.code, entry.parent)) {
					ctx.addIssue({ code: 'custom', path: [list, i, 'code'], message: `"${entry.code}" does not fit under ${parentType} "${entry.parent}"` });
				}
			}
			checkLevels(entry, file.generation, (path, message) => ctx.addIssue({ code: 'custom', path: [list, i, ...path], message }));
		});
	}
});

interface RawItem {
	code: string;
	parent?: string;
	profile?: { level: Level };
	allowsPartial?: boolean;
	dataRules?: DataRule[];
}

/** The levels an item's profile and rules may use: no Partially achieved where the outcome has none, Met / Not met for NDG items. */
function checkLevels(entry: RawItem, generation: Generation, problem: (path: (string | number)[], message: string) => void): void {
	const noPartial = generation === 'ndg' || entry.allowsPartial === false;
	if (!noPartial) return;
	const why = generation === 'ndg' ? 'an NDG evidence item is met (achieved) or not met (not_achieved)' : 'this outcome has allowsPartial false';
	if (entry.profile?.level === 'partially_achieved') problem(['profile', 'level'], `partially_achieved is not possible: ${why}`);
	entry.dataRules?.forEach((rule, r) => {
		rule.levels.forEach((t, l) => {
			if (t.level === 'partially_achieved') problem(['dataRules', r, 'levels', l, 'level'], `partially_achieved is not possible: ${why}`);
		});
		if (rule.otherwise === 'partially_achieved') problem(['dataRules', r, 'otherwise'], `partially_achieved is not possible: ${why}`);
	});
}

/** B2.a under B2, B2 under B, 3.2.1 under 3.2 — and not 10.1 under 1. */
function belongsUnder(codeText: string, parent: string): boolean {
	if (!codeText.startsWith(parent) || codeText.length <= parent.length) return false;
	const next = codeText[parent.length] ?? '';
	return next === '.' || (/[A-Za-z]$/.test(parent) && /[0-9]/.test(next));
}

function label(type: ItemType): string {
	return type.replace('_', ' ');
}

function article(type: ItemType): string {
	return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${label(type)}`;
}

export type FrameworkFile = z.output<typeof frameworkFileSchema>;

/** One item ready to store: parents before children; sort order is the position in its list. */
export interface FrameworkItemDefinition {
	code: string;
	parentCode: string | null;
	type: ItemType;
	title: string;
	description: string | null;
	sortOrder: number;
	profileLevel: Level | null;
	profileSource: 'published' | 'assumed' | null;
	allowsPartial: boolean;
	isMandatory: boolean | null;
	hardGate: string | null;
	dataRules: DataRule[];
}

export interface FrameworkDefinition {
	code: string;
	edition: string;
	name: string;
	generation: Generation;
	source: string;
	/** The grading rules the edition states, or null when its file has no incidentGrading block. */
	incidentGrading: GradingRules | null;
	items: FrameworkItemDefinition[];
}

/** `outcomes[3].profile.level` from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
	return out || '(file)';
}

const PROBLEMS_SHOWN = 20;

function rejected(fileName: string, problems: FieldProblem[]): ValidationError {
	const lines = problems.slice(0, PROBLEMS_SHOWN).map((p) => `${fileName}: ${p.field}: ${p.message}`);
	if (problems.length > PROBLEMS_SHOWN) lines.push(`${fileName}: … and ${problems.length - PROBLEMS_SHOWN} more problem(s)`);
	return new ValidationError(`invalid framework file ${fileName}:\n${lines.join('\n')}`, problems);
}

/** JSON.parse's "at position N" as a line and column, which is what an editor shows. */
function jsonProblem(text: string, error: Error): FieldProblem {
	const position = /position (\d+)/.exec(error.message)?.[1];
	if (position === undefined) return { field: '(file)', message: `not valid JSON: ${error.message}` };
	const before = text.slice(0, Number(position)).split('\n');
	return { field: '(file)', message: `not valid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${error.message}` };
}

/** Parse and check a framework file's text; throws a ValidationError naming the file and each JSON path. */
export function parseFrameworkFile(fileName: string, text: string): FrameworkDefinition {
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		throw rejected(fileName, [jsonProblem(text, error as Error)]);
	}
	const result = frameworkFileSchema.safeParse(json);
	if (!result.success)
		throw rejected(
			fileName,
			result.error.issues.map((issue) => ({ field: formatPath(issue.path), message: issue.message }))
		);
	return toDefinition(result.data);
}

function toDefinition(file: FrameworkFile): FrameworkDefinition {
	const base = { description: null, profileLevel: null, profileSource: null, allowsPartial: true, isMandatory: null, hardGate: null, dataRules: [] };
	const withParent = (p: { parent: string }) => ({ parentCode: p.parent });
	const items: FrameworkItemDefinition[] =
		file.generation === 'caf'
			? [
					...file.objectives.map((o, i) => ({
						...base,
						code: o.code,
						parentCode: null,
						type: 'objective' as const,
						title: o.title,
						description: o.description ?? null,
						sortOrder: i + 1
					})),
					...file.principles.map((p, i) => ({
						...base,
						...withParent(p),
						code: p.code,
						type: 'principle' as const,
						title: p.title,
						description: p.description ?? null,
						sortOrder: i + 1
					})),
					...file.outcomes.map((o, i) => ({
						...base,
						...withParent(o),
						code: o.code,
						type: 'outcome' as const,
						title: o.title,
						description: o.description ?? null,
						sortOrder: i + 1,
						profileLevel: o.profile.level,
						profileSource: o.profile.source,
						allowsPartial: o.allowsPartial,
						hardGate: o.hardGate ?? null,
						dataRules: o.dataRules as DataRule[]
					}))
				]
			: [
					...file.standards.map((s, i) => ({
						...base,
						code: s.code,
						parentCode: null,
						type: 'standard' as const,
						title: s.title,
						description: s.description ?? null,
						sortOrder: i + 1
					})),
					...file.assertions.map((a, i) => ({
						...base,
						...withParent(a),
						code: a.code,
						type: 'assertion' as const,
						title: a.title,
						description: a.description ?? null,
						sortOrder: i + 1
					})),
					...file.evidenceItems.map((e, i) => ({
						...base,
						...withParent(e),
						code: e.code,
						type: 'evidence_item' as const,
						title: e.title,
						description: e.description ?? null,
						sortOrder: i + 1,
						allowsPartial: false,
						isMandatory: e.mandatory,
						dataRules: e.dataRules as DataRule[]
					}))
				];
	const incidentGrading = file.incidentGrading ? { ...file.incidentGrading } : null;
	return { code: file.code, edition: file.edition, name: file.name, generation: file.generation, source: file.source, incidentGrading, items };
}
