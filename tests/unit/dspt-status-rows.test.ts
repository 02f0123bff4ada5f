import { describe, expect, it } from 'vitest';
import { resolveEditions } from '../../src/lib/server/imports/dspt-status-editions';
import { parseStatus, previousEdition, readPublicationDate } from '../../src/lib/server/imports/dspt-status-rows';

describe('public status spellings', () => {
	it.each([
		['22/23 Standards Met', { status: 'standards_met', edition: '22/23', editionFrom: 'prefix' }],
		['Standards Met (19-20)', { status: 'standards_met', edition: '19/20', editionFrom: 'suffix' }],
		['Entry Level (19-20)', { status: 'entry_level', edition: '19/20', editionFrom: 'suffix' }],
		['Standards not fully met (plan agreed)', { status: 'plan_agreed', edition: null, editionFrom: null }],
		['  STANDARDS   EXCEEDED ', { status: 'standards_exceeded', edition: null, editionFrom: null }],
		['Not Published', { status: 'not_published', edition: null, editionFrom: null }],
		['23/24 Approaching Standards', { status: 'approaching_standards', edition: '23/24', editionFrom: 'prefix' }]
	])('%s', (text, expected) => expect(parseStatus(text)).toEqual(expected));

	it('refuses what is not a status', () => {
		expect(parseStatus('22/23 Standards Smashed')).toBeNull();
		expect(parseStatus('Met')).toBeNull();
	});
});

describe('publication dates', () => {
	it.each([
		['30/06/2023', '2023-06-30'],
		['1/6/2023', '2023-06-01'],
		['2022-06-30', '2022-06-30'], // a date cell, as the XLSX reader gives it
		['2022-06-30T09:15:00Z', '2022-06-30'],
		['', null],
		['CompletedThroughQIO', 'words'],
		['31/02/2023', 'invalid'],
		['2023-13-01', 'invalid'],
		['30-06-2023', 'invalid']
	])('%s → %s', (text, expected) => expect(readPublicationDate(text)).toBe(expected));
});

describe('editions', () => {
	const row = (edition: string | null, editionFrom: 'prefix' | 'suffix' | null, n = 2) => ({ edition, editionFrom, row: n, statusText: 'x' });

	it('takes the edition the statuses name, or the one before a "(19-20)" suffix', () => {
		expect(resolveEditions([row('22/23', 'prefix'), row(null, null)], undefined)).toEqual({ fileEdition: '22/23', problems: [] });
		expect(resolveEditions([row('19/20', 'suffix'), row(null, null)], undefined)).toEqual({ fileEdition: '18/19', problems: [] });
		expect(previousEdition('00/01')).toBe('99/00');
	});

	it('needs --edition when several are named and some rows name none', () => {
		const r = resolveEditions([row('22/23', 'prefix'), row('23/24', 'prefix'), row(null, null, 9)], undefined);
		expect(r.fileEdition).toBeNull();
		expect(r.problems).toEqual([expect.objectContaining({ row: 9, message: expect.stringMatching(/^no edition/) })]);
		expect(resolveEditions([row('22/23', 'prefix'), row('23/24', 'prefix')], undefined).problems).toEqual([]);
	});

	it('refuses an --edition the statuses contradict', () => {
		expect(resolveEditions([row('22/23', 'prefix'), row(null, null)], '21/22').problems[0]?.message).toMatch(/^--edition 21\/22 contradicts/);
		expect(resolveEditions([row('19/20', 'suffix')], '19/20').problems[0]?.message).toMatch(/next edition, 19\/20/);
		expect(resolveEditions([row('22/23', 'prefix'), row('23/24', 'prefix'), row(null, null)], '23/24')).toEqual({ fileEdition: '23/24', problems: [] });
	});
});
