import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	approvedAppMatcher,
	classifyMessagingApp,
	CONSUMER_MESSAGING_APPS,
	createAppMatcher,
	EDITION_WORDS,
	matchConsumerApp
} from '../../src/lib/server/assurance/messaging-apps';

describe('consumer messaging app matching', () => {
	it('ignores case, punctuation and edition words', () => {
		for (const name of ['WhatsApp', 'whatsapp', 'WHATSAPP', 'WhatsApp Business', 'WhatsApp Messenger', 'Whats App', 'WhatsApp Desktop', 'WhatsApp (Beta)']) {
			expect(matchConsumerApp(name), name).toBe('WhatsApp');
		}
		expect(matchConsumerApp('Signal - Private Messenger')).toBe('Signal');
		expect(matchConsumerApp('Telegram X')).toBe('Telegram');
		expect(matchConsumerApp('Messenger')).toBe('Facebook Messenger');
		expect(matchConsumerApp('facebook messenger lite')).toBe('Facebook Messenger');
	});

	it('matches package identifiers whole', () => {
		expect(matchConsumerApp('com.whatsapp.w4b')).toBe('WhatsApp');
		expect(matchConsumerApp('org.telegram.messenger')).toBe('Telegram');
		expect(matchConsumerApp('com.tencent.mm')).toBe('WeChat');
	});

	it('does not match apps that only start with a listed name', () => {
		for (const name of ['Signal Booster', 'Messenger Kids', 'Line Rider', 'Microsoft Teams', 'Siilo', 'WhatsAppToolkit', '']) {
			expect(matchConsumerApp(name), name).toBeNull();
		}
	});

	it('reads the list from the data file, so adding an app there is all it takes', () => {
		const file = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/messaging/consumer-apps.json', import.meta.url)), 'utf8'));
		expect(CONSUMER_MESSAGING_APPS.map((a) => a.name)).toEqual(file.apps.map((a: { name: string }) => a.name));
		expect(EDITION_WORDS).toEqual(file.editionWords);
		const extended = createAppMatcher([...CONSUMER_MESSAGING_APPS, { name: 'Zangi' }], EDITION_WORDS);
		expect(extended('Zangi Messenger')).toBe('Zangi');
		expect(matchConsumerApp('Zangi Messenger')).toBeNull();
	});
});

describe("classifying against the organisation's approved apps", () => {
	it('counts approved apps as approved, in any edition, and consumer apps as unapproved', () => {
		const approved = approvedAppMatcher(['Microsoft Teams', 'Siilo']);
		expect(classifyMessagingApp('microsoft teams', approved)).toEqual({ cls: 'approved', name: 'Microsoft Teams' });
		expect(classifyMessagingApp('Siilo Desktop', approved)).toEqual({ cls: 'approved', name: 'Siilo' });
		expect(classifyMessagingApp('WhatsApp Business', approved)).toEqual({ cls: 'unapproved', name: 'WhatsApp' });
		expect(classifyMessagingApp('Microsoft Excel', approved)).toBeNull();
	});

	it('lets an organisation approve an app the consumer list names', () => {
		expect(classifyMessagingApp('Signal', approvedAppMatcher(['Signal']))).toEqual({ cls: 'approved', name: 'Signal' });
	});
});
