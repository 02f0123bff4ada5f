import type { z } from 'zod';
import { cellReaders, Invalid, type Read } from './cell-values';

/*
 * A row schema made of cells (cell-values.ts), optionally followed by one transform, is read a million times
 * an import: zod's object and pipe machinery cost more than the readers themselves, and most of the garbage.
 * Such a schema is read here with the same readers and the same transform, straight. Anything the fast path
 * cannot vouch for (a reader's Invalid, an issue the transform raises, a schema of another shape) it
 * declines, and the row goes through zod as before, so problems are always zod's own, word for word.
 */

interface Def {
	type: string;
	shape?: Record<string, object>;
	catchall?: unknown;
	checks?: unknown[];
	in?: { _zod: { def: Def } };
	out?: { _zod: { def: Def } };
	transform?: (value: unknown, payload: unknown) => unknown;
}

const DECLINED = Symbol('declined');

/** A reader of rows for the schema, or null when it is not made of cells; a row it declines gives DECLINED. */
export function fastRowReader(schema: z.ZodType): ((record: Record<string, string>) => unknown) | null {
	let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
	let transform: Def['transform'];
	if (def.type === 'pipe') {
		const out = def.out?._zod.def;
		if (def.checks?.length || !def.in || out?.type !== 'transform' || !out.transform) return null;
		transform = out.transform;
		def = def.in._zod.def;
	}
	if (def.type !== 'object' || !def.shape || def.catchall !== undefined || def.checks?.length) return null;
	const fields: [string, Read<unknown>][] = [];
	for (const [key, field] of Object.entries(def.shape)) {
		const read = cellReaders.get(field);
		const fieldDef = (field as { _zod: { def: Def } })._zod.def;
		if (!read || fieldDef.checks?.length) return null;
		fields.push([key, read]);
	}
	return (record) => {
		const row: Record<string, unknown> = {};
		for (const [key, read] of fields) {
			const value = record[key];
			if (typeof value !== 'string') return DECLINED;
			const result = read(value);
			if (result instanceof Invalid || result === undefined) return DECLINED;
			row[key] = result;
		}
		if (!transform) return row;
		let raised = false;
		const payload = { value: row, issues: [] as unknown[], addIssue: () => (raised = true) };
		const output = transform(row, payload);
		return raised || payload.issues.length > 0 || output instanceof Promise ? DECLINED : output;
	};
}

export function declined(value: unknown): value is typeof DECLINED {
	return value === DECLINED;
}
