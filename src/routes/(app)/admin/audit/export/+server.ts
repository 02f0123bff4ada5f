import { error } from '@sveltejs/kit';
import { auditQuery, toAuditFilter } from '$lib/schemas/audit';
import { exportAuditCsv } from '$lib/server/audit/service';
import { serviceContext } from '$lib/server/web/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const parsed = auditQuery.safeParse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')));
	if (!parsed.success) error(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
	const csv = await exportAuditCsv(serviceContext(locals), toAuditFilter(parsed.data));
	const stamp = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="beacon-audit-${stamp}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
