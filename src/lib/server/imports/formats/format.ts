import type { z } from 'zod';
import type { ServiceContext } from '../../context';
import type { CopyWriter } from '../../db/copy';

import type { ImportKind } from '../../../schemas/imports';

export { IMPORT_KINDS, type ImportKind } from '../../../schemas/imports';

/** A field a format stores, which a column of the file must supply (or may, when not required). */
export interface FieldSpec {
	name: string;
	label: string;
	required: boolean;
	/** A personal identifier: hashed when stored, and withheld from problem reports. */
	personal?: boolean;
	/** What the field means and how it is written, for the mapping step. */
	hint: string;
}

/**
 * A known export layout: which header names mean which field, and how its own words for values
 * translate to ours (compared ignoring case and punctuation), applied before validation.
 */
export interface Preset {
	name: string;
	label: string;
	format: string;
	headers: Record<string, readonly string[]>;
	values?: Record<string, Record<string, string>>;
}

/** The date a kind's files describe when they do not say it themselves, given beside the file (--as-of, or the import page). */
export interface AsOfOption {
	/** Without it the file is refused before it is read. */
	required: boolean;
	label: string;
	hint: string;
}

export interface LoadTarget {
	ctx: ServiceContext;
	organisationId: number;
	ods: string;
	batchId: number;
	/** --as-of: the date of a device or discovered-apps snapshot. */
	asOf: string | null;
	/** The preset the file matched, if any. */
	preset: string | null;
}

/** What a row is checked against beyond itself: the organisation being imported and the date given for it. */
export interface RowContext {
	ods: string;
	/** --as-of, or the date chosen on the import page. */
	asOf: string | null;
}

/**
 * Where validated rows go, inside the import's transaction: into a COPY (the format's copyFields gives
 * each row's line, with the loader's constant values such as its batch id), or one by one to add.
 */
export interface Loader<Row> {
	copy?: { writer: CopyWriter; constants: Record<string, string> };
	add?(row: Row, rowNumber: number): Promise<void> | void;
	/** Write what is left, replace what the import supersedes, refresh rollups; facts for the report. */
	finish(): Promise<Record<string, unknown>>;
}

/** A problem found across rows (a reference used twice), reported on the later row. */
export interface CrossRowProblem {
	field: string;
	message: string;
}

export interface ImportFormat<Row> {
	kind: ImportKind;
	name: string;
	label: string;
	fields: readonly FieldSpec[];
	/**
	 * The row validator; identifierKey keys the hashes that replace personal identifiers. Without a
	 * context (the preview) the checks against the import's organisation and date are left out.
	 */
	rowSchema(identifierKey: string, context?: RowContext): z.ZodType<Row, Record<string, string>>;
	/** Checks one row against the rows before it (duplicates); keep state small. */
	crossCheck?(): (row: Row, rowNumber: number) => CrossRowProblem | null;
	/**
	 * A valid row's stored line for a COPY loader, as COPY text fields in the table's column order. Pure
	 * (it may run on a worker thread): the loader's constants supply what the row cannot.
	 */
	copyFields?(row: Row, constants: Record<string, string>): string[];
	open(target: LoadTarget): Promise<Loader<Row>>;
	/** The row as it will be stored, for the preview. */
	describe(row: Row): Record<string, string | number | boolean | null>;
}
