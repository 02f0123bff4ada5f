import { createConnection, createServer, type Socket } from 'node:net';

/**
 * Turns for the end-to-end files. They share one server and its database, so they take turns; but they
 * run beside the unit and integration files, on the other worker, instead of after them all. A file asks
 * for its turn by connecting, gets it when "go" arrives, and ends its turn by closing the connection (so a
 * worker that dies gives its turn up too). Turns are given in the order they were asked for.
 */
export async function startFileTurns(): Promise<{ port: number; close: () => Promise<void> }> {
	const waiting: Socket[] = [];
	const next = () => waiting[0]?.write('go\n');
	const server = createServer((socket) => {
		socket.on('error', () => socket.destroy());
		socket.on('close', () => {
			const at = waiting.indexOf(socket);
			if (at < 0) return;
			waiting.splice(at, 1);
			if (at === 0) next();
		});
		waiting.push(socket);
		if (waiting.length === 1) next();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (typeof address !== 'object' || !address) throw new Error('the turn server has no port');
	return {
		port: address.port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of waiting) socket.destroy();
				server.close(() => resolve());
			})
	};
}

/** Wait for this file's turn; the function returned ends it. */
export function takeTurn(port: number): Promise<() => void> {
	return new Promise((resolve, reject) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('error', reject);
		// Closed before a turn came (the run is ending): fail the file rather than wait for ever.
		socket.once('close', () => reject(new Error('the end-to-end turn server closed before this file had its turn')));
		socket.once('data', () => resolve(() => socket.end()));
	});
}
