import { error } from '@sveltejs/kit';
import { isoDate } from '$lib/schemas/common';
import { getDevicesPage } from '$lib/server/devices/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = url.searchParams.get('asOf') || undefined;
	if (asOf !== undefined && !isoDate.safeParse(asOf).success) error(400, 'The date to show devices as of is written YYYY-MM-DD and must exist.');
	const month = url.searchParams.get('month') || undefined;
	if (month !== undefined && !MONTH.test(month)) error(400, 'A month is written YYYY-MM, e.g. 2026-03.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getDevicesPage(ctx, params.ods, { asOf, month }) }));
};
