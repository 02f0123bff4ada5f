import { normaliseLabel } from './cell-values';
import type { FieldSpec, ImportFormat, Preset } from './formats/format';
import type { ImportProblem } from './problems';

/** What column resolution needs of a format: its name and fields (the public status register has no loader). */
export type ColumnLayout = Pick<ImportFormat<unknown>, 'name' | 'fields'>;

export interface ColumnResolution<F extends ColumnLayout = ImportFormat<unknown>> {
	format: F;
	preset: Preset | null;
	/** Field name → index of the column that supplies it. */
	columns: Map<string, number>;
	/** Headers no field takes: they are not imported. */
	ignored: string[];
	problems: ImportProblem[];
}

/** The entries of a saved mapping whose source column this file has. */
export function mappingForHeader(mapping: Record<string, string>, header: string[]): Record<string, string> {
	const headers = new Set(header.map(normaliseLabel));
	return Object.fromEntries(Object.entries(mapping).filter(([source]) => headers.has(normaliseLabel(source))));
}

/**
 * `--map "Source Header=field,Other=field2"` as a mapping; "Header=" (no field) leaves that column out
 * even when the preset knows it. A malformed pair is a usage error.
 */
export function parseMapOption(text: string): Record<string, string> {
	const mapping: Record<string, string> = {};
	for (const pair of text
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const at = pair.lastIndexOf('=');
		if (at <= 0 || pair.slice(0, at).trim() === '')
			throw new Error(`--map takes "Source Header=field" pairs separated by commas ("Source Header=" to leave a column out); "${pair}" is not one`);
		mapping[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return mapping;
}

/**
 * Decide which column feeds which field. A named preset is used as given; otherwise every preset of the
 * kind is tried and the one that finds all its required fields and the most columns wins. An explicit
 * mapping (given now, or saved for the organisation) overrides the preset column by column; a header
 * mapped to "" is not imported at all, even when the preset knows it (a required field is then missing).
 */
export function resolveColumns<F extends ColumnLayout = ImportFormat<unknown>>(
	formats: readonly F[],
	presets: readonly Preset[],
	header: string[],
	options: { preset?: string; mapping?: Record<string, string> }
): ColumnResolution<F> {
	const normalised = header.map(normaliseLabel);
	const problems: ImportProblem[] = [];
	const candidates = options.preset ? presets.filter((p) => p.name === options.preset) : presets;
	if (options.preset && candidates.length === 0) {
		const names = presets.map((p) => p.name).join(', ');
		problems.push({ row: null, column: null, value: options.preset, message: `no preset "${options.preset}" for this kind (there are: ${names})` });
	}
	const attempts = (candidates.length ? candidates : [null]).map((preset) => {
		const format = (preset ? formats.find((f) => f.name === preset.format) : formats[0]) as F;
		const columns = new Map<string, number>();
		for (const field of format.fields) {
			const names = [...(preset?.headers[field.name] ?? []), field.label, field.name].map(normaliseLabel);
			// The preset's names in its order of preference, not the file's column order.
			const index = names.map((n) => normalised.indexOf(n)).find((i) => i >= 0) ?? -1;
			if (index >= 0) columns.set(field.name, index);
		}
		const mappingProblems = applyMapping(format, header, columns, options.mapping ?? {});
		const missing = format.fields.filter((f) => f.required && !columns.has(f.name));
		return { preset, format, columns, missing, mappingProblems };
	});
	attempts.sort((a, b) => a.missing.length - b.missing.length || b.columns.size - a.columns.size);
	const best = attempts[0] as (typeof attempts)[number];
	problems.push(...best.mappingProblems);
	const leftOut = Object.entries(options.mapping ?? {}).flatMap(([source, field]) => (field === '' ? [source] : []));
	for (const field of best.missing) problems.push(missingColumn(field, best.preset, leftOut));
	const used = new Set(best.columns.values());
	return { format: best.format, preset: best.preset, columns: best.columns, ignored: header.filter((_, i) => !used.has(i)), problems };
}

function applyMapping(format: ColumnLayout, header: string[], columns: Map<string, number>, mapping: Record<string, string>): ImportProblem[] {
	const problems: ImportProblem[] = [];
	for (const [source, fieldName] of Object.entries(mapping)) {
		const field = format.fields.find((f) => f.name === fieldName || normaliseLabel(f.label) === normaliseLabel(fieldName));
		const index = header.findIndex((h) => normaliseLabel(h) === normaliseLabel(source));
		if (fieldName === '') {
			// Leaving out a column this file does not have is already done: a saved mapping may say so.
			for (const [name, i] of columns) if (i === index) columns.delete(name);
		} else if (!field) {
			const names = format.fields.map((f) => f.name).join(', ');
			problems.push({ row: 1, column: source, value: fieldName, message: `"${fieldName}" is not a field of this import (fields: ${names})` });
		} else if (index < 0) {
			problems.push({ row: 1, column: source, value: null, message: `the mapping names a column "${source}" that this file does not have` });
		} else {
			columns.set(field.name, index);
		}
	}
	return problems;
}

function missingColumn(field: FieldSpec, preset: Preset | null, leftOut: string[]): ImportProblem {
	const known = [...(preset?.headers[field.name] ?? []), field.label];
	const names = new Set([...known, field.name].map(normaliseLabel));
	const unmapped = leftOut.filter((h) => names.has(normaliseLabel(h))).map((h) => `"${h}" is set not to be imported. `);
	return {
		row: 1,
		column: field.label,
		value: null,
		message: `required column missing: ${field.label} (${field.hint}); looked for ${[...new Set(known.map((h) => `"${h}"`))].join(' or ')}. ${unmapped.join('')}Map your column to "${field.name}"`
	};
}
