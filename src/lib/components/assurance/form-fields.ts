/**
 * The names the assurance forms post, shared by the form components and the route that reads them: a
 * phishing exercise's results are rows of fields named phishing-<row>-<field>.
 */
export const PHISHING_ROWS = 10;
export const PHISHING_FIELDS = ['staffGroup', 'emailsSent', 'clicked', 'credentialsEntered', 'reported'] as const;
export type PhishingField = (typeof PHISHING_FIELDS)[number];

export function phishingFieldName(row: number, field: PhishingField): string {
	return `phishing-${row}-${field}`;
}

/** What a failed form posted, to fill it in again: which form (e.g. 'activity', 'resolve:PT-1') and its text fields. */
export interface KeptValues {
	form: string;
	values: Record<string, string>;
}

export function keptFor(form: unknown, name: string): Record<string, string> {
	if (form && typeof form === 'object' && 'form' in form && 'values' in form && form.form === name) return form.values as Record<string, string>;
	return {};
}
