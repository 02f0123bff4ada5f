import type { ServiceContext } from '../context';
import { requireOrganisation } from '../auth/organisation-access';
import { requireEdition } from './outcome-ref';
import * as q from './queries';

/**
 * The outcomes of an edition with no evidence file held at the end of the date, in the edition's order:
 * what a board pack names so a board knows which claims rest on the self-assessment's word alone.
 */
export async function outcomesWithoutEvidence(ctx: ServiceContext, ods: string, edition: string, asOf: string): Promise<string[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await requireEdition(ctx, edition);
	const [items, assessment] = await Promise.all([q.selectItems(ctx.db, framework.id), q.findAssessment(ctx.db, org.id, framework.id, asOf)]);
	const evidence = assessment ? await q.selectEvidence(ctx.db, assessment.id, asOf) : [];
	const held = new Set(evidence.map((e) => Number(e.framework_item_id)));
	return items.filter((i) => i.item_type === 'outcome' && !held.has(Number(i.id))).map((i) => i.code);
}
