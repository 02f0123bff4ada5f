import { z } from 'zod';
import { isoDate } from '$lib/schemas/common';
import { ValidationError } from '$lib/server/errors';
import { IMPORT_KINDS, isUploadId, type ImportChoices } from '$lib/server/imports/service';
import { COLUMN_PREFIX } from '$lib/components/imports/form-names';

const checkbox = z
	.literal('on')
	.optional()
	.transform((v) => v === 'on');
const choices = {
	asOf: isoDate.optional(),
	skipInvalid: checkbox,
	saveMapping: checkbox,
	acceptChange: checkbox
};
const uploadId = z.string().refine(isUploadId, 'This upload is not known: upload the file again.');
const layout = z.string().max(100).optional();

export const uploadForm = z.object({
	kind: z.enum(IMPORT_KINDS, { error: 'Choose what the file holds' }),
	file: z.custom<File>((v) => v instanceof File && v.name !== '' && v.size > 0, {
		error: 'Choose a CSV or XLSX file to upload (an empty file cannot be imported)'
	}),
	sheet: z.string().max(100).optional(),
	...choices
});

/** The same upload streamed by the page's script: the file is the request body, the rest in the query. */
export const streamedUpload = uploadForm.omit({ file: true }).extend({
	fileName: z.string().trim().min(1, 'Choose a CSV or XLSX file to upload').max(500),
	size: z.coerce.number().int().positive('Choose a CSV or XLSX file to upload (an empty file cannot be imported)')
});

export const stagedForm = z
	.object({
		uploadId,
		preset: layout,
		/** The layout the mapping on screen was made for: another layout has other fields, so the mapping starts afresh. */
		shownPreset: layout,
		map: z.record(z.string().max(500), z.string().max(100)),
		...choices
	})
	.transform(({ shownPreset, map, ...rest }) => ({ ...rest, map: rest.preset === shownPreset ? map : undefined }));

export const discardForm = z.object({ uploadId });

/**
 * A submitted import form as plain values: text trimmed (empty fields left out, as if not sent), the
 * file as it came, and the column selects gathered into one mapping of header → field, where "" (not
 * imported) is kept: it leaves out a column the layout would otherwise import.
 */
export async function readImportForm(request: Request): Promise<Record<string, unknown>> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		throw new ValidationError('The form could not be read: try again.', [{ field: 'file', message: 'The upload did not arrive whole: try again' }]);
	}
	const values: Record<string, unknown> = {};
	// A select per source column: its value is a field name, or "" for a column not imported.
	const map: Record<string, string> = {};
	for (const [key, value] of data) {
		if (key.startsWith(COLUMN_PREFIX)) {
			if (typeof value === 'string') map[key.slice(COLUMN_PREFIX.length)] = value;
		} else if (typeof value !== 'string') {
			values[key] = value;
		} else if (value.trim() !== '') {
			values[key] = value.trim();
		}
	}
	return { ...values, map };
}

export function choicesOf(input: { asOf?: string | undefined; skipInvalid: boolean; saveMapping: boolean; acceptChange?: boolean }): ImportChoices {
	return { asOf: input.asOf ?? null, skipInvalid: input.skipInvalid, saveMapping: input.saveMapping, acceptChange: input.acceptChange ?? false };
}
