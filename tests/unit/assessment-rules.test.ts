import { describe, expect, it } from 'vitest';
import { compareScorecards } from '../../src/lib/server/assessment/compare';
import { checkEvidenceFile, cleanFileName, MAX_EVIDENCE_BYTES } from '../../src/lib/server/assessment/evidence-rules';
import { isOverdue, rollUpByObjective } from '../../src/lib/server/assessment/plan';
import { yearEarlier } from '../../src/lib/server/assessment/page';
import { selfAssessmentInput } from '../../src/lib/schemas/assessment';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('evidence file rules', () => {
	it('decides the type from the bytes and the name together', () => {
		expect(checkEvidenceFile('policy.PDF', text('%PDF-1.4 …'))).toEqual({ ok: true, mediaType: 'application/pdf', fileName: 'policy.PDF' });
		expect(checkEvidenceFile('screen.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1))).toMatchObject({ ok: true, mediaType: 'image/png' });
		expect(checkEvidenceFile('photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xe0))).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
		expect(checkEvidenceFile('plan.docx', bytes(0x50, 0x4b, 0x03, 0x04, 0))).toMatchObject({ ok: true });
		expect(checkEvidenceFile('log.csv', text('Date,Event\n2025-01-01,Café £'))).toMatchObject({ ok: true, mediaType: 'text/csv' });
		expect(checkEvidenceFile('png-as.pdf', bytes(0x89, 0x50, 0x4e, 0x47))).toMatchObject({ ok: false });
		expect(checkEvidenceFile('latin1.txt', bytes(0x43, 0x61, 0x66, 0xe9))).toMatchObject({ ok: false });
		expect(checkEvidenceFile('noextension', text('%PDF-'))).toMatchObject({ ok: false });
		expect(checkEvidenceFile('macro.xlsm', bytes(0x50, 0x4b, 0x03, 0x04))).toMatchObject({ ok: false });
	});

	it('takes exactly the size limit and refuses one byte more', () => {
		const limit = new Uint8Array(MAX_EVIDENCE_BYTES).fill(0x41);
		expect(checkEvidenceFile('big.txt', limit)).toMatchObject({ ok: true });
		const over = new Uint8Array(MAX_EVIDENCE_BYTES + 1).fill(0x41);
		expect(checkEvidenceFile('big.txt', over)).toEqual({ ok: false, message: 'big.txt is 20.0 MB: evidence files may be at most 20.0 MB' });
	});

	it('keeps the base name, without control characters, at most 200 characters with its extension', () => {
		expect(cleanFileName('C:\\Users\\me\\minutes.pdf')).toBe('minutes.pdf');
		expect(cleanFileName('../../etc/passwd')).toBe('passwd');
		expect(cleanFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
		const long = cleanFileName(`${'x'.repeat(300)}.pdf`);
		expect(long).toHaveLength(200);
		expect(long.endsWith('.pdf')).toBe(true);
	});
});

describe('improvement plan arithmetic', () => {
	it('is overdue only when still to do and due before the date', () => {
		expect(isOverdue({ status: 'open', dueOn: '2025-03-30' }, '2025-03-31')).toBe(true);
		expect(isOverdue({ status: 'in_progress', dueOn: '2025-03-30' }, '2025-03-31')).toBe(true);
		expect(isOverdue({ status: 'open', dueOn: '2025-03-31' }, '2025-03-31')).toBe(false);
		expect(isOverdue({ status: 'completed', dueOn: '2024-01-01' }, '2025-03-31')).toBe(false);
		expect(isOverdue({ status: 'cancelled', dueOn: '2024-01-01' }, '2025-03-31')).toBe(false);
		expect(isOverdue({ status: 'open', dueOn: null }, '2025-03-31')).toBe(false);
	});

	it('rolls actions up by objective, listing objectives with none', () => {
		const objectives = [
			{ code: 'A', title: 'Managing risk' },
			{ code: 'B', title: 'Protecting' }
		];
		const objectiveOf = new Map([
			[1, 'A'],
			[2, 'A'],
			[3, 'B']
		]);
		const rollUp = rollUpByObjective(
			[
				{ id: 1, itemId: 1, status: 'open', dueOn: '2025-01-01' },
				{ id: 2, itemId: 2, status: 'in_progress', dueOn: '2026-01-01' },
				{ id: 3, itemId: 2, status: 'cancelled', dueOn: '2025-01-01' },
				{ id: 4, itemId: 99, status: 'open', dueOn: '2025-01-01' }
			],
			objectives,
			objectiveOf,
			'2025-03-31'
		);
		expect(rollUp).toEqual([
			{ objective: 'A', title: 'Managing risk', total: 3, open: 1, inProgress: 1, completed: 0, cancelled: 1, overdue: 1 },
			{ objective: 'B', title: 'Protecting', total: 0, open: 0, inProgress: 0, completed: 0, cancelled: 0, overdue: 0 }
		]);
	});
});

describe('comparing scorecards', () => {
	it('lists outcomes whose judged level moved, and those only in one of them', () => {
		const result = compareScorecards(
			{
				status: 'Standards Not Met',
				outcomes: [
					{ id: 'A1.a', judged: 'Partially achieved', meetsProfile: true },
					{ id: 'B2.a', judged: null, meetsProfile: false },
					{ id: 'X1.a', judged: 'Achieved', meetsProfile: true }
				]
			},
			{
				status: 'Standards Met',
				outcomes: [
					{ id: 'A1.a', judged: 'Partially achieved', meetsProfile: true },
					{ id: 'B2.a', judged: 'Not achieved', meetsProfile: false },
					{ id: 'C1.a', judged: 'Achieved', meetsProfile: true }
				]
			}
		);
		expect(result).toEqual({
			statusBefore: 'Standards Not Met',
			statusAfter: 'Standards Met',
			meetingBefore: 2,
			meetingAfter: 2,
			changes: [
				{ id: 'B2.a', from: null, to: 'Not achieved', direction: 'improved' },
				{ id: 'C1.a', from: null, to: 'Achieved', direction: 'added' },
				{ id: 'X1.a', from: 'Achieved', to: null, direction: 'removed' }
			]
		});
		const worse = compareScorecards(
			{ status: 's', outcomes: [{ id: 'A', judged: 'Achieved', meetsProfile: true }] },
			{ status: 's', outcomes: [{ id: 'A', judged: 'Partially achieved', meetsProfile: true }] }
		);
		expect(worse.changes).toEqual([{ id: 'A', from: 'Achieved', to: 'Partially achieved', direction: 'worsened' }]);
	});

	it('takes the same day a year earlier, 29 February becoming 28 February', () => {
		expect(yearEarlier('2025-03-31')).toBe('2024-03-31');
		expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
		expect(yearEarlier('2025-01-01')).toBe('2024-01-01');
	});
});

describe('self-assessment form input', () => {
	it('reads blank fields as not answered and the gate answer as yes, no or none', () => {
		expect(selfAssessmentInput.parse({ level: '', rationale: '  ', owner: 'SIRO', reviewOn: '', hardGateMet: '' })).toEqual({
			level: null,
			rationale: null,
			owner: 'SIRO',
			reviewOn: null,
			hardGateMet: null
		});
		expect(selfAssessmentInput.parse({ level: 'achieved', hardGateMet: 'yes' })).toMatchObject({ level: 'achieved', hardGateMet: true });
		expect(selfAssessmentInput.parse({ hardGateMet: 'no' })).toMatchObject({ hardGateMet: false });
		expect(selfAssessmentInput.safeParse({ hardGateMet: 'maybe' }).success).toBe(false);
		expect(selfAssessmentInput.safeParse({ owner: 'x'.repeat(201) }).success).toBe(false);
	});
});
