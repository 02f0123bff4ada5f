import { createHmac } from 'node:crypto';
import type { TrainingRecordInput } from '../../schemas/training';
import { addDays } from './dates';
import { maturityOn } from './demo-maturity';
import { DEMO_END, DEMO_START, IG_COURSE, STAFF_GROUPS, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

const BOARD_SIZE = 12;

/** Demo staff keys are keyed hashes of made-up employee numbers, as real imports store them. */
export function demoStaffKey(ods: string, employee: number): string {
	return createHmac('sha256', 'beacon-demo-staff').update(`${ods}:${employee}`).digest('hex');
}

/**
 * Per-person data security training records: each person's completions of the annual course, renewed on
 * time more often as the organisation matures; a person who never completes has one outstanding record.
 */
export function generateTrainingRecords(org: DemoOrganisation, random: Random): TrainingRecordInput[] {
	const records: TrainingRecordInput[] = [];
	for (let i = 0; i < org.staff; i++) {
		const isBoardMember = i < BOARD_SIZE;
		const person = {
			staffKey: demoStaffKey(org.ods, 100_000 + i),
			staffGroup: isBoardMember ? 'Administrative and Clerical' : random.weighted(STAFF_GROUPS),
			department: isBoardMember ? 'Board' : random.pick(org.departments),
			course: IG_COURSE,
			// Bank and honorary staff are not required to hold the course through the trust.
			isRequired: isBoardMember || !random.chance(0.03),
			isBoardMember
		};
		const completions = completionDates(org, random, isBoardMember);
		if (completions.length === 0) {
			records.push(person);
			continue;
		}
		for (const completedOn of completions) {
			records.push({ ...person, completedOn, expiresOn: addDays(completedOn, 365) });
		}
	}
	return records;
}

function completionDates(org: DemoOrganisation, random: Random, isBoardMember: boolean): string[] {
	const startMaturity = maturityOn(org, DEMO_START);
	const inDateAtStart = isBoardMember ? 0.9 : 0.55 + 0.4 * startMaturity;
	let next = random.chance(inDateAtStart) ? addDays(DEMO_START, -random.int(1, 364)) : addDays(DEMO_START, random.int(20, 500));
	const dates: string[] = [];
	while (next <= DEMO_END) {
		dates.push(next);
		const renewOnTime = 0.55 + 0.45 * maturityOn(org, addDays(next, 365));
		next = addDays(next, random.chance(renewOnTime) ? random.int(300, 364) : random.int(380, 560));
	}
	return dates;
}
