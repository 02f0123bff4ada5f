import { fail, isActionFailure, type ActionFailure } from '@sveltejs/kit';
import { PHISHING_FIELDS, PHISHING_ROWS, phishingFieldName, type KeptValues, type PhishingField } from '$lib/components/assurance/form-fields';
import type { ActivityInput, PhishingResultInput } from '$lib/schemas/assurance';
import type { ReportUpload } from '$lib/server/assurance/activities';
import { refuseNulFields, type ActionProblem } from '$lib/server/web/context';

/** A form's text fields, trimmed, empty ones left out (so optional inputs stay undefined). */
export function textFields(data: FormData): Record<string, string> {
	refuseNulFields(data);
	const fields: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim();
	return fields;
}

/**
 * The record-an-activity form as the service takes it: the activity, its phishing results (rows left
 * blank are not rows) and the report file when one was chosen. The service validates all of it.
 */
export async function readActivityForm(
	data: FormData
): Promise<{ fields: Record<string, string>; input: ActivityInput; phishing: PhishingResultInput[]; report?: ReportUpload }> {
	const fields = textFields(data);
	const phishing: PhishingResultInput[] = [];
	for (let row = 0; row < PHISHING_ROWS; row++) {
		const cell = (f: PhishingField) => fields[phishingFieldName(row, f)];
		if (PHISHING_FIELDS.every((f) => cell(f) === undefined)) continue;
		// A blank count stays undefined, so the service says it is missing rather than reading it as 0.
		phishing.push({
			staffGroup: cell('staffGroup') ?? '',
			emailsSent: cell('emailsSent'),
			clicked: cell('clicked'),
			credentialsEntered: cell('credentialsEntered'),
			reported: cell('reported')
		});
	}
	const file = data.get('report');
	const report = file instanceof File && file.name !== '' ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
	return { fields, input: fields as ActivityInput, phishing, report };
}

/** A numbered record named by a hidden field; anything else is a stale or altered form. */
export function idOf(value: string | undefined): number | null {
	return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export const stale = (what: string) => fail(400, { message: `This ${what} is not known: reload the page and try again.`, problems: [] });

/** On failure, hand the form's fields back so the form can be filled in again. */
export function keepValues<T>(
	form: string,
	values: Record<string, string>,
	result: T | ActionFailure<ActionProblem>
): T | ActionFailure<ActionProblem & KeptValues> {
	if (!isActionFailure(result)) return result as T;
	const failure = result as ActionFailure<ActionProblem>;
	return fail(failure.status, { ...failure.data, form, values });
}
