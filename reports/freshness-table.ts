import type { Content } from 'pdfmake/interfaces';
import { formatCount, formatDate } from '../src/lib/format';
import type { Freshness } from '../src/lib/server/freshness/sources';
import { table } from './frame';

const days = (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;

/** How old each source was on the pack's date: latest data, age (flagged past its cadence), cadence. Both packs print it. */
export function freshnessTable(f: Freshness): Content {
	return table(
		[
			{ header: 'Source', width: 70 },
			{ header: 'Latest data' },
			{ header: 'Age', width: 90, align: 'right' },
			{ header: 'Expected every', width: 80, align: 'right' }
		],
		f.sources.map((s) => [
			s.name,
			s.latestOn ? `${s.latestOf}, ${formatDate(s.latestOn)}` : 'no data',
			s.ageDays === null ? '—' : `${days(s.ageDays)}${s.stale ? ' (out of date)' : ''}`,
			s.cadenceDays === null ? '—' : days(s.cadenceDays)
		])
	);
}

/** "Every source had data within its expected cadence on …", or which were out of date. */
export function freshnessSentence(f: Freshness): string {
	const stale = f.sources.filter((s) => s.stale).map((s) => s.name);
	return stale.length === 0
		? `Every source had data within its expected cadence on ${formatDate(f.asOf)}.`
		: `Out of date on ${formatDate(f.asOf)}: ${stale.join(', ')}. Figures drawn from ${stale.length === 1 ? 'it' : 'them'} describe an earlier date.`;
}
