import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isoDate } from '../../lib/schemas/common';
import {
	IMPORT_CATALOGUE,
	IMPORT_KINDS,
	importDsptStatus,
	importFile,
	inspectFile,
	listImports,
	parseMapOption,
	type ImportKind,
	type ImportProblem,
	type DsptStatusImportReport,
	type ImportReport
} from '../../lib/server/imports/service';
import { cliActor, withDatabase } from '../database';
import { EXIT, UsageError, type CliIo } from '../io';
import { startRowThreads } from '../threaded-rows';

export const importHelp = `import <${IMPORT_KINDS.join('|')}> FILE --org ODS [--as-of YYYY-MM-DD] [--preset NAME]
      [--map "Header=field,…" [--save-mapping]] [--skip-invalid] [--accept-change] [--sheet NAME] [--json]
                                                  import a CSV or XLSX export (all or nothing unless --skip-invalid);
                                                  apps needs --as-of, the date the export was taken; a file that moves
                                                  devices, training population or a year's spend by more than a quarter
                                                  is refused (exit 2) unless --accept-change
  import dspt-status FILE [--edition YY/YY] [--as-of YYYY-MM-DD] [--preset NAME] [--map "Header=field,…"]
      [--skip-invalid] [--json]                   load a public DSPT status export as a snapshot taken on --as-of
  import list --org ODS [--json]                  the organisation's imports, newest first`;

const OPTIONS = {
	org: { type: 'string' },
	'as-of': { type: 'string' },
	preset: { type: 'string' },
	map: { type: 'string' },
	'save-mapping': { type: 'boolean', default: false },
	'skip-invalid': { type: 'boolean', default: false },
	'accept-change': { type: 'boolean', default: false },
	sheet: { type: 'string' },
	edition: { type: 'string' },
	json: { type: 'boolean', default: false }
} as const;

export async function runImport(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
	const [kind, file] = positionals;
	if (kind === 'list') return runList(values.org, values.json, io);
	if (!kind || !file || positionals.length !== 2) throw new UsageError(`usage:\n  ${importHelp}`);
	if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
	if (kind === 'dspt-status') return runDsptStatus(file, values, io);
	if (!(IMPORT_KINDS as readonly string[]).includes(kind))
		throw new UsageError(`unknown import kind "${kind}": one of ${IMPORT_KINDS.join(', ')}, dspt-status or list`);
	if (!values.org) throw new UsageError(`import ${kind} needs --org ODS: the organisation the file belongs to`);
	if (values['as-of'] && !isoDate.safeParse(values['as-of']).success) throw new UsageError('--as-of is a date written YYYY-MM-DD');
	if (IMPORT_CATALOGUE[kind as ImportKind].asOf?.required && !values['as-of'])
		throw new UsageError(`import ${kind} needs --as-of YYYY-MM-DD: the date the export was taken`);
	if (values['save-mapping'] && !values.map) throw new UsageError('--save-mapping saves the mapping given with --map');
	let map: Record<string, string> | undefined;
	try {
		map = values.map ? parseMapOption(values.map) : undefined;
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	// The row work's threads start loading now, and the file is hashed, while the database opens.
	const rows = startRowThreads();
	const facts = inspectFile(file);
	facts.catch(() => undefined); // awaited by the import; an organisation not found leaves it unread
	try {
		return await withDatabase(io, async ({ db }) => {
			const report = await importFile(
				{ db, actor: cliActor() },
				{
					kind: kind as ImportKind,
					ods: values.org as string,
					path: file,
					...(values['as-of'] ? { asOf: values['as-of'] } : {}),
					...(values.preset ? { preset: values.preset } : {}),
					...(values.sheet ? { sheet: values.sheet } : {}),
					...(map ? { map, saveMapping: values['save-mapping'] } : {}),
					skipInvalid: values['skip-invalid'],
					acceptChange: values['accept-change'],
					onProgress: ({ rowsRead }) => io.say(`  … ${rowsRead.toLocaleString('en-GB')} rows read`),
					runRows: rows.run,
					facts
				}
			);
			tellOutcome(io, file, report);
			if (values.json) io.printJson(jsonReport(report));
			return report.batchId === null && report.duplicateOf === null ? EXIT.rejected : EXIT.ok;
		});
	} finally {
		await rows.stop();
	}
}

function tellOutcome(io: CliIo, file: string, report: ImportReport): void {
	if (report.duplicateOf !== null) return io.say(`${file} was already imported (batch ${report.duplicateOf}): nothing changed`);
	if (report.batchId === null) {
		io.say(`${file} rejected, nothing written: ${report.errors.length + report.errorsNotListed} problem(s)`);
		return sayProblems(io, report.errors);
	}
	io.say(`imported ${report.rowsImported} of ${report.rowsTotal} rows as batch ${report.batchId}${report.preset ? ` (preset ${report.preset})` : ''}`);
	const unknownOs = Object.entries((report.details.unknownOs ?? {}) as Record<string, number>);
	if (unknownOs.length > 0) {
		const named = unknownOs.map(([os, n]) => `${os} (${n})`).join(', ');
		io.say(`devices on an OS no support rule knows, counted neither supported nor unsupported: ${named}; add the name to data/devices/os-support.json`);
	}
	if (report.rowsRejected > 0) {
		io.say(`${report.rowsRejected} invalid row(s) skipped and kept with the batch:`);
		sayProblems(io, report.errors);
	}
}

function sayProblems(io: CliIo, errors: ImportProblem[]): void {
	for (const e of errors.slice(0, 20))
		io.say(`  ${e.row === null ? 'file' : `row ${e.row}`}${e.column ? `, ${e.column}` : ''}${e.value !== null ? ` "${e.value}"` : ''}: ${e.message}`);
	if (errors.length > 20) io.say(`  … and more: use --json for the first 1,000`);
}

function jsonReport(report: ImportReport) {
	const { batchId, kind, rowsTotal, rowsImported, rowsRejected, duplicateOf, preset, errorsNotListed, details } = report;
	const errors = report.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, message: e.message }));
	return { batchId, kind, rowsTotal, rowsImported, rowsRejected, duplicateOf, errors, errorsNotListed, preset, details, change: report.change ?? null };
}

