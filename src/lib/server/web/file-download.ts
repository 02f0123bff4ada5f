/** A stored file (evidence, an assurance report) as it was uploaded, with the type Beacon checked it to be. */
export interface StoredFile {
	fileName: string;
	mediaType: string;
	sha256: string;
	content: Uint8Array;
}

/**
 * The response serving a stored file: always as a download, never sniffed or rendered in Beacon's origin
 * (an uploaded HTML or SVG must not run as a page), not cached by shared caches, with its SHA-256.
 */
export function storedFileDownload(file: StoredFile): Response {
	return new Response(Buffer.from(file.content), {
		headers: {
			'content-type': file.mediaType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'content-length': String(file.content.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`
		}
	});
}

/** A frozen pack's PDF (or its signed-off copy) as a download, byte for byte as stored, never cached. */
export function pdfDownload(fileName: string, bytes: Uint8Array): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName}"`,
			'content-length': String(bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
