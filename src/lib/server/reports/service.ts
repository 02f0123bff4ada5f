import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FrameInput } from '../../../../reports/frame';
import { isoDate } from '../../schemas/common';
import { parseCheckpoint, type AuditCheckpoint } from '../audit/checkpoint';
import { currentAuditCheckpoint, recordAudit } from '../audit/service';
import { actorLabel, actorUserId } from '../auth/actor';
import { capabilitiesOn } from '../auth/capabilities';
import { inTransaction, type ServiceContext } from '../context';
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { canonicalJson, sha256Hex } from './canonical-json';
import { freezePdf } from './freeze';
import { REPORT_KINDS } from './kinds';
import { parsePeriod, type ReportPeriod } from './period';
import * as q from './queries';
import { REPORT_KIND_NAMES, type ReportKindName } from './report-kind';
import { today } from '../db/day';

export interface GeneratedReport {
	reportId: string;
	kind: ReportKindName;
	period: string;
	sha256: string;
	dataSha256: string;
	pages: number;
	bytes: number;
	pdf: Buffer;
	/** The regulator pack's zip, made from the same frozen data. */
	bundle: Buffer | null;
}

function requirePeriod(label: string): ReportPeriod {
	const period = parsePeriod(label);
	if (!period)
		throw new ValidationError(`invalid period "${label}": a period is a financial year written like 2025-26`, [
			{ field: 'period', message: 'a financial year, e.g. 2025-26' }
		]);
	if (period.from > today())
		throw new ValidationError(`the ${period.label} financial year has not started yet`, [{ field: 'period', message: 'a year that has started' }]);
	return period;
}

function requireKind(kind: string): ReportKindName {
	if (!(REPORT_KIND_NAMES as readonly string[]).includes(kind))
		throw new ValidationError(`unknown report "${kind}": board or regulator`, [{ field: 'kind', message: 'board or regulator' }]);
	return kind as ReportKindName;
}

function frameOf(
	kind: ReportKindName,
	org: { ods: string; name: string },
	period: string,
	reportId: string,
	dataSha256: string,
	generatedAt: string,
	auditCheckpoint: AuditCheckpoint | null
): FrameInput {
	return { title: REPORT_KINDS[kind].title, organisation: org, period, reportId, dataSha256, generatedAt, auditCheckpoint };
}

/**
 * Make a pack and freeze it: gather its data as of the period, hash the data, render the PDF with the
 * report id and data hash in every footer and the data inside it, sign it with the installation's
 * certificate, and store data and PDF bytes together, so the same PDF can be downloaded again byte for byte
 * and verified later, with or without Beacon. IT leads of the organisation and administrators.
 */
export async function generateReport(ctx: ServiceContext, ods: string, kindName: string, periodLabel: string): Promise<GeneratedReport> {
	const kind = requireKind(kindName);
	const period = requirePeriod(periodLabel);
	const org = await requireOrganisation(ctx, ods, 'edit');
	const definition = REPORT_KINDS[kind];
	const data = await definition.gather(ctx, org.ods_code, period);
	// The hash is of the data as it will be stored and read back: canonical JSON of its JSON form.
	const frozen = canonicalJson(JSON.parse(JSON.stringify(data)));
	const dataSha256 = sha256Hex(frozen);
	const reportId = randomUUID();
	const generatedAt = new Date();
	// Every copy of the pack carries the trail's checkpoint, out of the database owner's reach.
	const checkpoint = await currentAuditCheckpoint(ctx);
	const meta = frameOf(kind, { ods: org.ods_code, name: org.name }, period.label, reportId, dataSha256, generatedAt.toISOString(), checkpoint);
	const { bytes, pages } = await freezePdf(definition, JSON.parse(frozen), meta);
	const sha256 = sha256Hex(bytes);
	await inTransaction(ctx, async (tx) => {
		await q.insertSnapshot(tx.db, {
			report_id: reportId,
			kind,
			organisation_id: org.id,
			period: period.label,
			data: frozen,
			data_sha256: dataSha256,
			pdf: bytes,
			pdf_sha256: sha256,
			page_count: pages,
			audit_checkpoint: JSON.stringify(checkpoint),
			generated_by: actorUserId(tx.actor),
			generated_at: generatedAt
		});
		await recordAudit(tx, {
			action: 'report.generate',
			organisationId: org.id,
			entityType: 'report_snapshot',
			entityId: reportId,
			summary: { kind, period: period.label, sha256, dataSha256, pages }
		});
	});
	const bundle = definition.bundle ? definition.bundle(JSON.parse(frozen), meta) : null;
	return { reportId, kind, period: period.label, sha256, dataSha256, pages, bytes: bytes.length, pdf: bytes, bundle };
}

