// Sync ingest on PostgreSQL: the same workload as sync_ingest_per_s (50 paired devices push
// 1,000 facts each at once, batches of 500, into one real server process), with the server on
// DATABASE_URL. The cluster keeps fsync on, as SQLite keeps synchronous=FULL, so the two compare.
import { PgStore } from '../../src/server/store/pg/pg-store.ts';
import { buildDemoEvent } from '../../src/server/demo/seed.ts';
import { PUSH_BATCH_LIMIT } from '../../src/shared/sync.ts';
import { findPgBin, freshDatabase, preparePgCoordinator, startPgCluster, type PgServer } from '../support/pg-cluster.ts';
import { startServer } from '../support/server.ts';
import { httpFetcher, login, pairDesk, politeFetcher } from '../support/sync-session.ts';
import { BIG_EVENT_ID, bigPlan } from './big-event.ts';
import { factsOf, pushBody, totalsMatch, type Roster } from './sync-bench.ts';

const DEVICES = 50;

/** One run's figures. */
export interface PgBenchResult {
  /** Facts stored per second of wall time while all devices push. */
  perSecond: number;
  /** The server's distinct counts per unit equal the ones computed from the facts sent. */
  totalsExact: boolean;
}

/** One run on a fresh database of `cluster`: create the big event, start a server process on it, push. */
async function ingestRun(cluster: PgServer): Promise<PgBenchResult> {
  const db = await freshDatabase(cluster);
  const big = buildDemoEvent(bigPlan());
  const store = await PgStore.open(db.url);
  await store.createEvent(big);
  await store.close();
  await preparePgCoordinator(db.url);
  const server = await startServer({ env: { DATABASE_URL: db.url } });
  try {
    const fetcher = politeFetcher(httpFetcher(server.url));
    const coordinator = await login(fetcher);
    const roster: Roster = big.participants;
    const desks = [];
    for (let d = 0; d < DEVICES; d++) {
      desks.push(await pairDesk(fetcher, coordinator, { eventId: BIG_EVENT_ID, deskId: big.desks[d % big.desks.length]!.id, name: `Máy ${d + 1}` }));
    }
    const at = Date.now();
    const facts = desks.map((desk, d) => factsOf(desk, d, roster, at));
    const bodies = facts.map((list) => Array.from({ length: Math.ceil(list.length / PUSH_BATCH_LIMIT) }, (_, b) =>
      JSON.stringify({ facts: list.slice(b * PUSH_BATCH_LIMIT, (b + 1) * PUSH_BATCH_LIMIT), pending: 0 })));
    const started = performance.now();
    const stored = await Promise.all(desks.map(async (desk, d) => {
      let n = 0;
      for (const body of bodies[d]!) n += await pushBody(server.url, desk.token, body);
      return n;
    }));
    const seconds = (performance.now() - started) / 1000;
    const total = stored.reduce((a, b) => a + b, 0);
    const totalsExact = total === facts.flat().length && await totalsMatch(server, coordinator, facts.flat(), big.units);
    return { perSecond: total / seconds, totalsExact };
  } finally {
    await server.stop();
    await db.drop();
  }
}

/** `runs` ingest runs on one throw-away durable cluster; undefined when PostgreSQL is not installed. */
export async function pgIngestBench(runs: number): Promise<PgBenchResult[] | undefined> {
  if (!findPgBin() && !process.env['PG_TEST_URL']) return undefined;
  const cluster: PgServer = process.env['PG_TEST_URL']
    ? { adminUrl: process.env['PG_TEST_URL'], stop: async () => undefined }
    : await startPgCluster({ durable: true });
  try {
    const results: PgBenchResult[] = [];
    for (let r = 0; r < runs; r++) results.push(await ingestRun(cluster));
    return results;
  } finally {
    await cluster.stop();
  }
}

// `tsx test/bench/pg-bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await pgIngestBench(Number(process.argv[2] ?? 1))));
}
