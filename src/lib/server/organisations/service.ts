import { headcountInput, organisationInput, type HeadcountInput, type OrganisationInput, type OrganisationKind } from '../../schemas/organisation';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, NotFoundError, parseInput, ValidationError } from '../errors';
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

/** The organisation with this ODS code, or a NotFoundError that names the code. */
export async function requireOrganisation(ctx: ServiceContext, ods: string): Promise<q.OrganisationRow> {
	const code = ods.trim().toUpperCase();
	const row = await q.findOrganisationByOds(ctx.db, code);
	if (!row) throw new NotFoundError(`no organisation with ODS code ${code}`);
	return row;
}

/** The organisation with this ODS code, or null. */
export async function findOrganisation(ctx: ServiceContext, ods: string): Promise<q.OrganisationRow | null> {
	return (await q.findOrganisationByOds(ctx.db, ods.trim().toUpperCase())) ?? null;
}

export async function createOrganisation(ctx: ServiceContext, input: OrganisationInput): Promise<OrganisationView> {
	const org = parseInput(organisationInput, 'organisation', input);
	let parentId: number | null = null;
	if (org.parentOds) {
		const parent = await q.findOrganisationByOds(ctx.db, org.parentOds);
		if (!parent) throw new ValidationError(`parent organisation ${org.parentOds} does not exist`, [{ field: 'parentOds', message: 'unknown ODS code' }]);
		if (parent.kind !== 'icb') {
			throw new ValidationError(`parent organisation ${org.parentOds} is a ${parent.kind}, not an ICB`, [{ field: 'parentOds', message: 'the parent must be an ICB' }]);
		}
		if (org.kind === 'icb') throw new ValidationError('an ICB has no parent ICB', [{ field: 'parentOds', message: 'an ICB has no parent' }]);
		parentId = parent.id;
	}
	try {
		const row = await q.insertOrganisation(ctx.db, {
			ods_code: org.ods,
			name: org.name,
			kind: org.kind,
			parent_id: parentId,
			primary_sector: org.primarySector ?? null
		});
		return { ods: row.ods_code, name: row.name, kind: row.kind as OrganisationKind, parentOds: org.parentOds ?? null };
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`an organisation with ODS code ${org.ods} already exists`);
		throw error;
	}
}

export async function listOrganisations(ctx: ServiceContext): Promise<OrganisationView[]> {
	const rows = await q.selectOrganisationsWithParent(ctx.db);
	return rows.map((r) => ({ ods: r.ods_code, name: r.name, kind: r.kind as OrganisationKind, parentOds: r.parent_ods }));
}

/** Organisations with how much data Beacon holds for each: what the home page shows. */
export async function listOrganisationSummaries(ctx: ServiceContext): Promise<OrganisationSummary[]> {
	const [orgs, counts] = await Promise.all([q.selectOrganisationsWithParent(ctx.db), q.selectRecordCounts(ctx.db)]);
	const byId = new Map(counts.map((c) => [c.id, c]));
	return orgs.map((o) => {
		const c = byId.get(o.id);
		return {
			ods: o.ods_code,
			name: o.name,
			kind: o.kind as OrganisationKind,
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

export async function setHeadcount(ctx: ServiceContext, ods: string, input: HeadcountInput): Promise<void> {
	const org = await requireOrganisation(ctx, ods);
	const value = parseInput(headcountInput, 'headcount', input);
	await q.upsertHeadcount(ctx.db, org.id, value.financialYear, value.headcount);
}

export async function listHeadcounts(ctx: ServiceContext, ods: string): Promise<{ financialYear: number; headcount: number }[]> {
	const org = await requireOrganisation(ctx, ods);
	const rows = await q.selectHeadcounts(ctx.db, org.id);
	return rows.map((r) => ({ financialYear: r.financial_year, headcount: r.headcount }));
}
