/** One thing wrong with an input file, as precisely as it can be said. */
export interface ImportProblem {
	/** Spreadsheet row number (the header is row 1); null for a problem with the file as a whole. */
	row: number | null;
	column: string | null;
	value: string | null;
	message: string;
}

/** Reports list the first 1,000 problems and count the rest. */
export const PROBLEMS_LISTED = 1_000;

/** Problems in the order found: the first `limit` kept, the rest only counted, so memory stays bounded. */
export class ProblemList {
	readonly kept: ImportProblem[] = [];
	#size = 0;

	constructor(private readonly limit: number) {}

	add(problem: ImportProblem): void {
		this.#size += 1;
		if (this.kept.length < this.limit) this.kept.push(problem);
	}

	get size(): number {
		return this.#size;
	}

	get notKept(): number {
		return this.#size - this.kept.length;
	}
}
