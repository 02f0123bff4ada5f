import { headcountInput, organisationInput, type HeadcountInput, type OrganisationInput, type OrganisationKind } from '../../schemas/organisation';
import { recordAudit } from '../audit/service';
import { isAdmin } from '../auth/actor';
import { can, canSee } from '../auth/capabilities';
import { requireOrganisation } from '../auth/organisation-access';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from '../errors';
import * as q from './queries';

export interface OrganisationView {
	ods: string;
	name: string;
	kind: OrganisationKind;
	parentOds: string | null;
}

export interface OrganisationSummary extends OrganisationView {
	spendLines: number;
	trainingRecords: number;
	incidents: number;
	deviceSnapshots: number;
	latestDevices: number;
	latestSnapshotOn: string | null;
}

export async function createOrganisation(ctx: ServiceContext, input: OrganisationInput): Promise<OrganisationView> {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may add organisations');
	const org = parseInput(organisationInput, 'organisation', input);
	let parentId: number | null = null;
	if (org.parentOds) {
		const parent = await q.findOrganisationByOds(ctx.db, org.parentOds);
		if (!parent) throw new ValidationError(`parent organisation ${org.parentOds} does not exist`, [{ field: 'parentOds', message: 'unknown ODS code' }]);
		if (parent.kind !== 'icb') {
			throw new ValidationError(`parent organisation ${org.parentOds} is a ${parent.kind}, not an ICB`, [
				{ field: 'parentOds', message: 'the parent must be an ICB' }
			]);
		}
		if (org.kind === 'icb') throw new ValidationError('an ICB has no parent ICB', [{ field: 'parentOds', message: 'an ICB has no parent' }]);
		parentId = parent.id;
	}
	try {
		return await inTransaction(ctx, async (tx) => {
			const row = await q.insertOrganisation(tx.db, {
				ods_code: org.ods,
				name: org.name,
				kind: org.kind,
				parent_id: parentId,
				primary_sector: org.primarySector ?? null
			});
			const view = { ods: row.ods_code, name: row.name, kind: row.kind, parentOds: org.parentOds ?? null };
			await recordAudit(tx, { action: 'organisation.create', organisationId: row.id, entityType: 'organisation', entityId: row.id, summary: { after: view } });
			return view;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`an organisation with ODS code ${org.ods} already exists`);
		throw error;
	}
}

export async function listOrganisations(ctx: ServiceContext): Promise<OrganisationView[]> {
	const rows = (await q.selectOrganisationsWithParent(ctx.db)).filter((r) => canSee(ctx.actor, { id: r.id, parentId: r.parent_id }));
	return rows.map((r) => ({ ods: r.ods_code, name: r.name, kind: r.kind, parentOds: r.parent_ods }));
}

/** Organisations with how much data Beacon holds for each: what the home page shows. */
export async function listOrganisationSummaries(ctx: ServiceContext): Promise<OrganisationSummary[]> {
	return summarise(ctx);
}

/** Summaries of the organisations the actor may see: all of them, or only the one with this id; with `asOf`, of what is dated by then. */
async function summarise(ctx: ServiceContext, organisationId?: number, asOf?: string): Promise<OrganisationSummary[]> {
	const [orgs, counts] = await Promise.all([q.selectOrganisationsWithParent(ctx.db, organisationId), q.selectRecordCounts(ctx.db, organisationId, asOf)]);
	const byId = new Map(counts.map((c) => [c.id, c]));
	// Record counts describe an organisation's working data: shown only where the actor may read it.
	return orgs
		.filter((o) => can(ctx.actor, { id: o.id, parentId: o.parent_id }, 'read'))
		.map((o) => {
			const c = byId.get(o.id);
			return {
				ods: o.ods_code,
				name: o.name,
				kind: o.kind,
				parentOds: o.parent_ods,
				spendLines: Number(c?.spend_lines ?? 0),
				trainingRecords: Number(c?.training_records ?? 0),
				incidents: Number(c?.incidents ?? 0),
				deviceSnapshots: Number(c?.device_snapshots ?? 0),
				latestDevices: Number(c?.latest_devices ?? 0),
				latestSnapshotOn: (c?.latest_snapshot_on as string | null | undefined) ?? null
			};
		});
}

/** One organisation's summary, for its own page: of the data dated on or before `asOf` when given (the page's date). */
export async function getOrganisationSummary(ctx: ServiceContext, ods: string, asOf?: string): Promise<OrganisationSummary> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const [summary] = await summarise(ctx, org.id, asOf);
	if (!summary) throw new NotFoundError(`no organisation with ODS code ${org.ods_code}`);
	return summary;
}

export async function setHeadcount(ctx: ServiceContext, ods: string, input: HeadcountInput): Promise<void> {
	const value = parseInput(headcountInput, 'headcount', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		await q.upsertHeadcount(tx.db, org.id, value.financialYear, value.headcount);
		await recordAudit(tx, { action: 'organisation.headcount', organisationId: org.id, entityType: 'organisation', entityId: org.id, summary: value });
	});
}
