import nodemailer, { type Transporter } from 'nodemailer';
import { readMailConfig, type MailConfig } from './config';
import type { MailMessage } from './messages';

/**
 * What became of an e-mail: sent (the server accepted it), on its way (still sending when the user's
 * page had to answer), failed (the server refused it or could not be reached: logged, one line), or off
 * (no mail server configured).
 */
export type MailOutcome = { status: 'sent' | 'sending' | 'off'; to: string } | { status: 'failed'; to: string; reason: string };

/** How long a page waits for the mail server before answering anyway; the sending goes on. */
const WAIT_MS = 3000;

const transports = new Map<string, Transporter>();

function transportFor(config: MailConfig): Transporter {
	let transport = transports.get(config.url);
	if (!transport) {
		// Short timeouts: a mail server that is down must not hold anything up for long.
		transport = nodemailer.createTransport(config.url, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000 });
		transports.set(config.url, transport);
	}
	return transport;
}

/** One line, never a stack trace, and never the SMTP password. */
function logFailure(to: string, error: unknown): string {
	const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
	console.warn(`[beacon] e-mail to ${to} not sent: ${reason}`);
	return reason;
}

/**
 * Send one message, without ever failing the caller's action: an error is logged and returned as an
 * outcome, and a slow server leaves the message sending in the background after WAIT_MS.
 */
export async function sendMail(message: MailMessage, options: { config?: MailConfig | null; waitMs?: number } = {}): Promise<MailOutcome> {
	let config: MailConfig | null;
	try {
		config = options.config === undefined ? readMailConfig() : options.config;
	} catch (error) {
		return { status: 'failed', to: message.to, reason: logFailure(message.to, error) };
	}
	if (!config) return { status: 'off', to: message.to };
	const sending = transportFor(config)
		.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text })
		.then((): MailOutcome => ({ status: 'sent', to: message.to }))
		.catch((error: unknown): MailOutcome => ({ status: 'failed', to: message.to, reason: logFailure(message.to, error) }));
	let timer: NodeJS.Timeout | undefined;
	const waited = new Promise<MailOutcome>((resolve) => {
		timer = setTimeout(() => resolve({ status: 'sending', to: message.to }), options.waitMs ?? WAIT_MS);
	});
	try {
		return await Promise.race([sending, waited]);
	} finally {
		clearTimeout(timer);
	}
}

/** Several messages at once (each its own outcome). */
export function sendMails(messages: MailMessage[], options: { config?: MailConfig | null; waitMs?: number } = {}): Promise<MailOutcome[]> {
	return Promise.all(messages.map((m) => sendMail(m, options)));
}

/** A sentence for the page that started the sending, or null when e-mail is off. */
export function describeMail(outcomes: MailOutcome[]): string | null {
	if (outcomes.length === 0 || outcomes.every((o) => o.status === 'off')) return null;
	const to = (status: MailOutcome['status']) => outcomes.filter((o) => o.status === status).map((o) => o.to);
	const parts: string[] = [];
	const sent = [...to('sent'), ...to('sending')];
	if (sent.length) parts.push(`E-mailed ${sent.join(', ')}.`);
	const failed = to('failed');
	if (failed.length) parts.push(`The e-mail to ${failed.join(', ')} could not be sent (the mail server did not take it): let them know another way.`);
	return parts.join(' ');
}
