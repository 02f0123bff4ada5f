import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardPackData } from '../../reports/board-pack';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ValidationError } from '../../src/lib/server/errors';
import { canonicalJson, sha256Hex } from '../../src/lib/server/reports/canonical-json';
import * as q from '../../src/lib/server/reports/queries';
import { generateReport } from '../../src/lib/server/reports/service';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });

const COVER = {
	meeting: 'Trust Board (public), 28 May 2026, item 11',
	purpose: 'approval' as const,
	recommendation: 'The board is asked to approve the DSPT 2025-26 improvement plan.',
	executiveLead: 'Alex Reed, Chief Digital Officer',
	author: 'Sam Patel, Head of IT Security',
	bafRisk: 'BAF 7: a cyber attack disrupts clinical services',
	commentary: 'Device compliance fell in March after the Windows 10 cut-off.\n\nThe replacement programme finishes in June.'
};

/** The frozen data of a snapshot, as stored. */
async function storedData(reportId: string) {
	const snapshot = (await q.findSnapshot(database.db, reportId))!;
	const { data } = await q.findSnapshotPdf(database.db, snapshot.id);
	return { data: data as unknown as BoardPackData, dataSha256: snapshot.data_sha256 };
}

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`a board pack's cover sheet and commentary on ${testBackend()}`, () => {
	it('are frozen with the pack: stored in its data, covered by its data hash, and printed in the PDF', async () => {
		const report = await generateReport(ctx(), 'ZB1', 'board', '2025-26', { coverSheet: COVER });
		const { data, dataSha256 } = await storedData(report.reportId);
		expect(data.version).toBe(3);
		expect(data.coverSheet).toEqual(COVER);
		expect(sha256Hex(canonicalJson(data))).toBe(dataSha256);
		expect(dataSha256).toBe(report.dataSha256);
		if (hasPdfTools) {
			const text = pdfText(report.pdf).replace(/\s+/g, ' ');
			for (const s of ['Cover sheet', 'For approval', COVER.recommendation, COVER.executiveLead, COVER.author, COVER.bafRisk, 'Commentary from the IT lead'])
				expect(text).toContain(s);
			expect(text).toContain('The replacement programme finishes in June.');
			expect(text).toContain('Return on each investment');
			expect(text).not.toContain('not yet measured');
		}
	}, 60_000);

	it('changes the data hash: the same figures with another cover sheet are another pack', async () => {
		const a = await generateReport(ctx(), 'ZB1', 'board', '2025-26', { coverSheet: COVER });
		const b = await generateReport(ctx(), 'ZB1', 'board', '2025-26', { coverSheet: { ...COVER, commentary: 'Another view.' } });
		expect(a.dataSha256).not.toBe(b.dataSha256);
		const bare = await generateReport(ctx(), 'ZB1', 'board', '2025-26');
		expect((await storedData(bare.reportId)).data.coverSheet).toBeNull();
	}, 90_000);

	it('trims what was typed, keeps optional fields empty as null, and refuses a sheet missing what a board paper needs, storing nothing', async () => {
		const trimmed = await generateReport(ctx(), 'ZB1', 'board', '2025-26', {
			coverSheet: { ...COVER, author: '  Sam Patel  ', meeting: '', bafRisk: undefined, commentary: '   ' }
		});
		expect((await storedData(trimmed.reportId)).data.coverSheet).toEqual({ ...COVER, author: 'Sam Patel', meeting: null, bafRisk: null, commentary: null });
		const before = (await database.db.selectFrom('report_snapshot').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
		for (const bad of [
			{ ...COVER, recommendation: '' },
			{ ...COVER, executiveLead: ' ' },
			{ ...COVER, purpose: 'decoration' as 'approval' },
			{ ...COVER, commentary: 'x'.repeat(6001) },
			{ ...COVER, author: 'Sam\u001b[2J' }
		])
			await expect(generateReport(ctx(), 'ZB1', 'board', '2025-26', { coverSheet: bad })).rejects.toThrow(ValidationError);
		const after = (await database.db.selectFrom('report_snapshot').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
		expect(Number(after)).toBe(Number(before));
	}, 90_000);

	it('is no part of a regulator pack', async () => {
		const report = await generateReport(ctx(), 'ZB1', 'regulator', '2025-26', { coverSheet: COVER });
		const { data } = await storedData(report.reportId);
		expect(JSON.stringify(data)).not.toContain(COVER.recommendation);
	}, 60_000);
});