export interface ReportSummary {
	reportId: string;
	kind: ReportKindName;
	period: string;
	generatedAt: string;
	generatedBy: string | null;
	pages: number | null;
	bytes: number | null;
	sha256: string | null;
	signOff: { name: string; role: string | null; on: string; comment: string | null } | null;
	sharedWith: { email: string; name: string }[];
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : String(v));

/** The reports an actor may see for an organisation: all of them for its readers; a regulator, those shared with them. */
export async function listReports(ctx: ServiceContext, ods: string): Promise<ReportSummary[]> {
	const org = await requireVisible(ctx, ods);
	const rows = await q.selectSnapshots(ctx.db, org.id);
	const shares = await q.selectShares(
		ctx.db,
		rows.map((r) => r.id)
	);
	const readsAll = capabilitiesOn(ctx.actor, { id: org.id, parentId: org.parent_id }).has('read');
	const me = actorUserId(ctx.actor);
	return rows
		.filter((r) => readsAll || shares.some((s) => s.report_snapshot_id === r.id && s.user_id === me))
		.map((r) => ({
			reportId: r.report_id,
			kind: r.kind,
			period: r.period,
			generatedAt: iso(r.generated_at),
			generatedBy: r.generated_by_name,
			pages: r.page_count,
			bytes: r.bytes,
			sha256: r.pdf_sha256,
			signOff:
				r.signed_off_on && r.signed_off_name ? { name: r.signed_off_name, role: r.signed_off_role, on: r.signed_off_on, comment: r.sign_off_comment } : null,
			sharedWith: readsAll ? shares.filter((s) => s.report_snapshot_id === r.id).map((s) => ({ email: s.email, name: s.display_name })) : []
		}));
}

/**
 * The organisation when the actor may read it, or is a regulator with a pack of it shared with them: to a
 * regulator nothing was shared with, the organisation is not there.
 */
async function requireVisible(ctx: ServiceContext, ods: string) {
	const org = await requireOrganisation(ctx, ods, 'read').catch(async (e: unknown) => {
		if (!(e instanceof ForbiddenError)) throw e;
		const row = await requireOrganisation(ctx, ods, 'read_submitted');
		const me = actorUserId(ctx.actor);
		if (me === null || !(await q.hasShareFrom(ctx.db, row.id, me))) throw new NotFoundError(`no organisation with ODS code ${row.ods_code}`);
		return row;
	});
	return org;
}

const reportIdSchema = z.uuid({ message: 'a report id is a UUID' });

/** A snapshot the actor may open: any of the organisation's readers, or a regulator it was shared with. */
export async function openSnapshot(ctx: ServiceContext, ods: string, reportId: string) {
	const org = await requireVisible(ctx, ods);
	const parsed = reportIdSchema.safeParse(reportId.trim().toLowerCase());
	if (!parsed.success) throw new NotFoundError(`${org.ods_code} has no report ${reportId.trim()}`);
	const id = parsed.data;
	const snapshot = await q.findSnapshot(ctx.db, id);
	if (!snapshot || snapshot.organisation_id !== org.id) throw new NotFoundError(`${org.ods_code} has no report ${id}`);
	const caps = capabilitiesOn(ctx.actor, { id: org.id, parentId: org.parent_id });
	const me = actorUserId(ctx.actor);
	if (!caps.has('read') && !(me !== null && (await q.isSharedWith(ctx.db, snapshot.id, me)))) throw new NotFoundError(`${org.ods_code} has no report ${id}`);
	return { org, snapshot };
}

export const fileBase = (s: { kind: string; ods_code: string; period: string; report_id: string }) =>
	`beacon-${s.kind}-pack-${s.ods_code}-${s.period}-${s.report_id.slice(0, 8)}`;

/** The frozen PDF, byte for byte as generated. */
export async function getReportPdf(ctx: ServiceContext, ods: string, reportId: string): Promise<{ fileName: string; bytes: Buffer }> {
	const { snapshot } = await openSnapshot(ctx, ods, reportId);
	const { pdf } = await q.findSnapshotPdf(ctx.db, snapshot.id);
	if (!pdf) throw new NotFoundError(`report ${reportId} has no PDF`);
	return { fileName: `${fileBase(snapshot)}.pdf`, bytes: Buffer.from(pdf) };
}

