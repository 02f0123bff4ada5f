import { createHmac } from 'node:crypto';
import { addDays } from './dates';
import { IG_COURSE, STAFF_GROUPS } from './demo-profile';
import { NATIONAL_END, type NationalOrganisation } from './national-profile';
import type { Random } from './random';

const BOARD_SIZE = 12;

export const TRAINING_COLUMNS = [
	'organisation_id',
	'staff_key',
	'staff_group',
	'department',
	'course',
	'is_required',
	'is_board_member',
	'completed_on',
	'expires_on'
] as const;

/** Share of required staff in date on the national as-of date, by maturity (0.70 at 0, 0.98 at 1). */
export function trainedShare(maturity: number): number {
	return 0.7 + 0.28 * maturity;
}

/**
 * One training record per member of staff: the latest completion of the annual data security course as
 * an ESR extract shows it on the as-of date (in date, lapsed, or never completed). Rows come in staff-key
 * order, as the metrics index holds them, so loading them appends to the index rather than scattering.
 */
export function trainingRows(org: NationalOrganisation, organisationId: number, random: Random): (string | number | boolean | null)[][] {
	const inDate = trainedShare(org.maturity);
	const rows: (string | number | boolean | null)[][] = [];
	for (let i = 0; i < org.staff; i++) {
		const isBoardMember = i < BOARD_SIZE;
		const staffGroup = isBoardMember ? 'Administrative and Clerical' : random.weighted(STAFF_GROUPS);
		const department = isBoardMember ? 'Board' : random.pick(org.band.departments);
		// Bank and honorary staff are not required to hold the course through the trust.
		const isRequired = isBoardMember || !random.chance(0.03);
		let completedOn: string | null = null;
		if (random.chance(isBoardMember ? 0.95 : inDate)) completedOn = addDays(NATIONAL_END, -random.int(0, 364));
		else if (random.chance(0.7)) completedOn = addDays(NATIONAL_END, -random.int(365, 1_000));
		rows.push([
			organisationId,
			nationalStaffKey(org.ods, i),
			staffGroup,
			department,
			IG_COURSE,
			isRequired,
			isBoardMember,
			completedOn,
			completedOn && addDays(completedOn, 365)
		]);
	}
	return rows.sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1));
}

export function nationalStaffKey(ods: string, employee: number): string {
	return createHmac('sha256', 'beacon-national-staff').update(`${ods}:${employee}`).digest('hex');
}
