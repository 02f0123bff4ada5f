import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../audit/service';
import { isAdmin } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { applyEditionGrading, gradingColumns, gradingOf, sameGrading } from './edition-grading';
import { parseFrameworkFile, type FrameworkDefinition } from './framework-file';
import { sameItems } from './edition-content';
import { ITEM_TYPES, type Generation, type ItemType } from './levels';
import * as q from './queries';

export interface FrameworkLoadReport {
	code: string;
	edition: string;
	name: string;
	generation: Generation;
	/**
	 * loaded: a new edition; replaced: new content for an edition nothing uses yet; unchanged: the same
	 * content was already loaded; kept: different content is loaded and was left alone (ifAbsent).
	 */
	status: 'loaded' | 'replaced' | 'unchanged' | 'kept';
	sha256: string;
	items: number;
	counts: Partial<Record<ItemType, number>>;
}

export interface FrameworkView {
	code: string;
	edition: string;
	name: string;
	generation: Generation;
	source: string | null;
	sha256: string;
	loadedAt: string;
	items: number;
	/** Outcomes (CAF) or evidence items (NDG): what an organisation rates. */
	assessableItems: number;
}

/** The framework files that ship with Beacon, loaded at start-up and by the demo seed. */
export const SHIPPED_FRAMEWORKS_DIR = path.resolve('data', 'frameworks');

async function readFrameworkFile(filePath: string): Promise<{ fileName: string; sha256: string; definition: FrameworkDefinition }> {
	const fileName = path.basename(filePath);
	let bytes: Buffer;
	try {
		bytes = await readFile(filePath);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`no such file: ${filePath}`);
		throw error;
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ValidationError(`invalid framework file ${fileName}: it is not UTF-8 text`, [{ field: '(file)', message: 'not UTF-8 text' }]);
	}
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	return { fileName, sha256, definition: parseFrameworkFile(fileName, text) };
}

function countItems(definition: FrameworkDefinition): Partial<Record<ItemType, number>> {
	const counts: Partial<Record<ItemType, number>> = {};
	for (const item of definition.items) counts[item.type] = (counts[item.type] ?? 0) + 1;
	return counts;
}

/**
 * Load a framework edition from its file, validated first, in one transaction. The same content again
 * changes nothing; new content replaces the edition's items only while no assessment or improvement action
 * uses them (a used edition is fixed: publish the change as a new edition), except that its incidentGrading
 * block may change at any time. When the grading rules an edition states change, every incident is
 * regraded in the same transaction (edition-grading.ts). With ifAbsent, an edition
 * already loaded is left as it is whatever its content (start-up must not fail on an edited file).
 */
