import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/server/errors';
import { formatPath, parseFrameworkFile, type FrameworkDefinition } from '../../src/lib/server/frameworks/framework-file';

const CAF = 'dspt-caf-2024-25.json';
const NDG = 'dspt-ndg-2023-24.json';
const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../data/frameworks/${name}`, import.meta.url)), 'utf8');
const shipped = (name: string) => parseFrameworkFile(name, read(name));
const ofType = (d: FrameworkDefinition, type: string) => d.items.filter((i) => i.type === type);

/** The shipped file as JSON, changed by `edit`, then parsed: the error it gives, or null. */
function rejectionOf(name: string, edit: (json: any) => void): ValidationError | null {
	const json = JSON.parse(read(name));
	edit(json);
	try {
		parseFrameworkFile(name, JSON.stringify(json));
		return null;
	} catch (error) {
		if (error instanceof ValidationError) return error;
		throw error;
	}
}

describe('the shipped CAF-aligned DSPT 2024-25', () => {
	const caf = shipped(CAF);

	it('has objectives A–E, 18 principles and 47 outcomes: A 7 + B 20 + C 7 + D 5 + E 8', () => {
		expect(caf).toMatchObject({ code: 'dspt-caf', edition: '2024-25', generation: 'caf' });
		expect(ofType(caf, 'objective').map((o) => o.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(ofType(caf, 'principle')).toHaveLength(18);
		const outcomes = ofType(caf, 'outcome');
		expect(outcomes).toHaveLength(47);
		const perObjective: Record<string, number> = {};
		for (const o of outcomes) perObjective[o.code[0]!] = (perObjective[o.code[0]!] ?? 0) + 1;
		expect(perObjective).toEqual({ A: 7, B: 20, C: 7, D: 5, E: 8 });
		expect(outcomes.find((o) => o.code === 'B2.b')).toMatchObject({ parentCode: 'B2', title: 'Device management' });
	});

	it('gives every outcome a profile: the five published at Partially achieved, the rest assumed', () => {
		const outcomes = ofType(caf, 'outcome');
		const published = outcomes.filter((o) => o.profileSource === 'published');
		expect(published.map((o) => o.code)).toEqual(['B2.a', 'B4.a', 'B5.a', 'C1.a', 'E1.a']);
		expect(published.every((o) => o.profileLevel === 'partially_achieved')).toBe(true);
		expect(outcomes.filter((o) => o.profileSource === 'assumed')).toHaveLength(42);
		expect(outcomes.every((o) => o.profileLevel !== null)).toBe(true);
	});

	it('holds the MFA hard gate on B2.a and nowhere else', () => {
		const gated = caf.items.filter((i) => i.hardGate !== null);
		expect(gated.map((i) => i.code)).toEqual(['B2.a']);
		expect(gated[0]?.hardGate).toMatch(/multi-factor authentication/);
	});

	it('carries data rules on the outcomes the data can speak to', () => {
		const rules = Object.fromEntries(caf.items.filter((i) => i.dataRules.length > 0).map((i) => [i.code, i.dataRules.map((r) => r.metric)]));
		expect(rules).toEqual({
			'A2.b': ['assurance.coverageRate'],
			'B2.b': ['devices.managedRate', 'devices.staleRate'],
			'B3.b': ['messaging.unapprovedDeviceRate'],
			'B3.d': ['devices.encryptedRate', 'devices.compliantRate', 'devices.jailbrokenRate', 'messaging.unapprovedDeviceRate'],
			'B4.d': ['devices.supportedOsRate', 'findings.remediatedWithin14dRate'],
			'B6.a': ['phishing.reportShare'],
			'B6.b': ['training.completionRate'],
			'C1.d': ['incidents.notifiedWithin72hRate'],
			'D2.a': ['incidents.rcaCompletedRate']
		});
		expect(caf.items.find((i) => i.code === 'B6.b')?.dataRules[0]?.levels).toEqual([
			{ level: 'achieved', atLeast: 0.95 },
			{ level: 'partially_achieved', atLeast: 0.8 }
		]);
	});

	it('marks the names that come from a secondary source', () => {
		for (const code of ['E2', 'E2.a', 'E2.b', 'E2.c', 'E3.b', 'E4.b']) {
			expect(caf.items.find((i) => i.code === code)?.description, code).toMatch(/secondary source/);
		}
	});
});

describe('the shipped NDG 2023-24 toolkit', () => {
	const ndg = shipped(NDG);

	it('has the ten standards, assertions under them and the known evidence items with mandatory flags', () => {
		expect(ndg).toMatchObject({ code: 'dspt-ndg', edition: '2023-24', generation: 'ndg' });
		expect(ofType(ndg, 'standard').map((s) => s.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(ofType(ndg, 'standard')[7]?.title).toBe('Unsupported systems');
		const assertions = ofType(ndg, 'assertion');
		expect(assertions.length).toBeGreaterThanOrEqual(20);
		expect(assertions.every((a) => a.parentCode === a.code.split('.')[0])).toBe(true);
		const items = ofType(ndg, 'evidence_item');
		expect(items.every((i) => typeof i.isMandatory === 'boolean')).toBe(true);
		expect(items.find((i) => i.code === '3.2.1')).toMatchObject({ parentCode: '3.2', isMandatory: true, allowsPartial: false });
		expect(items.find((i) => i.code === '9.2.3')).toMatchObject({ parentCode: '9.2', isMandatory: true });
		expect(items.find((i) => i.code === '9.2.3')?.title).toMatch(/14 days/);
		expect(items.find((i) => i.code === '9.2.3')?.dataRules).toEqual([
			expect.objectContaining({
				metric: 'findings.remediatedWithin14dRate',
				source: 'published',
				levels: [{ level: 'achieved', atLeast: 1 }],
				otherwise: 'not_achieved'
			})
		]);
	});

	it('holds the 95 % training rule on 3.2.1 as a published, met-or-not rule', () => {
		const rules = ndg.items.find((i) => i.code === '3.2.1')?.dataRules;
		expect(rules).toEqual([
			expect.objectContaining({
				metric: 'training.completionRate',
				source: 'published',
				levels: [{ level: 'achieved', atLeast: 0.95 }],
				otherwise: 'not_achieved'
			})
		]);
	});
});

describe('the incident grading an edition states', () => {
	it('is DOMAIN.md’s rules in both shipped files, and null for a file without the block', () => {
		const rules = { icoMinLikelihood: 3, icoMinSeverity: 2, dhscMinSeverity: 4 };
		expect(shipped(CAF).incidentGrading).toEqual(rules);
		expect(shipped(NDG).incidentGrading).toEqual(rules);
		const json = JSON.parse(read(CAF));
		delete json.incidentGrading;
		expect(parseFrameworkFile(CAF, JSON.stringify(json)).incidentGrading).toBeNull();
	});
});

describe('a malformed framework file', () => {
	const cases: [string, string, (json: any) => void, string][] = [
		[CAF, 'an unknown profile level', (j) => (j.outcomes[3].profile.level = 'mostly'), `${CAF}: outcomes[3].profile.level: Invalid option`],
		[CAF, 'a profile level without its source', (j) => delete j.outcomes[3].profile.source, `${CAF}: outcomes[3].profile.source: `],
		[CAF, 'an outcome without a profile', (j) => delete j.outcomes[0].profile, `${CAF}: outcomes[0].profile: `],
		[CAF, 'a code used twice', (j) => (j.outcomes[1].code = 'A1.a'), `${CAF}: outcomes[1].code: "A1.a" is used twice (also outcomes[0])`],
		[
			CAF,
			'an outcome whose parent is an objective',
			(j) => (j.outcomes[0].parent = 'A'),
			`${CAF}: outcomes[0].parent: "A" is an objective; the parent of an outcome must be a principle`
		],
		[
			CAF,
			'a principle whose parent is not listed',
			(j) => (j.principles[2].parent = 'F'),
			`${CAF}: principles[2].parent: no objective "F" is listed before this principle`
		],
		[
			CAF,
			'an outcome filed under the wrong principle',
			(j) => (j.outcomes[0].parent = 'A2'),
			`${CAF}: outcomes[0].code: "A1.a" does not fit under principle "A2"`
		],
		[
			CAF,
			'Partially achieved on an outcome that has no such level',
			(j) => (j.outcomes[5].allowsPartial = false),
			`${CAF}: outcomes[5].profile.level: partially_achieved is not possible: this outcome has allowsPartial false`
		],
		[CAF, 'an empty hard gate', (j) => (j.outcomes[9].hardGate = ' '), `${CAF}: outcomes[9].hardGate: must not be empty`],
		[CAF, 'a hard gate on a principle', (j) => (j.principles[5].hardGate = 'MFA'), `${CAF}: principles[5]: Unrecognized key: "hardGate"`],
		[CAF, 'a misspelt field', (j) => (j.outcomes[9].hardgate = j.outcomes[9].hardGate), `${CAF}: outcomes[9]: Unrecognized key: "hardgate"`],
		[
			CAF,
			'an unknown metric',
			(j) => (j.outcomes[10].dataRules[0].metric = 'devices.managed'),
			`${CAF}: outcomes[10].dataRules[0].metric: unknown metric "devices.managed"`
		],
		[
			CAF,
			'thresholds in the wrong order',
			(j) => (j.outcomes[10].dataRules[0].levels[1].atLeast = 0.99),
			`${CAF}: outcomes[10].dataRules[0].levels[1].atLeast: must be below the threshold of the level above (0.95)`
		],
		[
			CAF,
			'a percentage where a fraction belongs',
			(j) => (j.outcomes[10].dataRules[0].levels[0].atLeast = 95),
			`${CAF}: outcomes[10].dataRules[0].levels[0].atLeast: a rate threshold is a fraction from 0 to 1`
		],
		[CAF, 'an edition that is not two consecutive years', (j) => (j.edition = '2024-26'), `${CAF}: edition: an edition spans two consecutive years`],
		[CAF, 'CAF lists in an NDG file', (j) => (j.generation = 'ndg'), `${CAF}: standards: `],
		[CAF, 'an unknown generation', (j) => (j.generation = 'iso'), `${CAF}: generation: `],
		[
			NDG,
			'Partially achieved in an NDG rule',
			(j) => j.evidenceItems[1].dataRules[0].levels.push({ level: 'partially_achieved', atLeast: 0.8 }),
			`${NDG}: evidenceItems[1].dataRules[0].levels[1].level: partially_achieved is not possible: an NDG evidence item is met (achieved) or not met (not_achieved)`
		],
		[NDG, 'an evidence item without its mandatory flag', (j) => delete j.evidenceItems[0].mandatory, `${NDG}: evidenceItems[0].mandatory: `],
		[
			NDG,
			'an assertion under an evidence item',
			(j) => j.assertions.push({ code: '3.2.1.1', parent: '3.2.1', title: 'x' }),
			`${NDG}: assertions[31].parent: no standard "3.2.1" is listed before this assertion`
		],
		[
			NDG,
			'standard 10 claimed by standard 1',
			(j) => (j.assertions.at(-1).parent = '1'),
			`${NDG}: assertions[30].code: "10.2" does not fit under standard "1"`
		],
		[
			CAF,
			'a grading score of 6',
			(j) => (j.incidentGrading.dhscMinSeverity = 6),
			`${CAF}: incidentGrading.dhscMinSeverity: a score is a whole number from 1 to 5`
		],
		[NDG, 'a grading score as text', (j) => (j.incidentGrading.icoMinLikelihood = '3'), `${NDG}: incidentGrading.icoMinLikelihood: `],
		[CAF, 'a misspelt grading field', (j) => (j.incidentGrading.icoMinSeverty = 2), `${CAF}: incidentGrading: Unrecognized key: "icoMinSeverty"`]
	];

	it.each(cases)('%s: rejects %s, naming the file and the path', (name, _what, edit, expected) => {
		const error = rejectionOf(name, edit);
		expect(error).not.toBeNull();
		expect(error?.message.startsWith(`invalid framework file ${name}:\n`)).toBe(true);
		expect(error?.message).toContain(expected);
	});

	it('reports text that is not JSON with its line and column', () => {
		expect(() => parseFrameworkFile('broken.json', '{\n  "code": "x",\n}\n')).toThrow(
			/^invalid framework file broken\.json:\nbroken\.json: \(file\): not valid JSON at line 3, column 1/
		);
	});

	it('lists its problems by field for forms and --json', () => {
		const error = rejectionOf(CAF, (j) => {
			j.outcomes[3].profile.level = 'mostly';
			j.outcomes[4].title = '';
		});
		expect(error?.problems.map((p) => p.field)).toEqual(['outcomes[3].profile.level', 'outcomes[4].title']);
	});

	it('formats zod paths as JSON paths', () => {
		expect(formatPath(['outcomes', 3, 'profile', 'level'])).toBe('outcomes[3].profile.level');
		expect(formatPath([])).toBe('(file)');
	});
});
