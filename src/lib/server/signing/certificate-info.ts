import { signingIdentity } from './identity';

/** What /verify shows of the installation's signing certificate (never the key). */
export interface SigningCertificateInfo {
	subject: string;
	fingerprint: string;
	notAfter: string;
	selfSigned: boolean;
}

export function signingCertificate(): SigningCertificateInfo {
	const { subject, fingerprint, notAfter, selfSigned } = signingIdentity();
	return { subject, fingerprint, notAfter, selfSigned };
}

/** The certificate as PEM, for a regulator to pin (`report verify FILE --offline --cert beacon-signing.pem`). */
export function signingCertificatePem(): string {
	return signingIdentity().certificatePem;
}
