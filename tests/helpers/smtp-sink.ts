import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the test's SMTP server received it, parsed. */
export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
}

/**
 * A real SMTP server on this machine (loopback only) that keeps every message it receives, parsed with
 * mailparser: what Beacon's e-mails are tested against. No TLS and no authentication: it is a sink.
 */
export async function startSmtpSink(onMessage?: (mail: ReceivedMail) => void) {
	const messages: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: ReceivedMail = {
						from: parsed.from?.text ?? '',
						to: session.envelope.rcptTo.map((r) => r.address),
						subject: parsed.subject ?? '',
						text: parsed.text ?? ''
					};
					messages.push(mail);
					onMessage?.(mail);
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		messages,
		/** The first message to this address (waiting up to timeoutMs for it to arrive). */
		async waitFor(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
			const end = Date.now() + timeoutMs;
			for (;;) {
				const found = messages.find((m) => m.to.includes(to));
				if (found) return found;
				if (Date.now() > end) throw new Error(`no e-mail to ${to} arrived within ${timeoutMs} ms`);
				await new Promise((r) => setTimeout(r, 50));
			}
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
