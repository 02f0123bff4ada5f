import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';

describe('migration index', () => {
	it('lists every migration file in the folder, in order, and nothing else', () => {
		const dir = fileURLToPath(new URL('../../migrations', import.meta.url));
		const files = readdirSync(dir)
			.filter((f) => f !== 'index.ts')
			.sort();
		for (const f of files) expect(f).toMatch(/^\d{14}_[a-z]+(_[a-z0-9]+)+\.ts$/);
		expect(Object.keys(migrations)).toEqual(files.map((f) => f.replace(/\.ts$/, '')));
		for (const m of Object.values(migrations)) expect(typeof m.down).toBe('function');
	});
});
