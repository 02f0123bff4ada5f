import { env } from '$env/dynamic/private';
import type { LayoutServerLoad } from './$types';

/** The running organisation's own name for the header (e.g. the ICB hosting the instance), if configured. */
export const load: LayoutServerLoad = () => ({
	instanceName: env.BEACON_INSTANCE_NAME?.trim() || null
});
