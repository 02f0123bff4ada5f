import { createHash, webcrypto } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './identity';

/**
 * A detached CMS signature over SHA-256 as PAdES baseline B-B asks (ETSI EN 319 142-1): signed attributes
 * content-type, message-digest and ESS signing-certificate-v2 naming the signing certificate, no
 * signing-time attribute (the time is the signature dictionary's /M). pkijs builds the CMS and signs
 * through WebCrypto (Node's OpenSSL), so a multi-megabyte pack is hashed and signed natively.
 */
export const OID = {
	data: '1.2.840.113549.1.7.1',
	signedData: '1.2.840.113549.1.7.2',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47'
} as const;

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** ESS signing-certificate-v2: one ESSCertIDv2 with the certificate's SHA-256 (the default algorithm, so omitted). */
function signingCertificateV2(certDer: Uint8Array): asn1js.Sequence {
	const hash = createHash('sha256').update(certDer).digest();
	return new asn1js.Sequence({
		value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(hash) })] })] })]
	});
}

export async function signDetached(identity: SigningIdentity, content: Uint8Array): Promise<Buffer> {
	const [signingDer, ...chainDer] = identity.certificatesDer;
	if (!signingDer) throw new Error('the signing identity has no certificate');
	const certificate = pkijs.Certificate.fromBER(toArrayBuffer(signingDer));
	const digest = createHash('sha256').update(content).digest();
	const signedData = new pkijs.SignedData({
		version: 1,
		encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
		signerInfos: [
			new pkijs.SignerInfo({
				version: 1,
				sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
				signedAttrs: new pkijs.SignedAndUnsignedAttributes({
					type: 0,
					attributes: [
						new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
						new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
						new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(signingDer)] })
					]
				})
			})
		],
		certificates: [certificate, ...chainDer.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))]
	});
	const key = await webcrypto.subtle.importKey('pkcs8', toArrayBuffer(identity.keyPkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
	await signedData.sign(key as unknown as CryptoKey, 0, 'SHA-256');
	const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
	return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** The @signpdf signer for the installation's identity. */
export class IdentitySigner extends Signer {
	constructor(private readonly identity: SigningIdentity) {
		super();
	}

	override async sign(pdfBuffer: Buffer): Promise<Buffer> {
		return signDetached(this.identity, pdfBuffer);
	}
}
