import { fail } from '@sveltejs/kit';
import { MAX_VERIFY_BYTES, verifyPdf, verifyReportId } from '$lib/server/reports/verify';
import { signingCertificate } from '$lib/server/signing/certificate-info';
import type { Actions, PageServerLoad } from './$types';

/**
 * The installation's signing certificate, for anyone to pin (subject, fingerprint, whether Beacon made it
 * itself); and a link from a pack (the reports list, a regulator's home) looks its id up: `/verify?reportId=…`.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const id = url.searchParams.get('reportId');
	return { certificate: signingCertificate(), lookedUp: id ? await verifyReportId(locals.db, id.slice(0, 200)) : null };
};

export const actions: Actions = {
	id: async ({ locals, request }) => {
		const id = String((await request.formData()).get('reportId') ?? '');
		return { verification: await verifyReportId(locals.db, id) };
	},
	file: async ({ locals, request }) => {
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choose the PDF to check.' });
		if (file.size > MAX_VERIFY_BYTES) return fail(400, { message: 'That file is larger than any report Beacon issues: it is not one of them.' });
		return { verification: await verifyPdf(locals.db, new Uint8Array(await file.arrayBuffer())), fileName: file.name };
	}
};
