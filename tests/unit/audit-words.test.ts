import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditSummaryLines } from '../../src/lib/audit-words';

describe('the audit trail in words', () => {
	it('names each action in words, and an unknown code readably', () => {
		expect(auditActionLabel('report.sign_off')).toBe("Recorded the board's sign-off");
		expect(auditActionLabel('assessment.submit')).toBe('Submitted the DSPT assessment');
		expect(auditActionLabel('widget.frob_now')).toBe('Widget: frob now');
	});

	it('writes a summary as lines of words, not JSON', () => {
		expect(auditSummaryLines('{"kind":"board","period":"2025-26","dataSha256":"ab12","pages":11}')).toEqual([
			'kind: board',
			'period: 2025-26',
			'data SHA-256: ab12',
			'pages: 11'
		]);
		expect(auditSummaryLines('{"after":{"ods":"ZB1","parentOds":null},"roles":["board","it_lead"]}')).toEqual([
			'after: ODS code ZB1; parent ods —',
			'roles: board, it_lead'
		]);
		expect(auditSummaryLines('not json')).toEqual(['not json']);
		expect(auditSummaryLines(null)).toEqual([]);
		expect(auditSummaryLines(JSON.stringify(Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, i]))), 12).at(-1)).toBe('and 2 more');
	});
});
