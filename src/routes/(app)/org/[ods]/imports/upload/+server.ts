import { error, json } from '@sveltejs/kit';
import { parseInput, ValidationError } from '$lib/server/errors';
import { stageImport, UploadTooLargeError } from '$lib/server/imports/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { choicesOf, streamedUpload } from '../forms';
import type { RequestHandler } from './$types';

/**
 * The upload step for the page's script: the file is the raw request body, written to disk as it arrives
 * (a multipart form post is read whole into memory first), so large exports upload with progress and
 * without holding them in memory. Answers with the same step the form action returns.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	// SvelteKit checks the origin of form posts only; this body is not a form.
	if (request.headers.get('origin') !== url.origin) error(403, 'Cross-site uploads are not accepted.');
	const query = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ''));
	const size = request.headers.get('content-length') ?? '0';
	try {
		const form = parseInput(streamedUpload, 'upload', { ...query, size });
		const body = request.body;
		if (!body) throw new ValidationError('invalid upload', [{ field: 'file', message: 'Choose a CSV or XLSX file to upload' }]);
		const step = await runLoad(() =>
			stageImport(serviceContext(locals), {
				ods: params.ods,
				kind: form.kind,
				file: { name: form.fileName, stream: () => body },
				sheet: form.sheet,
				choices: choicesOf(form)
			})
		);
		return json(step);
	} catch (e) {
		if (e instanceof ValidationError) return json({ message: e.message, problems: e.problems }, { status: 400 });
		if (e instanceof UploadTooLargeError) return json({ message: e.message, problems: [{ field: 'file', message: e.message }] }, { status: 413 });
		throw e;
	}
};
