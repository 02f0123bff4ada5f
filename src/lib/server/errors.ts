import type { z } from 'zod';

export interface FieldProblem {
	field: string;
	message: string;
}

/** Input that breaks a rule. The CLI exits 2 on it; forms show the problems beside their fields. */
export class ValidationError extends Error {
	constructor(
		message: string,
		readonly problems: FieldProblem[] = []
	) {
		super(message);
		this.name = 'ValidationError';
	}

	static fromZod(what: string, error: z.ZodError): ValidationError {
		const problems = error.issues.map((issue) => ({
			field: issue.path.join('.') || '(input)',
			message: issue.message
		}));
		const detail = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
		return new ValidationError(`invalid ${what}: ${detail}`, problems);
	}
}

export class NotFoundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotFoundError';
	}
}

/** The actor may see this but not do this. (What an actor may not see at all is reported as not found.) */
export class ForbiddenError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ForbiddenError';
	}
}

export class ConflictError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConflictError';
	}
}

/** Parse with a zod schema, turning failure into a ValidationError that names the fields. */
export function parseInput<S extends z.ZodType>(schema: S, what: string, value: unknown): z.output<S> {
	const result = schema.safeParse(value);
	if (!result.success) throw ValidationError.fromZod(what, result.error);
	return result.data;
}
