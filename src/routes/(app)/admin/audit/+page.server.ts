import { auditQuery, toAuditFilter } from '$lib/schemas/audit';
import { listAuditActions, listAuditEvents, verifyAuditChain } from '$lib/server/audit/service';
import { listUsers } from '$lib/server/users/service';
import { serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const ctx = serviceContext(locals);
	const parsed = auditQuery.safeParse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')));
	const query = parsed.success ? parsed.data : {};
	const [events, actions, users] = await Promise.all([listAuditEvents(ctx, { ...toAuditFilter(query), limit: 100 }), listAuditActions(ctx), listUsers(ctx)]);
	return {
		query,
		filterError: parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
		events: events.map((e) => ({ ...e, summary: JSON.stringify(e.summary) })),
		actions,
		users: users.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` })),
		exportQuery: url.search
	};
};

export const actions: Actions = {
	verify: async ({ locals }) => ({ check: await verifyAuditChain(serviceContext(locals)) })
};
