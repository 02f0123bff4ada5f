import { parseInput } from '$lib/server/errors';
import { discardStagedImport, getImportOverview, importStagedFile, previewStagedImport, stageImport } from '$lib/server/imports/service';
import { runAction, runLoad, serviceContext } from '$lib/server/web/context';
import { choicesOf, discardForm, readImportForm, stagedForm, uploadForm } from './forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => runLoad(() => getImportOverview(serviceContext(locals), params.ods));

export const actions: Actions = {
	upload: async ({ locals, params, request }) =>
		runAction(async () => {
			const form = parseInput(uploadForm, 'upload', await readImportForm(request));
			return stageImport(serviceContext(locals), { ods: params.ods, kind: form.kind, file: form.file, sheet: form.sheet, choices: choicesOf(form) });
		}),
	preview: async ({ locals, params, request }) =>
		runAction(async () => {
			const form = parseInput(stagedForm, 'mapping', await readImportForm(request));
			return previewStagedImport(serviceContext(locals), {
				ods: params.ods,
				uploadId: form.uploadId,
				preset: form.preset,
				map: form.map,
				choices: choicesOf(form)
			});
		}),
	confirm: async ({ locals, params, request }) =>
		runAction(async () => {
			const form = parseInput(stagedForm, 'import', await readImportForm(request));
			return importStagedFile(serviceContext(locals), {
				ods: params.ods,
				uploadId: form.uploadId,
				preset: form.preset,
				map: form.map,
				choices: choicesOf(form)
			});
		}),
	discard: async ({ locals, params, request }) =>
		runAction(async () => {
			const form = parseInput(discardForm, 'upload', await readImportForm(request));
			return discardStagedImport(serviceContext(locals), { ods: params.ods, uploadId: form.uploadId });
		})
};
