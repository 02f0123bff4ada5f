import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Day boundaries are decided in one place (src/lib/server/db/day.ts for SQL, metrics/periods.ts for
 * TypeScript), never by the database session's TimeZone or node's TZ. These checks read the source for the
 * constructs that would hand the decision to either; tests/integration/time-zones.test.ts runs the figures.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name))
		.map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** Lines matching a pattern, as "file:line: text", outside the files allowed to hold it. */
function offending(files: string[], pattern: RegExp, allowed: readonly string[] = []): string[] {
	const found: string[] = [];
	for (const file of files.filter((f) => !allowed.includes(f))) {
		readFileSync(path.join(ROOT, file), 'utf8')
			.split('\n')
			.forEach((line, i) => {
				if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
			});
	}
	return found;
}

const server = [...sourceFiles('src/lib/server'), ...sourceFiles('src/cli'), ...sourceFiles('reports')];
const DAY_HOME = 'src/lib/server/db/day.ts';

describe('time-zone rules in the source', () => {
	it('has SQL take no day from the session time zone: no current_date, localtime(stamp), or zone named outside db/day.ts', () => {
		expect(offending(server, /\b(current_date|current_time|localtime|localtimestamp)\b/i)).toEqual([]);
		// The audit chain formats its instants as ISO text in UTC for hashing: a fixed format, not a day boundary.
		expect(offending(server, /at time zone/i, [DAY_HOME, 'src/lib/server/audit/queries.ts'])).toEqual([]);
	});

	it('names the zone in SQL in exactly one helper of db/day.ts, and that zone is Europe/London', () => {
		const home = readFileSync(path.join(ROOT, DAY_HOME), 'utf8');
		const uses = home.split('\n').filter((line) => /at time zone/i.test(line) && !/^\s*(\*|\/\*|\/\/)/.test(line));
		expect(uses).toEqual(['\treturn sql<Date>`((${expression}) at time zone ${sql.lit(DAY_ZONE)})`;']);
		expect(home).toMatch(/^function inDayZone\(/m);
		expect(home).toContain("export const DAY_ZONE = 'Europe/London';");
		// Intl's timeZone option names it in TypeScript: only day.ts may, and the pack frame, which prints an
		// instant's time for readers (reports/ stays free of server imports).
		expect(offending(server, /timeZone:\s*'/, [DAY_HOME, 'reports/frame.ts'])).toEqual([]);
	});

	it('casts no timestamptz column to a date or timestamp, and no date expression to timestamptz', () => {
		// A column named *_at is a timestamptz: casting it takes the session's zone.
		expect(offending(server, /_at\)?\s*::\s*(date|timestamp)\b(?!tz)/i)).toEqual([]);
		// date_trunc, to_char or extract (other than an interval's epoch) straight on one reads it in the session's zone.
		expect(offending(server, /(date_trunc\s*\(\s*'\w+'\s*,|to_char\s*\(|extract\s*\(\s*(?!epoch)\w+\s+from)\s*\(?\s*(max|min)?\(?[\w.]*_at\b/i)).toEqual([]);
		// `${instant}::timestamptz` binds a JavaScript Date (an instant); anything else cast to timestamptz is a date.
		expect(offending(server, /(?<!\$\{[\w.]+\})::\s*timestamptz/i)).toEqual([]);
	});

	it('has server code use no local-time Date methods (node TZ must not matter)', () => {
		const local =
			/\.(getHours|getMinutes|getDate|getDay|getMonth|getFullYear|getTimezoneOffset|setHours|setDate|setMonth|setFullYear|toDateString|toTimeString)\(/;
		expect(offending(server, local)).toEqual([]);
		expect(offending(server, /new Date\(\s*\d+\s*,/)).toEqual([]);
	});
});
