import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CoverSheetInput } from '../../lib/schemas/report';
import { NotFoundError } from '../../lib/server/errors';
import { generateReport } from '../../lib/server/reports/service';
import { MAX_VERIFY_BYTES, verifyPdf } from '../../lib/server/reports/verify';
import { describeOffline } from './report-verify-offline';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';

export const reportHelp = `report board|regulator --org ODS --period 2025-26 --out FILE [--cover-sheet JSON] [--json]
                                        generate and freeze a pack; a regulator pack also writes FILE's .zip bundle;
                                        a board pack prints the cover sheet and commentary in JSON (meeting, purpose,
                                        recommendation, executiveLead, author, bafRisk, commentary)
  report verify FILE [--json]           whether Beacon issued this PDF unaltered (exit 0) or not (exit 2)
  report verify FILE --offline [--cert CERT.pem] [--json]
                                        the same from the file alone, no database: its signatures, the
                                        certificate (pinned with --cert) and the embedded data`;

export async function runReport(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: {
			org: { type: 'string' },
			period: { type: 'string' },
			out: { type: 'string' },
			json: { type: 'boolean', default: false },
			offline: { type: 'boolean', default: false },
			cert: { type: 'string' },
			'cover-sheet': { type: 'string' }
		},
		allowPositionals: true,
		strict: true
	});
	const [verb, file, ...rest] = positionals;
	if (verb === 'verify') {
		if (!file || rest.length > 0) throw new UsageError(`usage:\n  ${reportHelp}`);
		if (values.offline) return verifyOffline(file, values.cert, values.json ?? false, io);
		if (values.cert) throw new UsageError('--cert pins the certificate of an --offline check');
		return verify(file, values.json ?? false, io);
	}
	if ((verb !== 'board' && verb !== 'regulator') || file !== undefined || !values.org || !values.period || !values.out)
		throw new UsageError(`usage:\n  ${reportHelp}`);
	const out = values.out;
	const coverSheet = values['cover-sheet'] ? await readCoverSheet(values['cover-sheet']) : null;
	if (coverSheet && verb !== 'board') throw new UsageError('--cover-sheet is for a board pack');
	return withDatabase(io, async ({ db }) => {
		const started = performance.now();
		let report;
		try {
			report = await generateReport({ db, actor: cliActor() }, values.org as string, verb, values.period as string, { coverSheet });
		} catch (error) {
			if (error instanceof NotFoundError) throw new UsageError(error.message);
			throw error;
		}
		await writeFile(out, report.pdf);
		const bundle = report.bundle ? out.replace(/\.pdf$/i, '') + '.zip' : null;
		if (bundle && report.bundle) await writeFile(bundle, report.bundle);
		io.say(
			`wrote ${out} (${report.pages} pages, ${report.bytes} bytes)${bundle ? ` and ${bundle}` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s; report ${report.reportId}`
		);
		if (values.json) {
			io.printJson({
				reportId: report.reportId,
				kind: report.kind,
				period: report.period,
				sha256: report.sha256,
				dataSha256: report.dataSha256,
				pages: report.pages,
				bytes: report.bytes,
				out,
				bundle
			});
		}
		return EXIT.ok;
	});
}

/** A cover sheet is a few paragraphs: a file larger than 64 KB is not one. */
async function readCoverSheet(file: string): Promise<CoverSheetInput> {
	let text: string;
	try {
		if ((await stat(file)).size > 64 * 1024) throw new UsageError(`${file} is larger than a cover sheet (64 KB)`);
		text = await readFile(file, 'utf8');
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
	}
	try {
		return JSON.parse(text) as CoverSheetInput;
	} catch {
		throw new UsageError(
			`${file} is not JSON: a cover sheet is an object with meeting, purpose, recommendation, executiveLead, author, bafRisk and commentary`
		);
	}
}

async function readInput(file: string): Promise<Buffer> {
	try {
		if ((await stat(file)).size > MAX_VERIFY_BYTES) throw new UsageError(`${file} is larger than any report Beacon issues: it is not one of them`);
		return await readFile(file);
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
	}
}

async function verifyOffline(file: string, cert: string | undefined, json: boolean, io: CliIo): Promise<number> {
	const bytes = await readInput(file);
	const pem = cert === undefined ? undefined : (await readInput(cert)).toString('utf8');
	if (pem !== undefined && !pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`${cert} is not a PEM certificate`);
	const { valid, lines, result } = await describeOffline(bytes, pem);
	if (json) io.printJson(result);
	else io.say(lines.join('\n'));
	return valid ? EXIT.ok : EXIT.rejected;
}

async function verify(file: string, json: boolean, io: CliIo): Promise<number> {
	const bytes = await readInput(file);
	return withDatabase(io, async ({ db }) => {
		const result = await verifyPdf(db, bytes);
		if (json)
			io.printJson({
				authentic: result.authentic,
				outcome: result.outcome,
				reportId: result.reportId,
				org: result.org?.ods ?? null,
				orgName: result.org?.name ?? null,
				kind: result.kind,
				period: result.period,
				generatedAt: result.generatedAt,
				message: result.message,
				signatures: result.signatures,
				signOff: result.signOff,
				boardSignOff: result.boardSignOff
			});
		else
			io.say(
				[
					result.message + (result.org ? ` Report ${result.reportId}: ${result.kind} pack for ${result.org.ods} ${result.org.name}, ${result.period}.` : ''),
					...result.signatures.map(
						(s, i) =>
							`Signature ${i + 1}: ${s.valid ? 'valid' : 'NOT valid'}, by ${s.signer ?? 'an unknown signer'}${s.byThisInstallation ? ' (this installation)' : ''}${s.coversWholeFile ? '' : '; covers an earlier revision'}`
					),
					...(result.signOff ? [`Signed off on ${result.signOff.on} by ${result.signOff.name} (${result.signOff.role}).`] : []),
					...(result.boardSignOff
						? [
								`Board sign-off recorded in Beacon: ${result.boardSignOff.on}, ${result.boardSignOff.name}${result.boardSignOff.role ? ` (${result.boardSignOff.role})` : ''}, recorded by ${result.boardSignOff.recordedBy ?? 'a user no longer on record'}.`
							]
						: [])
				].join('\n')
			);
		return result.authentic ? EXIT.ok : EXIT.rejected;
	});
}
