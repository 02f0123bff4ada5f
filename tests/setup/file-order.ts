import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** What a file costs beyond its tests' own time (a fresh worker, its imports, its database), measured. */
const FILE_OVERHEAD_MS = 1_700;
/** A file's duration when no earlier run recorded it: about the average of each kind. */
const UNKNOWN_MS = { e2e: 12_000, other: 2_000 };

/**
 * The order files are handed to workers (vite.config.ts: sequence.sequencer). The end-to-end files take
 * turns on their shared server (tests/e2e/setup/one-file-at-a-time.ts); vitest's own order puts them all
 * first (by project name), so every worker would wait for a turn. This order is vitest's (failed first,
 * then longest first, within each project) with the end-to-end files spread out: it plays the run through
 * with each file's last recorded duration, and hands out an end-to-end file only when, by that estimate,
 * none is running. The others fill the remaining workers.
 */
export class TurnTakingSequencer extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const turns = sorted.filter(takesTurns);
		const others = sorted.filter((file) => !takesTurns(file));
		const workers = Math.max(1, this.ctx.config.maxWorkers ?? 1);
		const freeAt = Array.from({ length: workers }, () => 0);
		let turnEndsAt = 0;
		const order: TestSpecification[] = [];
		while (turns.length > 0 || others.length > 0) {
			const worker = freeAt.indexOf(Math.min(...freeAt));
			const now = freeAt[worker] as number;
			const turnFree = turnEndsAt <= now;
			const file = (turnFree || others.length === 0 ? turns.shift() : others.shift()) ?? (others.shift() as TestSpecification);
			const start = takesTurns(file) ? Math.max(now, turnEndsAt) : now;
			freeAt[worker] = start + this.estimate(file);
			if (takesTurns(file)) turnEndsAt = freeAt[worker] as number;
			order.push(file);
		}
		return order;
	}

	private estimate(file: TestSpecification): number {
		const key = `${file.project.name}:${file.moduleId.slice(this.ctx.config.root.length + 1)}`;
		const recorded = this.ctx.cache.getFileTestResults(key)?.duration;
		return FILE_OVERHEAD_MS + (recorded ?? (takesTurns(file) ? UNKNOWN_MS.e2e : UNKNOWN_MS.other));
	}
}

function takesTurns(file: TestSpecification): boolean {
	return file.project.name === 'e2e';
}
