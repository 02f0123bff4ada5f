import { z } from 'zod';
import { isoDate } from '../../schemas/common';
import { cadenceForm, cadenceInput } from '../../schemas/freshness';
import { recordAudit } from '../audit/service';
import { requireOrganisation } from '../auth/organisation-access';
import { inTransaction, type ServiceContext } from '../context';
import { parseInput } from '../errors';
import * as q from './queries';
import { toFreshness, type Freshness } from './sources';

/** How old each source of the organisation's figures is on the date, against its cadence (sources.ts). */
export async function getFreshness(ctx: ServiceContext, ods: string, asOf: string): Promise<Freshness> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	return freshnessOf(ctx, org.id, date);
}

/** getFreshness for an organisation already checked (the overview and packs call it beside their other reads). */
export async function freshnessOf(ctx: ServiceContext, organisationId: number, asOf: string): Promise<Freshness> {
	const [latest, s] = await Promise.all([q.selectLatestDates(ctx.db, organisationId, asOf), q.selectFreshnessSettings(ctx.db, organisationId)]);
	return toFreshness(asOf, latest, {
		devices: s.devices_cadence_days,
		training: s.training_cadence_days,
		spend: s.spend_cadence_days,
		incidents: s.incidents_cadence_days
	});
}

export type CadenceInput = z.input<typeof cadenceInput>;

/** Set how often a source's data is expected (days; null: the default). Sources not given keep their setting. */
export async function setCadences(ctx: ServiceContext, ods: string, input: CadenceInput): Promise<void> {
	await saveCadences(ctx, ods, parseInput(cadenceInput, 'cadence', input));
}

/**
 * The organisation settings form's cadences (fields as the form sends them: digits, or absent for the
 * default): every source is set, checked and audited as `setCadences` does.
 */
export async function setCadencesFromForm(ctx: ServiceContext, ods: string, form: Record<string, string | undefined>): Promise<void> {
	const { devices, training, incidents, spend } = form;
	await saveCadences(ctx, ods, parseInput(cadenceForm, 'cadences', { devices, training, incidents, spend }));
}

async function saveCadences(ctx: ServiceContext, ods: string, value: z.output<typeof cadenceInput>): Promise<void> {
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const now = await q.selectFreshnessSettings(tx.db, org.id);
		const next = {
			devices_cadence_days: value.devices !== undefined ? value.devices : now.devices_cadence_days,
			training_cadence_days: value.training !== undefined ? value.training : now.training_cadence_days,
			spend_cadence_days: value.spend !== undefined ? value.spend : now.spend_cadence_days,
			incidents_cadence_days: value.incidents !== undefined ? value.incidents : now.incidents_cadence_days
		};
		await q.updateFreshnessSettings(tx.db, org.id, next);
		await recordAudit(tx, { action: 'organisation.cadence', organisationId: org.id, entityType: 'organisation', entityId: org.id, summary: next });
	});
}

/**
 * Record the date an organisation's data is known to end (the demo's last day), or clear it: its overview
 * opens at that date when the URL names none, and says so.
 */
export async function setDataEndsOn(ctx: ServiceContext, ods: string, dataEndsOn: string | null): Promise<void> {
	const value = dataEndsOn === null ? null : parseInput(isoDate, 'data end date', dataEndsOn);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		await q.updateDataEndsOn(tx.db, org.id, value);
		await recordAudit(tx, {
			action: 'organisation.data_ends',
			organisationId: org.id,
			entityType: 'organisation',
			entityId: org.id,
			summary: { dataEndsOn: value }
		});
	});
}
