import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { regulatorBundle, type BundleManifest } from '../../reports/regulator-bundle.server';
import { estimateHeight, fitsOnePage, formatBytes, printable } from '../../reports/regulator-outcome';
import { regulatorPack, type RegulatorOutcome, type RegulatorPackData } from '../../reports/regulator-pack';
import { renderPdf } from '../../reports/render.server';
import { canonicalJson, sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';
import { chooseEdition } from '../../src/lib/server/reports/regulator-data';
import { toRegulatorAssurance } from '../../src/lib/server/reports/assurance-data';
import { emptyRegister, sampleRegister } from '../helpers/assurance-fixture';
import { parseCsvRecords } from '../helpers/csv';

const SHA = 'ab'.repeat(32);

function outcome(id: string, over: Partial<RegulatorOutcome> = {}): RegulatorOutcome {
	return {
		id,
		title: `Title of ${id}`,
		profile: 'Partially achieved',
		self: 'Achieved',
		data: null,
		judged: 'Achieved',
		meetsProfile: true,
		gap: false,
		planned: false,
		disagreement: false,
		hardGate: null,
		hardGateHeld: null,
		explanation: 'no data rules',
		rationale: 'Board minutes',
		owner: 'SIRO',
		reviewOn: '2026-06-30',
		evidence: [],
		finding: null,
		...over
	};
}

function fixture(): RegulatorPackData {
	return {
		formatVersion: 2,
		organisation: { ods: 'ZR1', name: 'Regulated Trust' },
		period: { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
		edition: { code: 'dspt-caf', edition: '2024-25', name: 'DSPT (CAF-aligned) 2024-25', chosenBy: 'nearest' },
		assessmentStatus: 'draft',
		status: {
			label: 'Approaching Standards',
			code: 'approaching_standards',
			localRule: null,
			counts: {
				outcomes: 3,
				selfAssessed: 3,
				meetingProfile: 1,
				judgedAchieved: 1,
				gaps: 2,
				uncoveredGaps: 0,
				disagreements: 1,
				evidenceFiles: 1,
				openActions: 2,
				overdueActions: 1
			},
			hardGates: [{ outcome: 'B2.a', title: 'Identity', gate: 'MFA everywhere', held: false }]
		},
		objectives: [
			{
				code: 'A',
				title: 'Managing risk',
				principles: [
					{
						code: 'A1',
						title: 'Governance',
						outcomes: [
							outcome('A1.a', {
								rationale: '=HYPERLINK("http://x")',
								evidence: [{ fileName: 'minutes.pdf', mediaType: 'application/pdf', sizeBytes: 2048, sha256: SHA, uploadedAt: '2026-01-05T10:00:00.000Z' }],
								finding: {
									verdict: 'supported',
									verdictLabel: 'Evidence supports the level claimed',
									note: 'Minutes seen.',
									recordedBy: 'Assessor A',
									recordedAt: '2026-02-01T09:00:00.000Z'
								}
							})
						]
					}
				]
			},
			{
				code: 'B',
				title: 'Protecting',
				principles: [
					{
						code: 'B2',
						title: 'Identity and access',
						outcomes: [outcome('B2.a', { hardGate: 'MFA everywhere', hardGateHeld: false, gap: true, planned: true, meetsProfile: true })]
					},
					{
						code: 'B3',
						title: 'Data security',
						outcomes: [
							outcome('B3.d', {
								data: 'Partially achieved',
								judged: 'Not achieved',
								self: 'Achieved',
								disagreement: true,
								gap: true,
								planned: true,
								meetsProfile: false,
								explanation: 'encrypted devices 97.0 % (2 of 3) → Partially achieved ⇒ lowest'
							})
						]
					}
				]
			}
		],
		plan: {
			actions: [
				{
					outcome: 'B2.a',
					outcomeTitle: 'Identity',
					objective: 'B',
					title: '+Roll out MFA',
					owner: '@SIRO',
					dueOn: '2026-01-31',
					status: 'in_progress',
					statusLabel: 'In progress',
					progressNote: '-half done',
					overdue: true
				},
				{
					outcome: 'B3.d',
					outcomeTitle: 'Data',
					objective: 'B',
					title: 'Encrypt laptops',
					owner: 'IT lead',
					dueOn: '2026-09-30',
					status: 'open',
					statusLabel: 'Open',
					progressNote: null,
					overdue: false
				}
			]
		},
		metrics: {
			asOf: '2026-03-31',
			items: [
				{
					name: 'devices.encryptedRate',
					label: 'encrypted devices',
					definition: 'devices reported encrypted ÷ devices',
					value: 0.97,
					numerator: 97,
					denominator: 100,
					usedBy: ['B3.d']
				}
			]
		},
		assurance: toRegulatorAssurance(sampleRegister())
	};
}

function empty(): RegulatorPackData {
	const data = fixture();
	return {
		...data,
		assessmentStatus: null,
		status: {
			...data.status,
			label: 'Standards Not Met',
			code: 'standards_not_met',
			hardGates: [],
			counts: {
				...data.status.counts,
				outcomes: 0,
				selfAssessed: 0,
				meetingProfile: 0,
				judgedAchieved: 0,
				gaps: 0,
				disagreements: 0,
				evidenceFiles: 0,
				openActions: 0,
				overdueActions: 0
			}
		},
		objectives: [],
		plan: { actions: [] },
		metrics: { asOf: '2026-03-31', items: [] },
		assurance: toRegulatorAssurance(emptyRegister())
	};
}

const meta = (data: RegulatorPackData, reportId = '0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3') => ({
	title: 'DSPT regulator pack',
	organisation: data.organisation,
	period: data.period.label,
	reportId,
	dataSha256: sha256Hex(canonicalJson(data)),
	generatedAt: '2026-04-20T09:30:00Z'
});

/** Every text string in a pdfmake content tree, in order. */
function texts(node: unknown): string[] {
	if (typeof node === 'string') return [node];
	if (Array.isArray(node)) return node.flatMap(texts);
	if (node && typeof node === 'object')
		return Object.entries(node).flatMap(([k, v]) => (['text', 'stack', 'columns', 'table', 'body', 'ul', 'ol'].includes(k) ? texts(v) : []));
	return [];
}

describe('the regulator pack document', () => {
	it('has a cover, a status summary, every outcome in detail, the plan and how the levels are derived', () => {
		const data = fixture();
		const doc = regulatorPack(data, meta(data));
		const all = texts(doc.content).join('\n');
		for (const section of [
			'DSPT regulator pack',
			'Regulated Trust (ZR1)',
			'Status summary',
			'Hard gates',
			'Every outcome at a glance',
			'Outcomes in detail',
			'Objective A: Managing risk',
			'A1 Governance',
			'Improvement plan',
			'How the data-indicated levels are derived',
			'Metrics the data rules read'
		]) {
			expect(all).toContain(section);
		}
		// Assurance comes after the improvement plan, before the method.
		expect(all.indexOf('Assurance activities and findings')).toBeGreaterThan(all.indexOf('Improvement plan'));
		expect(all.indexOf('Assurance activities and findings')).toBeLessThan(all.indexOf('How the data-indicated levels are derived'));
		expect(all).toContain('Findings register');
		expect(all).toContain('Period 2025-26, 1 April 2025 to 31 March 2026; as at 31 March 2026');
		expect(all).toContain('improvement actions and approvals are shown as they stood at the end of 31 March 2026; nothing recorded after that day is shown.');
		expect(all).toContain('No 2025-26 edition of the toolkit is loaded, so this pack reports against the 2024-25 edition');
		expect(all).toContain(meta(data).dataSha256);
		expect(all).toContain('The status for 2025-26 is Approaching Standards. ');
		expect(all).toContain('1 of 3');
		// Each outcome: id, levels, rationale, owner and review date, evidence with its SHA-256, the finding.
		for (const id of ['A1.a', 'B2.a', 'B3.d']) expect(all).toContain(id);
		expect(all).toContain(`SHA-256 ${SHA}`);
		expect(all).toContain('minutes.pdf');
		expect(all).toContain(' application/pdf, 2.0 KB, added 5 January 2026');
		expect(all).toContain('SIRO · review by 30 June 2026');
		expect(all).toContain('Evidence supports the level claimed');
		expect(all).toContain('Not confirmed. ');
		expect(all).toContain('Veracity flag');
		expect(all).toContain('Gap, action planned');
		// Roboto has no arrows: the data reading is printed in words.
		expect(all).toContain('Encrypted devices 97.0 % (2 of 3) gives Partially achieved so lowest');
		expect(all).not.toMatch(/[→⇒]/);
		// The plan: overdue in words, the due date, the status.
		expect(all).toContain('+Roll out MFA');
		expect(all).toContain('31 January 2026');
		expect(all).toContain('2 actions, 1 overdue as of 31 March 2026');
		expect(all).toContain('97.0 %');
		expect(all).toContain('97 of 100');
	});

	it('keeps a principle’s heading with its first outcome, and each outcome block whole', () => {
		const data = fixture();
		const content = regulatorPack(data, meta(data)).content as {
			stack?: { text?: string; stack?: unknown[]; unbreakable?: boolean }[];
			unbreakable?: boolean;
		}[];
		const group = content.find((c) => c.unbreakable && texts(c).includes('A1 Governance'))!;
		expect(group).toBeDefined();
		expect(texts(group)).toContain('Objective A: Managing risk');
		expect(group.stack!.at(-1)).toMatchObject({ unbreakable: true });
	});

	it('says plainly when there is nothing: no outcomes, no actions, no metrics, no assessment', () => {
		const data = empty();
		const all = texts(regulatorPack(data, meta(data)).content).join('\n');
		expect(all).toContain('The 2024-25 edition as loaded has no outcomes');
		expect(all).toContain('There are no improvement actions on the 2024-25 edition.');
		expect(all).toContain('No data rule in this edition reads a metric');
		expect(all).toContain('Not started');
		expect(all).not.toContain('Outcomes in detail');
	});

	it('renders both the full and the empty pack with pdfmake', async () => {
		for (const data of [fixture(), empty()]) {
			const { bytes, pages } = await renderPdf(regulatorPack(data, meta(data)));
			expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			expect(pages).toBeGreaterThanOrEqual(3);
		}
	});

	it('lets an outcome taller than a page flow across pages, since pdfmake drops unbreakable content that cannot fit', async () => {
		const data = fixture();
		const giant = data.objectives[0]!.principles[0]!.outcomes[0]!;
		expect(fitsOnePage(giant)).toBe(true);
		giant.rationale = `${'A very long rationale, as long as the form allows. '.repeat(97)}ENDOFRATIONALE`;
		giant.evidence = Array.from({ length: 30 }, (_, i) => ({
			fileName: `file-${i}.pdf`,
			mediaType: 'application/pdf',
			sizeBytes: 10,
			sha256: SHA,
			uploadedAt: '2026-01-05T10:00:00.000Z'
		}));
		expect(estimateHeight(giant)).toBeGreaterThan(842);
		expect(fitsOnePage(giant)).toBe(false);
		data.plan.actions[0]!.progressNote = `${'Progress. '.repeat(500)}ENDOFNOTE`;
		const doc = regulatorPack(data, meta(data));
		const group = (doc.content as { unbreakable?: boolean }[]).find((c) => texts(c).includes('A1 Governance'))!;
		expect(group.unbreakable).toBe(false);
		const all = texts(doc.content).join('\n');
		expect(all).toContain('shortened: the full note is in actions.csv of the bundle');
		expect(all).not.toContain('ENDOFNOTE');
		if (!hasPdfTools) return;
		const rendered = (await renderPdf(doc)).bytes;
		if (process.env.KEEP_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_PDF, rendered);
		const text = pdfText(rendered);
		expect(text).toContain('ENDOFRATIONALE');
		expect(text).toContain('file-29.pdf');
		expect(text).toContain('shortened: the full note');
	});

	it('formats sizes and prints arrows as words', () => {
		expect([formatBytes(50), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual(['50 B', '2.0 KB', '5.0 MB']);
		expect(printable('a → b ⇒ c→d')).toBe('a gives b so c->d');
	});
});

describe('the edition a period reports against', () => {
	it('is the period’s own edition when loaded, else the newest before it, else the oldest loaded', () => {
		expect(chooseEdition(['2024-25', '2025-26'], '2024-25')).toEqual({ edition: '2024-25', chosenBy: 'period' });
		expect(chooseEdition(['2024-25'], '2025-26')).toEqual({ edition: '2024-25', chosenBy: 'nearest' });
		expect(chooseEdition(['2025-26', '2023-24', '2024-25'], '2026-27')).toEqual({ edition: '2025-26', chosenBy: 'nearest' });
		expect(chooseEdition(['2024-25', '2026-27'], '2025-26')).toEqual({ edition: '2024-25', chosenBy: 'nearest' });
		expect(chooseEdition(['2024-25', '2025-26'], '2022-23')).toEqual({ edition: '2024-25', chosenBy: 'nearest' });
		expect(chooseEdition([], '2025-26')).toBeNull();
	});
});

describe('the regulator bundle', () => {
	const data = fixture();
	const files = unzipSync(new Uint8Array(regulatorBundle(data, meta(data))));
	const csv = (name: string) => parseCsvRecords(strFromU8(files[name]!));

	it('holds the assessment as canonical JSON, the CSVs and a manifest, in a fixed order', () => {
		expect(Object.keys(files)).toEqual([
			'assessment.json',
			'outcomes.csv',
			'evidence.csv',
			'actions.csv',
			'metrics.csv',
			'activities.csv',
			'findings.csv',
			'phishing.csv',
			'messaging-apps.csv',
			'manifest.json'
		]);
		expect(strFromU8(files['assessment.json']!)).toBe(canonicalJson(data));
		expect(JSON.parse(strFromU8(files['assessment.json']!))).toEqual(data);
		expect(csv('outcomes.csv').map((r) => [r.outcome, r.self_assessed, r.data_indicated, r.judged, r.veracity_flag])).toEqual([
			['A1.a', 'Achieved', '', 'Achieved', 'no'],
			['B2.a', 'Achieved', '', 'Achieved', 'no'],
			['B3.d', 'Achieved', 'Partially achieved', 'Not achieved', 'yes']
		]);
		expect(csv('evidence.csv')).toEqual([
			{ outcome: 'A1.a', file_name: 'minutes.pdf', media_type: 'application/pdf', size_bytes: '2048', sha256: SHA, uploaded_at: '2026-01-05T10:00:00.000Z' }
		]);
		expect(csv('metrics.csv')).toEqual([
			expect.objectContaining({ metric: 'devices.encryptedRate', value: '0.97', numerator: '97', denominator: '100', read_by_outcomes: 'B3.d' })
		]);
	});

	it('lists every file with its size and SHA-256, and the data hash is the hash of assessment.json', () => {
		const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as BundleManifest;
		expect(manifest).toMatchObject({
			format: 'beacon-regulator-bundle',
			reportId: meta(data).reportId,
			period: '2025-26',
			edition: '2024-25',
			dataSha256: meta(data).dataSha256
		});
		expect(manifest.files.map((f) => f.name)).toEqual([
			'assessment.json',
			'outcomes.csv',
			'evidence.csv',
			'actions.csv',
			'metrics.csv',
			'activities.csv',
			'findings.csv',
			'phishing.csv',
			'messaging-apps.csv'
		]);
		for (const f of manifest.files) expect(f).toEqual({ name: f.name, bytes: files[f.name]!.length, sha256: sha256Hex(files[f.name]!) });
		expect(manifest.files[0]!.sha256).toBe(manifest.dataSha256);
	});

	it('neutralises cells a spreadsheet would run as formulas', () => {
		expect(csv('outcomes.csv')[0]!.rationale).toBe(`'=HYPERLINK("http://x")`);
		expect(csv('actions.csv')[0]).toMatchObject({ action: "'+Roll out MFA", owner: "'@SIRO", progress_note: "'-half done", overdue: 'yes' });
	});

	it('is byte-identical for the same data and report, whenever and in whatever time zone it is made', () => {
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Pacific/Auckland';
			const first = regulatorBundle(data, meta(data));
			process.env.TZ = 'America/Los_Angeles';
			const second = regulatorBundle(structuredClone(data), meta(data));
			expect(second.equals(first)).toBe(true);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
		expect(regulatorBundle(data, meta(data, 'another-report')).equals(regulatorBundle(data, meta(data)))).toBe(false);
		// The entries are dated the pack's as-of day (DOS date in the first local header: 2026-03-31).
		const zip = regulatorBundle(data, meta(data));
		const dosDate = zip.readUInt16LE(12);
		expect([(dosDate >> 9) + 1980, (dosDate >> 5) & 15, dosDate & 31]).toEqual([2026, 3, 31]);
	});
});
