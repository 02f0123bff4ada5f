import { signOut } from '$lib/server/auth/config';
import type { Actions } from './$types';

export const actions: Actions = { default: signOut };
