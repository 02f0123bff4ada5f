import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReceivedMail } from '../../helpers/smtp-sink';

/**
 * The newest e-mail the test SMTP server received for this address whose subject matches, waiting for it
 * to arrive (the global set-up writes each one to mailDir as JSON).
 */
export async function waitForMail(mailDir: string, to: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const found = readdirSync(mailDir)
			.filter((f) => f.endsWith('.json'))
			.sort()
			.reverse()
			.map((f) => JSON.parse(readFileSync(path.join(mailDir, f), 'utf8')) as ReceivedMail)
			.find((m) => m.to.includes(to) && subject.test(m.subject));
		if (found) return found;
		if (Date.now() > end) throw new Error(`no e-mail to ${to} with a subject like ${subject} arrived within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
