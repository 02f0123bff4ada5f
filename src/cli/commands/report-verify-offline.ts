import { verifyPackOffline, type OfflineVerification } from '../../lib/server/signing/verify-offline';

/** `report verify --offline`: the verdict, then what it rests on, line by line. */
export async function describeOffline(
	bytes: Uint8Array,
	pinnedPem: string | undefined
): Promise<{ valid: boolean; lines: string[]; result: OfflineVerification }> {
	const result = await verifyPackOffline(bytes, { pinnedCertificatePem: pinnedPem });
	const lines = [
		result.valid
			? 'VALID: every signature verifies, nothing was added after the last one, and the embedded data matches the hash the pack states.'
			: `NOT VALID: ${result.problems.join('; ')}.`,
		...(result.reportId ? [`Report ${result.reportId}; data SHA-256 ${result.dataSha256}.`] : []),
		...result.signatures.map(
			(s, i) =>
				`Signature ${i + 1}: ${s.valid ? 'valid' : 'NOT valid'}; ${s.coversWholeFile ? 'covers the whole file' : `covers bytes up to ${s.byteRange[2] + s.byteRange[3]}`}; signed ${s.signingTime ?? 'at an unstated time'} by ${s.signer?.subject ?? 'an unknown signer'}`
		),
		...(result.certificate
			? [
					`Certificate: ${result.certificate.subject}; SHA-256 fingerprint ${result.certificate.fingerprint}; ${
						result.certificate.pinned === null
							? 'not pinned (give --cert CERT.pem to require it)'
							: result.certificate.pinned
								? 'matches the pinned certificate'
								: 'NOT the pinned certificate'
					}.`
				]
			: []),
		...result.files.map((f) => `Embedded: ${f.name} (${f.bytes} bytes, SHA-256 ${f.sha256})`),
		...(result.auditCheckpoint
			? [`Audit checkpoint: ${result.auditCheckpoint.events} events, last ${result.auditCheckpoint.eventId}, at ${result.auditCheckpoint.at}.`]
			: []),
		...(result.signOff
			? [
					`Signed off on ${result.signOff.on} by ${result.signOff.name} (${result.signOff.role})${result.signOff.comment ? `: “${result.signOff.comment}”` : ''}.`
				]
			: [])
	];
	return { valid: result.valid, lines, result };
}
