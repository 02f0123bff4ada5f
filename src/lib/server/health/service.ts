import type { ServiceContext } from '../context';
import { pingDatabase } from './queries';

export async function checkDatabase(ctx: Pick<ServiceContext, 'db'>): Promise<boolean> {
	try {
		await pingDatabase(ctx.db);
		return true;
	} catch {
		return false;
	}
}
