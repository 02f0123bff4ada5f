import type { Actor } from '../auth/actor';
import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { ConflictError, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { IMPORT_CATALOGUE } from './formats';
import type { ImportKind } from './formats/format';
import type { ChangeComparison } from './change-guard';
import { importFile } from './import-file';
import { listImportKinds, previewImport, type ImportPreview } from './preview';
import type { ImportProblem } from './problems';
import { getDataFreshness, listImports, listRejections } from './history';
import { claimUpload, discardUpload, finishProgress, findUpload, readProgress, releaseUpload, stageUpload, startProgress, type ImportProgress } from './upload';

/*
 * The web page's import in three steps: upload (the file is kept server-side and previewed), check the
 * mapping (preview again as often as needed), import. Each step is one service call here.
 */

export interface ImportChoices {
	asOf: string | null;
	skipInvalid: boolean;
	saveMapping: boolean;
	/** "I accept this change": import a file that moves the headline figures by more than the threshold. */
	acceptChange?: boolean;
}

export interface ImportOutcome {
	kind: ImportKind;
	kindLabel: string;
	fileName: string;
	batchId: number | null;
	duplicateOf: number | null;
	preset: string | null;
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
	errors: ImportProblem[];
	errorsNotListed: number;
	details: Record<string, unknown>;
	/** Set when the file moved a headline figure too far (change-guard.ts): refused unless accepted. */
	change: ChangeComparison | null;
}

export type ImportStep =
	| { step: 'preview'; uploadId: string | null; preview: ImportPreview; choices: ImportChoices; message: string | null }
	| { step: 'outcome'; uploadId: string | null; outcome: ImportOutcome; choices: ImportChoices; preset: string | null; map: Record<string, string> }
	| { step: 'discarded'; fileName: string | null };

export interface UploadInput {
	ods: string;
	kind: ImportKind;
	file: { name: string; stream(): ReadableStream<Uint8Array> };
	sheet?: string | undefined;
	choices: ImportChoices;
}

export interface StagedInput {
	ods: string;
	uploadId: string;
	preset?: string | undefined;
	map?: Record<string, string> | undefined;
	choices: ImportChoices;
}

const GONE = 'This upload has expired or has already been imported: upload the file again.';

/** The import page: what may be imported, whether this person may, and what has been. */
export async function getImportOverview(ctx: ServiceContext, ods: string) {
	const org = await requireOrganisation(ctx, ods, 'read');
	return {
		organisation: { ods: org.ods_code, name: org.name },
		canEdit: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'edit'),
		kinds: listImportKinds(),
		history: await listImports(ctx, ods),
		rejections: await listRejections(ctx, ods),
		freshness: await getDataFreshness(ctx, ods)
	};
}

/** Keep an uploaded file for its import and preview it; a file that cannot be imported is not kept. */
export async function stageImport(ctx: ServiceContext, input: UploadInput): Promise<ImportStep> {
	const org = await requireOrganisation(ctx, input.ods, 'edit');
	const fileName = cleanFileName(input.file.name);
	const staged = await stageUpload(input.file, { ods: org.ods_code, owner: ownerOf(ctx.actor), kind: input.kind, fileName, sheet: input.sheet ?? null });
	try {
		const preview = await previewImport(ctx, {
			kind: input.kind,
			ods: org.ods_code,
			path: staged.path,
			fileName,
			...(input.sheet ? { sheet: input.sheet } : {})
		});
		const keep = preview.blocked === null && preview.duplicateOf === null;
		if (!keep) await discardUpload(staged.id);
		return { step: 'preview', uploadId: keep ? staged.id : null, preview, choices: input.choices, message: null };
	} catch (error) {
		await discardUpload(staged.id);
		throw error;
	}
}

/** Preview a kept upload again, with the layout and column choices the person made. */
export async function previewStagedImport(ctx: ServiceContext, input: StagedInput): Promise<ImportStep> {
	const { preview } = await previewStaged(ctx, input);
	return { step: 'preview', uploadId: input.uploadId, preview, choices: input.choices, message: null };
}

/**
 * Import a kept upload with the person's mapping. It is checked first, so a mapping problem brings the
 * preview back rather than a rejection. A rejected file stays kept (for a retry that skips invalid rows);
 * an imported or duplicate one is deleted.
 */
