import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';
import { takeTurn, startFileTurns } from '../e2e/setup/file-turns';
import { TurnTakingSequencer } from '../setup/file-order';

/** A stand-in for vitest: a root, a worker count, and the durations an earlier run recorded. */
function sequencer(workers: number, durations: Record<string, number>) {
	const ctx = {
		config: { root: '/repo', maxWorkers: workers, shard: undefined },
		cache: {
			getFileTestResults: (key: string) => (key in durations ? { duration: durations[key], failed: false } : undefined),
			getFileStats: () => ({ size: 1 })
		}
	};
	return new TurnTakingSequencer(ctx as unknown as Vitest);
}
const spec = (project: string, file: string) =>
	({ project: { name: project, config: { sequence: { groupOrder: 0 }, isolate: true } }, moduleId: `/repo/tests/${file}` }) as unknown as TestSpecification;
const names = (files: TestSpecification[]) => files.map((f) => `${f.project.name}:${f.moduleId.slice('/repo/tests/'.length)}`);

describe('the order test files are handed to workers', () => {
	it('spreads the end-to-end files out, so that by the recorded durations only one runs at a time', async () => {
		const durations = {
			'e2e:tests/a.test.ts': 20_000,
			'e2e:tests/b.test.ts': 10_000,
			'unit:tests/u1.test.ts': 4_000,
			'unit:tests/u2.test.ts': 3_000,
			'unit:tests/u3.test.ts': 3_000,
			'unit:tests/u4.test.ts': 2_000
		};
		const files = ['a', 'b'].map((f) => spec('e2e', `${f}.test.ts`)).concat(['u1', 'u2', 'u3', 'u4'].map((f) => spec('unit', `${f}.test.ts`)));
		// Two workers: the first takes a (the longest e2e file), the second the unit files while a runs
		// (each with 1.7 s of overhead: 5.7 + 4.7 + 4.7 + 3.7 = 18.8 s < 21.7 s), then b when a is done.
		expect(names(await sequencer(2, durations).sort(files))).toEqual([
			'e2e:a.test.ts',
			'unit:u1.test.ts',
			'unit:u2.test.ts',
			'unit:u3.test.ts',
			'unit:u4.test.ts',
			'e2e:b.test.ts'
		]);
		// One worker: nothing runs beside an end-to-end file, so the next one follows as soon as it is done.
		expect(names(await sequencer(1, durations).sort(files))).toEqual([
			'e2e:a.test.ts',
			'e2e:b.test.ts',
			'unit:u1.test.ts',
			'unit:u2.test.ts',
			'unit:u3.test.ts',
			'unit:u4.test.ts'
		]);
	});

	it('hands out every file once, end-to-end files last when nothing else is left', async () => {
		const files = ['a', 'b', 'c'].map((f) => spec('e2e', `${f}.test.ts`)).concat([spec('unit', 'u.test.ts')]);
		const order = names(await sequencer(2, {}).sort(files));
		expect(order).toHaveLength(4);
		expect(new Set(order).size).toBe(4);
		expect(order.slice(0, 2)).toEqual(['e2e:a.test.ts', 'unit:u.test.ts']);
	});
});

describe('turns on the shared end-to-end server', () => {
	it('gives turns in the order asked for, and the next as soon as one ends, or its asker goes away', async () => {
		const turns = await startFileTurns();
		const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
		try {
			const log: string[] = [];
			const endFirst = await takeTurn(turns.port);
			const second = takeTurn(turns.port).then((end) => (log.push('second'), end));
			await pause();
			// A worker that asks and then dies (its connection closes) gives up its place in the line.
			const dying = createConnection({ port: turns.port, host: '127.0.0.1' });
			await pause();
			const third = takeTurn(turns.port).then((end) => (log.push('third'), end));
			await pause();
			expect(log).toEqual([]);
			endFirst();
			const endSecond = await second;
			await pause();
			expect(log).toEqual(['second']);
			dying.destroy();
			await pause();
			expect(log).toEqual(['second']);
			endSecond();
			(await third)();
			expect(log).toEqual(['second', 'third']);
		} finally {
			await turns.close();
		}
	});

	it('fails a file still waiting when the run ends, rather than leave it waiting', async () => {
		const turns = await startFileTurns();
		const endFirst = await takeTurn(turns.port);
		const waiting = takeTurn(turns.port);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await turns.close();
		await expect(waiting).rejects.toThrow(/closed before this file had its turn/);
		endFirst();
	});
});
