import { DAY_ZONE } from '../db/day';
/** The e-mails Beacon sends, as plain text: pure functions of what each says. */
export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

const SIGN_OFF = 'Beacon — cyber and data security assurance. You are receiving this because of your role in Beacon.';
const KIND: Record<string, string> = { board: 'board assurance pack', regulator: 'DSPT regulator pack' };
const kindName = (kind: string) => KIND[kind] ?? `${kind} pack`;
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: DAY_ZONE });

export function invitationMessage(input: { to: string; name: string; link: string; expiresAt: Date; instanceName?: string | null }): MailMessage {
	const where = input.instanceName ? `${input.instanceName}'s Beacon` : 'Beacon';
	return {
		to: input.to,
		subject: `You are invited to ${where}`,
		text: [
			`Dear ${input.name},`,
			'',
			`You have been invited to ${where}, the cyber and data security assurance service. To accept, open this link and choose a password or sign in with your organisation's account:`,
			'',
			input.link,
			'',
			`The link works once, until ${longDate.format(input.expiresAt)}. If you did not expect this invitation, ignore this e-mail.`,
			'',
			SIGN_OFF
		].join('\n')
	};
}

export function packSharedMessage(input: {
	to: string;
	org: { ods: string; name: string };
	kind: string;
	period: string;
	reportId: string;
	origin: string;
}): MailMessage {
	return {
		to: input.to,
		subject: `${input.org.name} shared its ${kindName(input.kind)} for ${input.period} with you`,
		text: [
			'Hello,',
			'',
			`${input.org.name} (${input.org.ods}) has shared its ${kindName(input.kind)} for ${input.period} with you on Beacon.`,
			'',
			'Sign in to see it, with every pack shared with you, and download its PDF and data bundle:',
			`${input.origin}/`,
			'',
			'Anyone holding a copy can check that it is the one Beacon issued, unaltered:',
			`${input.origin}/verify?reportId=${input.reportId}`,
			'',
			SIGN_OFF
		].join('\n')
	};
}

export function awaitingSignOffMessage(input: {
	to: string;
	org: { ods: string; name: string };
	kind: string;
	period: string;
	reportId: string;
	origin: string;
}): MailMessage {
	return {
		to: input.to,
		subject: `A ${kindName(input.kind)} for ${input.period} awaits the board's sign-off`,
		text: [
			'Hello,',
			'',
			`A ${kindName(input.kind)} for ${input.period} of ${input.org.name} (${input.org.ods}) has been generated and awaits the board's sign-off.`,
			'',
			'Read it and record the sign-off on the Reports page:',
			`${input.origin}/org/${input.org.ods}/reports`,
			'',
			`Report ${input.reportId}.`,
			'',
			SIGN_OFF
		].join('\n')
	};
}