async function runList(org: string | undefined, json: boolean, io: CliIo): Promise<number> {
	if (!org) throw new UsageError('import list needs --org ODS');
	return withDatabase(io, async ({ db }) => {
		const batches = await listImports({ db, actor: cliActor() }, org);
		if (json) io.printJson(batches);
		else for (const b of batches) io.say(`${b.batchId}\t${b.kind}\t${b.startedAt}\t${b.rowsImported}/${b.rowsTotal}\t${b.fileName}`);
		return EXIT.ok;
	});
}

async function runDsptStatus(
	file: string,
	values: { edition?: string; 'as-of'?: string; preset?: string; map?: string; 'skip-invalid': boolean; json: boolean },
	io: CliIo
): Promise<number> {
	if (values.edition && !/^\d{2}\/\d{2}$/.test(values.edition)) throw new UsageError('--edition is written like 22/23');
	if (values['as-of'] && !isoDate.safeParse(values['as-of']).success) throw new UsageError('--as-of is a date written YYYY-MM-DD');
	let map: Record<string, string> | undefined;
	try {
		map = values.map ? parseMapOption(values.map) : undefined;
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	return withDatabase(io, async ({ db }) => {
		const report = await importDsptStatus(
			{ db, actor: cliActor() },
			{ path: file, edition: values.edition, asOf: values['as-of'], preset: values.preset, map, skipInvalid: values['skip-invalid'] }
		);
		const rejected = report.batchId === null && report.duplicateOf === null;
		if (report.duplicateOf !== null) io.say(`${file} was already imported (batch ${report.duplicateOf}): nothing changed`);
		else if (rejected) {
			io.say(`${file} rejected, nothing written: ${report.errors.length + report.errorsNotListed} problem(s)`);
			sayProblems(io, report.errors);
		} else {
			io.say(
				`imported ${report.rowsImported} statuses as the snapshot of ${report.asOf} (${report.editions.join(', ')}; layout ${report.preset ?? 'mapped'}), ${report.rowsSkipped} skipped without a status, ${report.organisationsAdded} new organisations`
			);
			if (report.rowsUndated > 0) io.say(`${report.rowsUndated} row(s) had words, not a date, for the publication date: kept with no date`);
			if (report.rowsRejected > 0) {
				io.say(`${report.rowsRejected} invalid row(s) skipped and kept with the batch:`);
				sayProblems(io, report.errors);
			}
			sayChanges(io, report);
		}
		if (values.json) {
			const { organisationsAdded: _added, ...rest } = report;
			io.printJson({ ...rest, errors: report.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, message: e.message })) });
		}
		return rejected ? EXIT.rejected : EXIT.ok;
	});
}

function sayChanges(io: CliIo, report: DsptStatusImportReport): void {
	const { count, listed } = report.changes;
	if (count > 0) {
		const first = listed.slice(0, 20).map((c) => `${c.ods} ${c.edition} ${statusLabel(c.from)} → ${statusLabel(c.to)} (since ${c.since})`);
		io.say(`${count} organisation(s) changed status against the previous snapshot: ${first.join('; ')}${count > first.length ? '; …' : ''}`);
	}
	if (report.newerSnapshot) io.say(`a later snapshot (${report.newerSnapshot}) is already held: figures as of today still read that one`);
}

const statusLabel = (code: string) => code.replaceAll('_', ' ');
