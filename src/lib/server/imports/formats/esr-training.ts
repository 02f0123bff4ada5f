import { z } from 'zod';
import { CopyWriter, copyField } from '../../db/copy';
import * as trainingQueries from '../../training/queries';
import { cell, Invalid, optional, readBoolean, readDate, readText, remember, type Read } from '../cell-values';
import { identifierHasher } from '../identifiers';
import type { ImportFormat, Preset } from './format';

/**
 * ESR writes the organisation hierarchy joined with '|' from the top ("123 Borsetshire NHS Trust|Ward 10");
 * the last level is the one the person works in, and the only one worth grouping by.
 */
const readDepartment: Read<string> = remember((v) => {
	const levels = v
		.split('|')
		.map((l) => l.trim())
		.filter(Boolean);
	const department = levels[levels.length - 1] ?? '';
	if (department === '') return new Invalid('every record needs the department the person works in');
	return department.length > 200 ? new Invalid('a department name is at most 200 characters') : department;
});

const row = z.object({
	employeeNumber: cell(readText(50, { required: 'every record needs the employee number' })),
	staffGroup: cell(remember(readText(100, { required: 'every record needs a staff group, e.g. Nursing and Midwifery Registered' }))),
	department: cell(readDepartment),
	course: cell(remember(readText(300, { required: 'every record needs the competence (course) name' }))),
	isRequired: cell(readBoolean),
	isBoardMember: optional(readBoolean),
	completedOn: optional(readDate),
	expiresOn: optional(readDate)
});

export interface TrainingRow {
	staffKey: string;
	staffGroup: string;
	department: string;
	course: string;
	isRequired: boolean;
	isBoardMember: boolean;
	completedOn: string | null;
	expiresOn: string | null;
}

const COLUMNS = [
	'organisation_id',
	'staff_key',
	'staff_group',
	'department',
	'course',
	'is_required',
	'is_board_member',
	'completed_on',
	'expires_on',
	'import_batch_id'
] as const;

export const esrTraining: ImportFormat<TrainingRow> = {
	kind: 'training',
	name: 'training-records',
	label: 'One row per person and course (ESR competence export)',
	fields: [
		{ name: 'employeeNumber', label: 'Employee number', required: true, personal: true, hint: 'the ESR employee number; stored only as a keyed hash' },
		{ name: 'staffGroup', label: 'Staff group', required: true, hint: 'e.g. Nursing and Midwifery Registered, Administrative and Clerical' },
		{ name: 'department', label: 'Department', required: true, hint: 'the department or lowest organisation level (ESR Org L6)' },
		{ name: 'course', label: 'Course', required: true, hint: 'the competence, e.g. NHS|CSTF|Information Governance and Data Security - 1 Year|' },
		{ name: 'isRequired', label: 'Required', required: true, hint: 'whether the person must hold the competence: Yes or No' },
		{ name: 'isBoardMember', label: 'Board member', required: false, hint: 'Yes for board members (reported separately); empty means No' },
		{ name: 'completedOn', label: 'Completed on', required: false, hint: 'the achievement date, YYYY-MM-DD or DD/MM/YYYY; empty if never completed' },
		{ name: 'expiresOn', label: 'Expires on', required: false, hint: 'the expiry date, on or after the completion date; empty if it does not expire' }
	],
	rowSchema(key) {
		const hash = identifierHasher(key, 'staff');
		return row.transform((r, ctx): TrainingRow => {
			// ISO dates compare correctly as text.
			if (r.completedOn && r.expiresOn && r.expiresOn < r.completedOn) {
				const message = `the expiry date ${r.expiresOn} is before the completion date ${r.completedOn}: expected an expiry on or after completion`;
				ctx.addIssue({ code: 'custom', path: ['expiresOn'], message, input: r.expiresOn });
				return z.NEVER as never;
			}
			return {
				staffKey: hash(r.employeeNumber),
				staffGroup: r.staffGroup,
				department: r.department,
				course: r.course,
				isRequired: r.isRequired,
				isBoardMember: r.isBoardMember ?? false,
				completedOn: r.completedOn,
				expiresOn: r.expiresOn
			};
		}) as unknown as z.ZodType<TrainingRow, Record<string, string>>;
	},
	copyFields: (t, constants) => [
		constants.organisation as string,
		t.staffKey,
		copyField(t.staffGroup),
		copyField(t.department),
		copyField(t.course),
		copyField(t.isRequired),
		copyField(t.isBoardMember),
		copyField(t.completedOn),
		copyField(t.expiresOn),
		constants.batch as string
	],
	async open(target) {
		// A training file is the organisation's whole extract (ESR reports every current competence), so
		// it replaces what was there: anyone who left is gone from the new file and must go from the data.
		const replaced = await trainingQueries.deleteTrainingRecords(target.ctx.db, target.organisationId);
		const writer = await CopyWriter.open(target.ctx.db, 'training_record', COLUMNS);
		return {
			copy: { writer, constants: { organisation: String(target.organisationId), batch: String(target.batchId) } },
			async finish() {
				await writer.end();
				return { replacedRecords: replaced };
			}
		};
	},
	describe: (t) => ({ ...t })
};

/** NHS Electronic Staff Record competence compliance report (BI portal or the CSTF dashboard export). */
export const ESR_PRESET: Preset = {
	name: 'esr',
	label: 'NHS Electronic Staff Record (ESR) competence export',
	format: 'training-records',
	headers: {
		employeeNumber: ['Employee Number', 'Employee No', 'Person Number', 'Staff Number'],
		staffGroup: ['Staff Group'],
		department: ['Department', 'Org L6'],
		course: ['Competence Name', 'Competence', 'Course Name'],
		isRequired: ['Required', 'Is Required', 'Mandatory'],
		isBoardMember: ['Board Member'],
		completedOn: ['Achievement Date', 'Completion Date', 'Date Completed'],
		expiresOn: ['Expiry Date', 'Expires']
	},
	values: {
		isRequired: { Required: 'Yes', 'Not Required': 'No', Mandatory: 'Yes', Optional: 'No' },
		// ESR is Oracle HR: a competence that never lapses may carry Oracle's end of time as its expiry.
		expiresOn: { '31/12/4712': '', '4712-12-31': '' }
	}
};
