import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, UsageError } from '../../src/cli/io';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';

describe('CLI exit codes', () => {
	it('maps usage, rejected input and internal failures to 1, 2 and 3', () => {
		expect(exitCodeFor(new UsageError('x'))).toBe(EXIT.usage);
		let parseError: unknown;
		try {
			parseArgs({ args: ['--nope'], options: {}, strict: true });
		} catch (error) {
			parseError = error;
		}
		expect(exitCodeFor(parseError)).toBe(EXIT.usage);
		expect(exitCodeFor(new ValidationError('x'))).toBe(EXIT.rejected);
		expect(exitCodeFor(new ConflictError('x'))).toBe(EXIT.rejected);
		expect(exitCodeFor(new NotFoundError('x'))).toBe(EXIT.rejected);
		expect(exitCodeFor(new Error('disk full'))).toBe(EXIT.internal);
	});
});
