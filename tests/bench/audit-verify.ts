/**
 * Benchmark: `audit verify` speed (target ≥ 100,000 events/s). Builds a valid chain of N events in the
 * database with the digest function appends use, then times verifyAuditChain.
 * Run: npx tsx tests/bench/audit-verify.ts [--events 300000]; with BENCH_DATABASE_URL set it uses that
 * PostgreSQL database (which it migrates and fills), else an in-memory PGlite.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/lib/server/audit/service';
import { systemActor } from '../../src/lib/server/auth/actor';
import { openPGlite, openPostgres } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

const { values } = parseArgs({ options: { events: { type: 'string', default: '300000' } } });
const total = Number(values.events);
const url = process.env.BENCH_DATABASE_URL;
const database = url ? openPostgres(url) : await openPGlite('', { inMemory: true });
await migrateToLatest(database.db);
// A fresh chain each run: the append-only trigger refuses TRUNCATE, so this benchmark's own database lifts it briefly.
await sql`alter table audit_event disable trigger audit_event_no_truncate`.execute(database.db);
await sql`truncate audit_event`.execute(database.db);
await sql`alter table audit_event enable trigger audit_event_no_truncate`.execute(database.db);

console.log(`building a chain of ${total.toLocaleString('en-GB')} events on ${database.kind}…`);
// The chain is built in the database with the same digest function appends use, one event linked to the next.
await sql`
	insert into audit_event (id, occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, hash)
	overriding system value
	with recursive chain (id, prev_hash, hash) as (
		select 1::bigint, null::text, audit_event_digest(1, timestamptz '2025-01-01 00:00:01+00', 2, 'user1@trust.nhs.uk', null, 'spend.create', 'spend_line', '1', jsonb_build_object('lines', 1, 'pence', 17), null)
		union all
		select c.id + 1, c.hash, audit_event_digest(c.id + 1, timestamptz '2025-01-01 00:00:00+00' + (c.id + 1) * interval '1 second', (c.id + 1) % 50 + 1,
			'user' || ((c.id + 1) % 50) || '@trust.nhs.uk', null, 'spend.create', 'spend_line', (c.id + 1)::text,
			jsonb_build_object('lines', (c.id + 1) % 13, 'pence', (c.id + 1) * 17), c.hash)
		from chain c where c.id < ${total}
	)
	select id, timestamptz '2025-01-01 00:00:00+00' + id * interval '1 second', id % 50 + 1, 'user' || (id % 50) || '@trust.nhs.uk', null,
		'spend.create', 'spend_line', id::text, jsonb_build_object('lines', id % 13, 'pence', id * 17), prev_hash, hash
	from chain`.execute(database.db);
const last = await sql<{ hash: string }>`select hash from audit_event where id = ${total}`.execute(database.db);
await sql`update audit_head set last_event_id = ${total}, last_hash = ${last.rows[0]?.hash ?? null}, events = ${total} where id = 1`.execute(database.db);

const runs: number[] = [];
for (let run = 1; run <= 3; run++) {
	const t0 = performance.now();
	const check = await verifyAuditChain({ db: database.db, actor: systemActor('bench') });
	const seconds = (performance.now() - t0) / 1000;
	if (!check.ok) throw new Error(`chain not intact: ${check.reason}`);
	runs.push(check.events / seconds);
	console.log(`run ${run}: ${check.events.toLocaleString('en-GB')} events in ${seconds.toFixed(2)} s = ${Math.round(check.events / seconds).toLocaleString('en-GB')} events/s`);
}
runs.sort((a, b) => a - b);
console.log(`median ${Math.round(runs[1] ?? 0).toLocaleString('en-GB')} events/s on ${database.kind} — target ≥ 100,000/s`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
await database.close();
