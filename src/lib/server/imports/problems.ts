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
