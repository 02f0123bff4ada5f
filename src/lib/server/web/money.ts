import { ValidationError } from '../errors';

/** Pounds typed into a form ("1,250,000" or "1250000.50") as whole pence; a clear error naming the field otherwise. */
export function readPounds(field: string, value: string | undefined): number {
	const text = (value ?? '').replace(/[£,\s]/g, '');
	if (!/^\d+(\.\d{1,2})?$/.test(text))
		throw new ValidationError('Enter an amount in pounds, e.g. 1250000 or 1,250,000.50', [{ field, message: 'an amount in pounds' }]);
	const [whole, pence = ''] = text.split('.');
	return Number(whole) * 100 + Number(pence.padEnd(2, '0'));
}
