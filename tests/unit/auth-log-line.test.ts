import { CredentialsSignin } from '@auth/core/errors';
import { describe, expect, it } from 'vitest';
import { authLogLine } from '../../src/lib/server/auth/log-line';

describe('the log line of a failed sign-in', () => {
	it('is one line without a stack trace for a wrong password', () => {
		const line = authLogLine(new CredentialsSignin());
		expect(line).toBe('[auth] a sign-in with e-mail and password failed (wrong or unknown credentials; audited)');
		expect(line).not.toContain('\n');
	});

	it('names the type and the first line of the message of any other error', () => {
		const error = Object.assign(
			new Error('unexpected "iss" claim value\n    at validate (oauth.js:1:1)\nRead more at https://errors.authjs.dev#callbackrouteerror'),
			{
				type: 'CallbackRouteError'
			}
		);
		expect(authLogLine(error)).toBe('[auth] CallbackRouteError: unexpected "iss" claim value');
		expect(authLogLine('odd')).toBe('[auth] Error: odd');
	});
});
