import { signingCertificatePem } from '$lib/server/signing/certificate-info';
import type { RequestHandler } from './$types';

/** The installation's signing certificate (public), as PEM. */
export const GET: RequestHandler = () =>
	new Response(signingCertificatePem(), {
		headers: {
			'content-type': 'application/x-pem-file',
			'content-disposition': 'attachment; filename="beacon-signing-certificate.pem"',
			'cache-control': 'no-cache',
			'x-content-type-options': 'nosniff'
		}
	});