/** The regulator pack's machine-readable bundle, made again from the frozen data (the same bytes each time). */
export async function getReportBundle(ctx: ServiceContext, ods: string, reportId: string): Promise<{ fileName: string; bytes: Buffer }> {
	const { snapshot } = await openSnapshot(ctx, ods, reportId);
	const kind = REPORT_KINDS[snapshot.kind];
	if (!kind?.bundle) throw new NotFoundError(`a ${snapshot.kind} pack has no bundle`);
	const { data } = await q.findSnapshotPdf(ctx.db, snapshot.id);
	const meta = frameOf(
		snapshot.kind,
		{ ods: snapshot.ods_code, name: snapshot.organisation_name },
		snapshot.period,
		snapshot.report_id,
		snapshot.data_sha256,
		iso(snapshot.generated_at),
		storedCheckpoint(snapshot.audit_checkpoint)
	);
	return { fileName: `${fileBase(snapshot)}.zip`, bytes: kind.bundle(JSON.parse(canonicalJson(data)), meta) };
}

/** The checkpoint frozen with a snapshot (none before packs carried one). */
function storedCheckpoint(value: unknown): AuditCheckpoint | null {
	const parsed = parseCheckpoint(value);
	return 'checkpoint' in parsed ? parsed.checkpoint : null;
}

export const signOffInput = z.object({
	name: z.string().trim().min(1, 'required').max(200),
	role: z.string().trim().min(1, 'required').max(200),
	on: isoDate,
	comment: z.string().trim().max(2000).optional()
});

/**
 * A board member records the board's sign-off of a pack (once); audited. The frozen PDF never changes: the
 * signed-off copy (signed-off.ts) is the frozen bytes plus a signed incremental update.
 */
export async function signOffReport(ctx: ServiceContext, ods: string, reportId: string, input: z.input<typeof signOffInput>): Promise<void> {
	const value = parseInput(signOffInput, 'sign-off', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'sign_off');
		const { snapshot } = await openSnapshot(tx, org.ods_code, reportId);
		if (snapshot.signed_off_on) throw new ConflictError(`report ${reportId} was signed off on ${snapshot.signed_off_on} by ${snapshot.signed_off_name}`);
		const result = await q.recordSignOff(tx.db, snapshot.id, {
			signed_off_by: actorUserId(tx.actor),
			signed_off_name: value.name,
			signed_off_role: value.role,
			signed_off_on: value.on,
			sign_off_comment: value.comment || null
		});
		if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`report ${reportId} has just been signed off`);
		await recordAudit(tx, {
			action: 'report.sign_off',
			organisationId: org.id,
			entityType: 'report_snapshot',
			entityId: reportId,
			summary: { name: value.name, role: value.role, on: value.on }
		});
	});
}

/** Share a regulator pack with a regulator (by email): they may then read that one snapshot. */
const shareInput = z.object({ email: z.email({ message: 'the email of a user with the regulator role' }) });

export interface SharedReport {
	sharedWith: string;
	reportId: string;
	org: { ods: string; name: string };
	kind: ReportKindName;
	period: string;
}

export async function shareReport(ctx: ServiceContext, ods: string, reportId: string, emailInput: string): Promise<SharedReport> {
	const { email } = parseInput(shareInput, 'share', { email: emailInput.trim() });
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const { snapshot } = await openSnapshot(tx, org.ods_code, reportId);
		if (snapshot.kind !== 'regulator')
			throw new ValidationError('only a regulator pack is shared with a regulator', [{ field: 'email', message: 'share the regulator pack' }]);
		const regulator = await q.findRegulator(tx.db, email);
		if (!regulator)
			throw new ValidationError(`no active regulator has the email ${email.trim()}`, [
				{ field: 'email', message: 'the email of a user with the regulator role' }
			]);
		await q.insertShare(tx.db, {
			report_snapshot_id: snapshot.id,
			user_id: regulator.id,
			shared_by: actorUserId(tx.actor),
			shared_by_label: actorLabel(tx.actor)
		});
		await recordAudit(tx, {
			action: 'report.share',
			organisationId: org.id,
			entityType: 'report_snapshot',
			entityId: reportId,
			summary: { with: regulator.email }
		});
		return {
			sharedWith: regulator.email,
			reportId: snapshot.report_id,
			org: { ods: org.ods_code, name: org.name },
			kind: snapshot.kind,
			period: snapshot.period
		};
	});
}
