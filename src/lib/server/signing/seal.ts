import { SignPdf } from '@signpdf/signpdf';
import { IdentitySigner } from './cms-signer';
import type { SigningIdentity } from './identity';

/** Room for the CMS signature: a certificate chain of a few certificates fits with space to spare. */
export const SIGNATURE_BYTES = 16_384;

/**
 * Fill the PDF's one empty signature field with the installation's signature: @signpdf works out the byte
 * range (everything but the signature itself) and the CMS is made over exactly those bytes.
 */
export async function sealPdf(withPlaceholder: Uint8Array, identity: SigningIdentity): Promise<Buffer> {
	return new SignPdf().sign(Buffer.from(withPlaceholder), new IdentitySigner(identity));
}
