import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importDsptStatus } from '../../lib/server/imports/dspt-status-import';
import { cliActor, withDatabase } from '../database';
import { EXIT, printJson, say, UsageError } from '../io';

export const importHelp = 'import dspt-status FILE [--edition YY/YY] [--json]   load the public DSPT status export (all or nothing)';

export async function runImport(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { edition: { type: 'string' }, json: { type: 'boolean', default: false } },
		allowPositionals: true,
		strict: true
	});
	const [kind, file] = positionals;
	if (kind !== 'dspt-status' || !file || positionals.length !== 2) throw new UsageError(`usage:\n  ${importHelp}\n(the other kinds arrive with the import issue)`);
	if (values.edition && !/^\d{2}\/\d{2}$/.test(values.edition)) throw new UsageError('--edition is written like 22/23');
	if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
	return withDatabase(async ({ db }) => {
		const report = await importDsptStatus({ db, actor: cliActor() }, { path: file, edition: values.edition });
		const rejected = report.errors.length > 0;
		if (report.duplicateOf !== null) say(`${file} was already imported (batch ${report.duplicateOf}): nothing changed`);
		else if (rejected) {
			say(`${file} rejected, nothing written: ${report.errors.length + report.errorsNotListed} problem(s)`);
			for (const e of report.errors.slice(0, 20)) say(`  ${e.row === null ? 'file' : `row ${e.row}`}${e.column ? `, ${e.column}` : ''}${e.value !== null ? ` "${e.value}"` : ''}: ${e.message}`);
		} else say(`imported ${report.rowsImported} statuses (${report.rowsSkipped} skipped without a status), ${report.organisationsAdded} new organisations`);
		if (values.json) {
			const { errorsNotListed: _notListed, organisationsAdded: _added, ...json } = report;
			printJson({ ...json, errors: report.errors.map((e) => ({ row: e.row, column: e.column, value: e.value, message: e.message })) });
		}
		return rejected ? EXIT.rejected : EXIT.ok;
	});
}