export async function loadFramework(ctx: ServiceContext, filePath: string, options: { ifAbsent?: boolean } = {}): Promise<FrameworkLoadReport> {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may load frameworks');
	const { fileName, sha256, definition: d } = await readFrameworkFile(filePath);
	const report: FrameworkLoadReport = {
		code: d.code,
		edition: d.edition,
		name: d.name,
		generation: d.generation,
		status: 'loaded',
		sha256,
		items: d.items.length,
		counts: countItems(d)
	};
	try {
		return await inTransaction(ctx, async (tx) => {
			const existing = await q.findFrameworkForUpdate(tx.db, d.code, d.edition);
			if (existing?.definition_sha256 === sha256) return { ...report, status: 'unchanged' as const };
			if (existing && options.ifAbsent) return { ...report, status: 'kept' as const };
			let frameworkId: number;
			// An edition in use keeps its items; only its incidentGrading block may still change.
			let gradingOnly = false;
			if (existing) {
				const refs = await q.countFrameworkReferences(tx.db, existing.id);
				if (refs.assessments > 0 || refs.actions > 0) {
					gradingOnly = await sameContentBesidesGrading(tx, existing, d);
					if (!gradingOnly) {
						throw new ConflictError(
							`${d.code} ${d.edition} is already loaded with different content and is in use (${refs.assessments} assessment(s), ` +
								`${refs.actions} improvement action(s)): it cannot be replaced, only its incidentGrading changed. Publish the change as a new edition.`
						);
					}
				} else {
					await q.deleteFrameworkItems(tx.db, existing.id);
				}
				await q.updateFramework(tx.db, existing.id, {
					name: d.name,
					generation: d.generation,
					source: d.source,
					definition_sha256: sha256,
					...gradingColumns(d.incidentGrading)
				});
				frameworkId = existing.id;
			} else {
				const row = {
					code: d.code,
					edition: d.edition,
					name: d.name,
					generation: d.generation,
					source: d.source,
					definition_sha256: sha256,
					...gradingColumns(d.incidentGrading)
				};
				frameworkId = (await q.insertFramework(tx.db, row)).id;
			}
			if (!gradingOnly) await insertItems(tx, frameworkId, d);
			const previousGrading = existing ? gradingOf(existing) : null;
			if (!sameGrading(previousGrading, d.incidentGrading)) {
				await applyEditionGrading(tx, { frameworkId, code: d.code, edition: d.edition, before: previousGrading, after: d.incidentGrading });
			}
			await recordAudit(tx, {
				action: existing ? 'framework.replace' : 'framework.load',
				entityType: 'framework',
				entityId: frameworkId,
				summary: {
					code: d.code,
					edition: d.edition,
					file: fileName,
					sha256,
					items: d.items.length,
					incidentGrading: d.incidentGrading,
					...(existing ? { previousSha256: existing.definition_sha256 } : {}),
					...(gradingOnly ? { itemsKept: true } : {})
				}
			});
			return { ...report, status: existing ? ('replaced' as const) : ('loaded' as const) };
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`${d.code} ${d.edition} was being loaded by someone else at the same time: run the load again`);
		throw error;
	}
}

/** Whether the file's items, name and source are those stored for the edition: only its grading may differ. */
async function sameContentBesidesGrading(
	ctx: ServiceContext,
	existing: { id: number; name: string; generation: string; source: string | null },
	d: FrameworkDefinition
): Promise<boolean> {
	if (existing.name !== d.name || existing.generation !== d.generation || existing.source !== d.source) return false;
	return sameItems(await q.selectFrameworkItemDefinitions(ctx.db, existing.id), d.items);
}

/** The tree one level at a time, so each level can name its parents' new ids. */
async function insertItems(ctx: ServiceContext, frameworkId: number, d: FrameworkDefinition): Promise<void> {
	const ids = new Map<string, number>();
	for (const type of ITEM_TYPES) {
		const rows = d.items
			.filter((i) => i.type === type)
			.map((i) => ({
				framework_id: frameworkId,
				parent_id: i.parentCode === null ? null : (ids.get(i.parentCode) ?? null),
				code: i.code,
				item_type: i.type,
				title: i.title,
				description: i.description,
				sort_order: i.sortOrder,
				profile_level: i.profileLevel,
				profile_source: i.profileSource,
				allows_partial: i.allowsPartial,
				is_mandatory: i.isMandatory,
				hard_gate: i.hardGate,
				data_rules: i.dataRules
			}));
		for (const row of await q.insertFrameworkItems(ctx.db, rows)) ids.set(row.code, row.id);
	}
}

/** Framework editions are reference data every signed-in role may read. */
export async function listFrameworks(ctx: ServiceContext): Promise<FrameworkView[]> {
	const rows = await q.selectFrameworksWithCounts(ctx.db);
	return rows.map((r) => ({
		code: r.code,
		edition: r.edition,
		name: r.name,
		generation: r.generation,
		source: r.source,
		sha256: r.definition_sha256,
		loadedAt: new Date(r.loaded_at).toISOString(),
		items: Number(r.items ?? 0),
		assessableItems: Number(r.assessable ?? 0)
	}));
}

/** Load every shipped framework file whose edition is not in the database yet; loaded editions are left alone. */
export async function loadShippedFrameworks(
	ctx: ServiceContext,
	onProgress: (message: string) => void = () => {},
	dir = SHIPPED_FRAMEWORKS_DIR
): Promise<FrameworkLoadReport[]> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
	const reports: FrameworkLoadReport[] = [];
	for (const file of files) {
		const report = await loadFramework(ctx, path.join(dir, file), { ifAbsent: true });
		if (report.status === 'loaded') onProgress(`loaded framework ${report.code} ${report.edition} (${report.items} items)`);
		if (report.status === 'kept')
			onProgress(`framework ${report.code} ${report.edition} differs from ${file}; the loaded one is kept (framework load replaces it)`);
		reports.push(report);
	}
	return reports;
}
