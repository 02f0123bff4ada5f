/** Where Beacon sends e-mail from, read from the environment; null when e-mail is not configured. */
export interface MailConfig {
	/** An SMTP URL as nodemailer takes it: smtp://user:password@host:587 (STARTTLS when offered) or smtps://host:465. */
	url: string;
	/** The From address, e.g. "Beacon <beacon@trust.nhs.uk>". */
	from: string;
}

/**
 * E-mail is on only when both BEACON_SMTP_URL and BEACON_MAIL_FROM are set. Without them Beacon shows the
 * link to pass on instead (invitations), or nothing more (shares, sign-off requests).
 */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
	const url = env.BEACON_SMTP_URL?.trim();
	const from = env.BEACON_MAIL_FROM?.trim();
	if (!url || !from) return null;
	if (!/^smtps?:\/\//i.test(url)) throw new Error(`BEACON_SMTP_URL must start with smtp:// or smtps://, not "${url.replace(/\/\/[^@/]*@/, '//…@')}"`);
	return { url, from };
}
