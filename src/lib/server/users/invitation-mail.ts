import type { ServiceContext } from '../context';
import { invitationMessage } from '../mail/messages';
import { describeMail, sendMail, type MailOutcome } from '../mail/send';
import type { GrantInput, UserInput } from '../../schemas/user';
import { inviteUser, renewInvitation } from './service';

export interface SentInvitation {
	email: string;
	/** The link to pass on: always shown to the administrator once, e-mailed as well when e-mail is configured. */
	link: string;
	mail: MailOutcome;
	/** What the page says about the e-mail, or null when e-mail is off. */
	mailNote: string | null;
}

const linkOf = (origin: string, token: string) => `${origin}/invite/${token}`;

/** Invite someone and, where Beacon sends e-mail, e-mail them the link; the invitation stands whatever the mail server does. */
export async function inviteUserByMail(
	ctx: ServiceContext,
	input: UserInput & { grant?: GrantInput },
	origin: string,
	instanceName: string | null = null
): Promise<SentInvitation> {
	const { user, token, expiresAt } = await inviteUser(ctx, input);
	const link = linkOf(origin, token);
	const mail = await sendMail(invitationMessage({ to: user.email, name: user.name, link, expiresAt, instanceName }));
	return { email: user.email, link, mail, mailNote: describeMail([mail]) };
}

/** A new invitation link for someone who has not accepted theirs, e-mailed where Beacon sends e-mail. */
export async function renewInvitationByMail(ctx: ServiceContext, userId: number, origin: string, instanceName: string | null = null): Promise<SentInvitation> {
	const { user, token, expiresAt } = await renewInvitation(ctx, userId);
	const link = linkOf(origin, token);
	const mail = await sendMail(invitationMessage({ to: user.email, name: user.name, link, expiresAt, instanceName }));
	return { email: user.email, link, mail, mailNote: describeMail([mail]) };
}
