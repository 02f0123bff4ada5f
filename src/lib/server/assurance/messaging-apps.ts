import { z } from 'zod';
import consumerAppsFile from '../../../../data/messaging/consumer-apps.json';

/**
 * Which messaging app, if any, an app name from an MDM export is. Names are compared as words, ignoring
 * case and punctuation: an app matches a listed app when its first words spell the listed name (or an
 * alias) and every word after that is an edition word, so "WhatsApp Business", "whatsapp" and "Signal -
 * Private Messenger" match, and "Signal Booster" does not. Package identifiers (com.whatsapp.w4b) are
 * aliases and match whole.
 */
export interface ListedApp {
	name: string;
	aliases?: readonly string[];
}

const listFile = z.strictObject({
	description: z.string(),
	source: z.string(),
	editionWords: z.array(z.string().regex(/^[a-z0-9]+$/, 'edition words are single lower-case words')),
	apps: z.array(z.strictObject({ name: z.string().trim().min(1), aliases: z.array(z.string().trim().min(1)).default([]) })).min(1)
});

const words = (name: string) =>
	name
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);

export type AppMatcher = (appName: string) => string | null;

export function createAppMatcher(apps: readonly ListedApp[], editionWords: readonly string[]): AppMatcher {
	const edition = new Set(editionWords);
	// Each spelling as its words joined without spaces, so "Whats App" and "WhatsApp" are the same name.
	const spellings = apps.flatMap((app) =>
		[app.name, ...(app.aliases ?? [])].map((s) => ({ joined: words(s).join(''), exact: s.toLowerCase(), name: app.name }))
	);
	const exact = new Map(spellings.map((s) => [s.exact, s.name]));
	const byJoined = new Map(spellings.filter((s) => s.joined !== '').map((s) => [s.joined, s.name]));
	return (appName) => {
		const trimmed = appName.trim().toLowerCase();
		const whole = exact.get(trimmed);
		if (whole) return whole;
		const w = words(trimmed);
		let joined = '';
		for (let i = 0; i < w.length; i += 1) {
			joined += w[i];
			const name = byJoined.get(joined);
			if (name && w.slice(i + 1).every((rest) => edition.has(rest))) return name;
		}
		return null;
	};
}

const consumerList = listFile.parse(consumerAppsFile);

/** The maintained list of consumer messaging apps (data/messaging/consumer-apps.json). */
export const CONSUMER_MESSAGING_APPS: readonly ListedApp[] = consumerList.apps;
export const EDITION_WORDS: readonly string[] = consumerList.editionWords;

export const matchConsumerApp: AppMatcher = createAppMatcher(CONSUMER_MESSAGING_APPS, EDITION_WORDS);

export type MessagingClass = 'approved' | 'unapproved';

/**
 * A discovered app's messaging class: approved when it matches one of the organisation's approved apps
 * (which wins, so an organisation may approve an app the consumer list names), unapproved when it matches
 * the consumer list, null when it is not a messaging app Beacon knows.
 */
export function classifyMessagingApp(appName: string, approved: AppMatcher): { cls: MessagingClass; name: string } | null {
	const mine = approved(appName);
	if (mine) return { cls: 'approved', name: mine };
	const consumer = matchConsumerApp(appName);
	return consumer ? { cls: 'unapproved', name: consumer } : null;
}

/** A matcher for an organisation's approved apps, by the names it entered (with the same edition words). */
export function approvedAppMatcher(names: readonly string[]): AppMatcher {
	return createAppMatcher(
		names.map((name) => ({ name })),
		EDITION_WORDS
	);
}
