/**
 * Benchmark: `audit verify` speed (target ≥ 100,000 events/s). Builds a valid chain of N events in the
 * database with the keyed digest expression appends use, then times verifyAuditChain.
 * Run: npx tsx tests/bench/audit-verify.ts [--events 300000]; with BENCH_DATABASE_URL set it uses that
 * PostgreSQL database (which it migrates and fills), else an in-memory PGlite.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type RawBuilder } from 'kysely';
import { auditDigest } from '../../src/lib/server/audit/queries';
import { auditKey, verifyAuditChain } from '../../src/lib/server/audit/service';
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
// The chain is built in the database, one event linked to the next, with the digest expression appends use.
const key = auditKey();
const fields = (id: RawBuilder<unknown>, prev: RawBuilder<unknown>) => ({
	id,
	occurred_at: sql`timestamptz '2025-01-01 00:00:00+00' + ${id} * interval '1 second'`,
	actor_user_id: sql`${id} % 50 + 1`,
	actor_label: sql`'user' || (${id} % 50) || '@trust.nhs.uk'`,
	organisation_id: sql`null::bigint`,
	action: sql`'spend.create'`,
	entity_type: sql`'spend_line'`,
	entity_id: sql`${id}::text`,
	summary: sql`jsonb_build_object('lines', ${id} % 13, 'pence', ${id} * 17)`,
	prev_hash: prev
});
await sql`
	insert into audit_event (id, occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, hash)
	overriding system value
	with recursive chain (id, prev_hash, hash) as (
		select 1::bigint, null::text, ${auditDigest(key, fields(sql`1::bigint`, sql`null::text`))}
		union all
		select c.id + 1, c.hash, ${auditDigest(key, fields(sql`(c.id + 1)`, sql`c.hash`))}
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
	console.log(
		`run ${run}: ${check.events.toLocaleString('en-GB')} events in ${seconds.toFixed(2)} s = ${Math.round(check.events / seconds).toLocaleString('en-GB')} events/s`
	);
}
runs.sort((a, b) => a - b);
console.log(`median ${Math.round(runs[1] ?? 0).toLocaleString('en-GB')} events/s on ${database.kind} — target ≥ 100,000/s`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
await database.close();
