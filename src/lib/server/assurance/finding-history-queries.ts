import { sql, type Kysely } from 'kysely';
import { startOfDay } from '../db/day';
import type { DB } from '../db/schema';

/**
 * Bring the findings' history up to date with the register after a change (a service's, an import's, a
 * seed's), at the change's instant: a finding whose version in force no longer says what it does gets that
 * version closed and a new one opened; one with no version yet gets its first, valid from the start of the
 * day it was raised (London) or from the change, whichever is earlier. Called in the change's transaction.
 */
export async function syncFindingHistory(db: Kysely<DB>, organisationIds: readonly number[], when: Date): Promise<void> {
	if (organisationIds.length === 0) return;
	// An instant, written with its zone (Z): the server's TimeZone plays no part.
	const instant = when.toISOString();
	const at = sql`${instant}::timestamptz`;
	const orgs = sql.join(organisationIds.map((id) => sql`${id}`));
	await sql`
		update assurance_finding_history h set valid_to = greatest(h.valid_from, ${at})
		from assurance_finding f
		where h.finding_id = f.id and h.valid_to is null and f.organisation_id in (${orgs})
			and (h.activity_id, h.reference, h.title, h.severity, h.raised_on, h.due_on, h.owner, h.status, h.remediated_on, h.accepted_by,
				h.accepted_reason, h.accepted_on)
			is distinct from (f.activity_id, f.reference, f.title, f.severity, f.raised_on, f.due_on, f.owner, f.status, f.remediated_on,
				f.accepted_by, f.accepted_reason, f.accepted_on)`.execute(db);
	await sql`
		insert into assurance_finding_history
			(finding_id, organisation_id, activity_id, reference, title, severity, raised_on, due_on, owner, status, remediated_on,
			 accepted_by, accepted_reason, accepted_on, valid_from)
		select f.id, f.organisation_id, f.activity_id, f.reference, f.title, f.severity, f.raised_on, f.due_on, f.owner, f.status,
			f.remediated_on, f.accepted_by, f.accepted_reason, f.accepted_on,
			coalesce((select max(h.valid_to) from assurance_finding_history h where h.finding_id = f.id), least(${at}, ${startOfDay(sql.ref('f.raised_on'))}))
		from assurance_finding f
		where f.organisation_id in (${orgs})
			and not exists (select 1 from assurance_finding_history h where h.finding_id = f.id and h.valid_to is null)`.execute(db);
}
