import { describe, expect, it } from 'vitest';
import { readMailConfig } from '../../src/lib/server/mail/config';
import { awaitingSignOffMessage, invitationMessage, packSharedMessage } from '../../src/lib/server/mail/messages';
import { describeMail } from '../../src/lib/server/mail/send';

describe('mail configuration', () => {
	it('is on only with both an SMTP URL and a from address', () => {
		expect(readMailConfig({})).toBeNull();
		expect(readMailConfig({ BEACON_SMTP_URL: 'smtp://mail:587' })).toBeNull();
		expect(readMailConfig({ BEACON_MAIL_FROM: 'b@x.nhs.uk' })).toBeNull();
		expect(readMailConfig({ BEACON_SMTP_URL: ' smtps://u:p@mail:465 ', BEACON_MAIL_FROM: 'Beacon <b@x.nhs.uk>' })).toEqual({
			url: 'smtps://u:p@mail:465',
			from: 'Beacon <b@x.nhs.uk>'
		});
	});

	it('refuses a URL that is not SMTP, without repeating its password', () => {
		expect(() => readMailConfig({ BEACON_SMTP_URL: 'http://user:secret@mail', BEACON_MAIL_FROM: 'b@x' })).toThrow(/must start with smtp:\/\//);
		expect(() => readMailConfig({ BEACON_SMTP_URL: 'http://user:secret@mail', BEACON_MAIL_FROM: 'b@x' })).not.toThrow(/secret/);
	});
});

describe('the messages', () => {
	const org = { ods: 'ZB1', name: 'Borchester General' };
	it('invites with the link and the day it expires in England', () => {
		const m = invitationMessage({
			to: 'a@x',
			name: 'Ann',
			link: 'https://b/invite/t',
			expiresAt: new Date('2026-12-14T23:30:00Z'),
			instanceName: 'Borsetshire'
		});
		expect(m.subject).toBe("You are invited to Borsetshire's Beacon");
		expect(m.text).toContain('\nhttps://b/invite/t\n');
		expect(m.text).toContain('until 14 December 2026');
	});
	it('names the organisation, the pack and where to find and verify it', () => {
		const m = packSharedMessage({ to: 'r@x', org, kind: 'regulator', period: '2025-26', reportId: 'id-1', origin: 'https://b' });
		expect(m.subject).toBe('Borchester General shared its DSPT regulator pack for 2025-26 with you');
		expect(m.text).toContain('https://b/\n');
		expect(m.text).toContain('https://b/verify?reportId=id-1');
		const s = awaitingSignOffMessage({ to: 'c@x', org, kind: 'board', period: '2025-26', reportId: 'id-2', origin: 'https://b' });
		expect(s.subject).toBe("A board assurance pack for 2025-26 awaits the board's sign-off");
		expect(s.text).toContain('https://b/org/ZB1/reports');
	});
});

describe('what the page says about the e-mail', () => {
	it('says nothing when e-mail is off, whom it e-mailed, and whom it could not', () => {
		expect(describeMail([])).toBeNull();
		expect(describeMail([{ status: 'off', to: 'a@x' }])).toBeNull();
		expect(
			describeMail([
				{ status: 'sent', to: 'a@x' },
				{ status: 'sending', to: 'b@x' }
			])
		).toBe('E-mailed a@x, b@x.');
		expect(describeMail([{ status: 'failed', to: 'c@x', reason: 'refused' }])).toBe(
			'The e-mail to c@x could not be sent (the mail server did not take it): let them know another way.'
		);
	});
});
