import { request as httpRequest } from 'node:http';

export interface StreamedAnswer {
	status: number;
	text: string;
	/** Bytes of the body written before the answer came. */
	written: number;
}

export interface StreamedPostOptions {
	/** Send without a length (chunked) instead of declaring `declared ?? size`. */
	chunked?: boolean;
	declared?: number;
	headers?: Record<string, string>;
	localAddress?: string;
}

/**
 * Post a body of `size` bytes to `url`, with its length declared or chunked, writing it only as fast as the
 * server reads it and stopping when the answer comes: the answer to a refused body must not wait for all of it.
 * A declared length is refused before the body is read, so its headers go first and the body a second later:
 * on a loaded machine the refusal is then not lost to a reset mid-write.
 */
export function streamedPost(url: URL, size: number, options: StreamedPostOptions = {}): Promise<StreamedAnswer> {
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = { origin: url.origin, 'content-type': 'application/x-www-form-urlencoded', ...options.headers };
		if (!options.chunked) headers['content-length'] = String(options.declared ?? size);
		const req = httpRequest(url, { method: 'POST', headers, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
		let written = 0;
		let answered = false;
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const write = () => {
			while (!answered && written < size) {
				const part = chunk.subarray(0, Math.min(chunk.length, size - written));
				written += part.length;
				if (!req.write(part)) return void req.once('drain', write);
			}
			if (!answered) req.end();
		};
		req.on('response', (response) => {
			answered = true;
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (part: string) => (text += part));
			response.on('end', () => {
				req.destroy();
				resolve({ status: response.statusCode ?? 0, text, written });
			});
		});
		// The server closes the connection as it refuses a body, so writing may fail (EPIPE) just before its
		// answer is read: stop writing, and fail only if no answer comes.
		req.on('error', (error) => {
			written = size;
			setTimeout(() => (answered ? undefined : reject(error)), 10_000);
		});
		if (options.chunked) return write();
		req.flushHeaders();
		setTimeout(write, 1000);
	});
}
