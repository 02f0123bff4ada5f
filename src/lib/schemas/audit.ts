import { z } from 'zod';
import { isoDate, odsCode } from './common';

/** The audit page's filters as they arrive in the URL, so a filtered view can be bookmarked and exported. */
export const auditQuery = z.object({
	user: z.coerce.number().int().positive().optional(),
	ods: odsCode.optional(),
	action: z
		.string()
		.trim()
		.regex(/^[a-z_.]*$/, 'an action looks like user.disable')
		.optional(),
	from: isoDate.optional(),
	to: isoDate.optional()
});
export type AuditQuery = z.output<typeof auditQuery>;

/** URL query → the audit service's filter: dates become instants, "to" includes the whole day. */
export function toAuditFilter(query: AuditQuery) {
	return {
		userId: query.user,
		ods: query.ods,
		action: query.action,
		from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
		to: query.to ? new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) : undefined
	};
}
