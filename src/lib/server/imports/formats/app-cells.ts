import { cell, optional, readText, remember } from '../cell-values';
import type { AsOfOption, FieldSpec } from './format';

// What both discovered-apps layouts share: the app's name and version, as Intune writes them in its
// app inventory (AppInvRawData, one row per app per device) and its discovered apps (AppInvAggregate).

export const appName = cell(remember(readText(500, { required: 'every row needs the application name' })));
/** No version is stored as "" (the table's key includes it). */
export const appVersion = optional(remember(readText(200)));

export const APP_FIELDS: readonly FieldSpec[] = [
	{ name: 'appName', label: 'Application name', required: true, hint: 'the app as the MDM names it, e.g. WhatsApp Business or com.whatsapp' },
	{ name: 'appVersion', label: 'Application version', required: false, hint: 'e.g. 2.24.8.78; each version is kept apart' }
];

export const APP_HEADERS = {
	appName: ['ApplicationName', 'Application Name', 'App Name', 'Application', 'App', 'Display Name'],
	appVersion: ['ApplicationVersion', 'Application Version', 'App Version', 'Version', 'ApplicationShortVersion']
};

/** MDM app exports carry no date, so the date the export was taken is always given beside the file. */
export const APPS_AS_OF: AsOfOption = {
	required: true,
	label: 'Apps as of',
	hint: 'The date the export was taken: app exports do not say.'
};
