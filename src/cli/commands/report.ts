import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { NotFoundError } from '../../lib/server/errors';
import { generateReport } from '../../lib/server/reports/service';
import { verifyPdf } from '../../lib/server/reports/verify';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';

export const reportHelp = `report board|regulator --org ODS --period 2025-26 --out FILE [--json]
                                        generate and freeze a pack; a regulator pack also writes FILE's .zip bundle
  report verify FILE [--json]           whether Beacon issued this PDF unaltered (exit 0) or not (exit 2)`;

export async function runReport(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { org: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
		allowPositionals: true,
		strict: true
	});
	const [verb, file, ...rest] = positionals;
	if (verb === 'verify') {
		if (!file || rest.length > 0) throw new UsageError(`usage:\n  ${reportHelp}`);
		return verify(file, values.json ?? false, io);
	}
	if ((verb !== 'board' && verb !== 'regulator') || file !== undefined || !values.org || !values.period || !values.out)
		throw new UsageError(`usage:\n  ${reportHelp}`);
	const out = values.out;
	return withDatabase(io, async ({ db }) => {
		const started = performance.now();
		let report;
		try {
			report = await generateReport({ db, actor: cliActor() }, values.org as string, verb, values.period as string);
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

async function verify(file: string, json: boolean, io: CliIo): Promise<number> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
	}
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
				message: result.message
			});
		else
			io.say(
				result.message + (result.org ? ` Report ${result.reportId}: ${result.kind} pack for ${result.org.ods} ${result.org.name}, ${result.period}.` : '')
			);
		return result.authentic ? EXIT.ok : EXIT.rejected;
	});
}
