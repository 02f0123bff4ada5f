import { error, redirect } from '@sveltejs/kit';
import { odsCode } from '$lib/schemas/common';
import type { RequestHandler } from './$types';

/** Pages of an organisation that exist under the same path for every organisation. */
const SECTIONS = /^(|spend|benchmark|people|devices|incidents|imports|reports|scorecard(\/\d{4}-\d{2}(\/plan)?)?)$/;

/** The organisation switcher's target: the same page for the chosen organisation (which then checks access). */
export const GET: RequestHandler = ({ url }) => {
	const ods = odsCode.safeParse(url.searchParams.get('ods') ?? '');
	if (!ods.success) error(400, 'Choose an organisation');
	const page = url.searchParams.get('page') ?? '';
	redirect(303, `/org/${ods.data}${SECTIONS.test(page) && page !== '' ? `/${page}` : ''}`);
};