export async function importStagedFile(ctx: ServiceContext, input: StagedInput): Promise<ImportStep> {
	const { staged, preview } = await previewStaged(ctx, input);
	const blocking = preview.blocked ?? (preview.missing.length || preview.mappingProblems.length ? 'Fix the column mapping before importing.' : null);
	if (blocking) return { step: 'preview', uploadId: input.uploadId, preview, choices: input.choices, message: blocking };
	// Import exactly what the preview showed (layout, saved or edited column choices), checked just now:
	// a column shown as not imported is mapped to "", or the layout would import it after all.
	const map = Object.fromEntries(preview.columns.map((c) => [c.header, c.field ?? ''] as const));
	const path = await claimUpload(staged.id);
	if (!path) throw new ConflictError('This file is being imported already, or has been: see the import history.');
	const onProgress = startProgress(staged.id, staged.ods, staged.owner);
	let keep = true;
	try {
		const report = await importFile(ctx, {
			kind: preview.kind,
			ods: staged.ods,
			path,
			fileName: staged.fileName,
			...(staged.sheet ? { sheet: staged.sheet } : {}),
			...(input.choices.asOf ? { asOf: input.choices.asOf } : {}),
			...(preview.preset ? { preset: preview.preset.name } : {}),
			map,
			saveMapping: input.choices.saveMapping,
			skipInvalid: input.choices.skipInvalid,
			acceptChange: input.choices.acceptChange ?? false,
			onProgress
		});
		keep = report.batchId === null && report.duplicateOf === null;
		const outcome: ImportOutcome = {
			kind: preview.kind,
			kindLabel: preview.kindLabel,
			fileName: staged.fileName,
			batchId: report.batchId,
			duplicateOf: report.duplicateOf,
			preset: report.preset,
			rowsTotal: report.rowsTotal,
			rowsImported: report.rowsImported,
			rowsRejected: report.rowsRejected,
			errors: report.errors,
			errorsNotListed: report.errorsNotListed,
			details: JSON.parse(JSON.stringify(report.details)) as Record<string, unknown>,
			change: report.change ?? null
		};
		return { step: 'outcome', uploadId: keep ? staged.id : null, outcome, choices: input.choices, preset: preview.preset?.name ?? null, map };
	} finally {
		finishProgress(staged.id);
		await (keep ? releaseUpload(staged.id) : discardUpload(staged.id));
	}
}

/** Throw a kept upload away. */
export async function discardStagedImport(ctx: ServiceContext, input: { ods: string; uploadId: string }): Promise<ImportStep> {
	await requireOrganisation(ctx, input.ods, 'edit');
	const staged = await findUpload(input.uploadId, input.ods, ownerOf(ctx.actor));
	if (staged) await discardUpload(staged.id);
	return { step: 'discarded', fileName: staged?.fileName ?? null };
}

/** How far the import of this upload has got, for the page polling while it waits. */
export async function stagedImportProgress(ctx: ServiceContext, input: { ods: string; uploadId: string }): Promise<ImportProgress> {
	const org = await requireOrganisation(ctx, input.ods, 'edit');
	return readProgress(input.uploadId, org.ods_code, ownerOf(ctx.actor));
}

async function previewStaged(ctx: ServiceContext, input: StagedInput) {
	const org = await requireOrganisation(ctx, input.ods, 'edit');
	const staged = await findUpload(input.uploadId, org.ods_code, ownerOf(ctx.actor));
	if (!staged || !(staged.kind in IMPORT_CATALOGUE)) throw new ValidationError(GONE);
	const preview = await previewImport(ctx, {
		kind: staged.kind as ImportKind,
		ods: org.ods_code,
		path: staged.path,
		fileName: staged.fileName,
		...(staged.sheet ? { sheet: staged.sheet } : {}),
		...(input.preset ? { preset: input.preset } : {}),
		...(input.map ? { map: input.map } : {})
	});
	return { staged, preview };
}

function ownerOf(actor: Actor): string {
	return actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.label}`;
}

/** The name the browser gave, as a plain file name: no directories, no control characters. */
function cleanFileName(name: string): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
	const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return (base || 'upload').slice(0, 200);
}
