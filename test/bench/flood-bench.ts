// Issue 13, items 4 and 5: one desk must not freeze the server. Into the big event's real server
// process: 500 admissions of one person on top of 10,000 of theirs (and four such floods at once),
// while a second desk pushes single facts; then, at 150,000 facts, 40 snapshots at once while
// /api/health is asked every few milliseconds, and one snapshot at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Fact } from '../../src/shared/schemas.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { admitFact, authHeaders, httpFetcher, login, pairDesk, politeFetcher, prepareCoordinator, type FactSource } from '../support/sync-session.ts';
import { BIG_EVENT_ID, createBigEvent } from './big-event.ts';
import { pushBody } from './sync-bench.ts';
import { emit, median, quantile } from './report.ts';
import { healthLatenciesDuring } from './health-probe.ts';

const HELD_OF_ONE_PERSON = 10_000;
const LOG_FOR_SNAPSHOTS = 150_000;
const SNAPSHOT_BURST = 40;
/** The second desk's pace: a busy desk, under the 20 requests/s a token may make. */
const OTHER_DESK_GAP_MS = 80;

/** What this benchmark reports. */
export interface FloodBenchResult {
  samePersonBatchMs: number;
  otherDeskP95Ms: number;
  healthP95Ms: number;
  snapshotMs: number;
  /** /api/health the same way, one after another: the round trip every request pays. */
  healthRoundTripMs: number;
}

type Person = { no: number; unitId: number; category: string };
const admissionOf = (desk: FactSource, p: Person, at: number): Fact =>
  admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: at });

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A desk pushing one fact at a time until `stop()`; its latencies. */
function singleFactDesk(url: string, desk: FactSource & { token: string }, roster: readonly Person[]) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const body = JSON.stringify({ facts: [admissionOf(desk, roster[(i * 37) % roster.length]!, Date.now())], pending: 0 });
      latencies.push(await timed(() => pushBody(url, desk.token, body)));
      await new Promise((resolve) => setTimeout(resolve, OTHER_DESK_GAP_MS));
    }
  })();
  return { latencies, stop: async () => { running = false; await done; } };
}

async function snapshot(server: RunningServer, auth: { cookie: string }): Promise<void> {
  const response = await fetch(`${server.url}/api/events/${BIG_EVENT_ID}/tally`, { headers: authHeaders(auth) });
  if (response.status !== 200) throw new Error(`tally: HTTP ${response.status}`);
  await response.text();
}

/** Writes the log before the server starts: one person 10,000 times, then others up to 150,000. */
async function seedLog(file: string, roster: readonly Person[], flooded: Person): Promise<void> {
  const store = new SqliteStore(file);
  const desk = { eventId: BIG_EVENT_ID, deviceId: 'may-seed', deskId: 'ban-1' };
  const start = Date.now() - 3 * 3_600_000;
  const batch: Fact[] = [];
  for (let i = 0; i < LOG_FOR_SNAPSHOTS; i++) {
    const who = i < HELD_OF_ONE_PERSON ? flooded : roster[(i * 7919) % roster.length]!;
    batch.push(admissionOf(desk, who, start + i * 50));
    if (batch.length === 5000) store.ingestFacts(BIG_EVENT_ID, batch.splice(0), start);
  }
  if (batch.length > 0) store.ingestFacts(BIG_EVENT_ID, batch, start);
  store.close();
}

/** Runs the benchmark on a fresh data dir and server process; cleans up after itself. */
export async function floodBench(): Promise<FloodBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'dd-flood-bench-'));
  const file = join(work, 'diemdanh.sqlite');
  const big = await createBigEvent(file);
  const roster: Person[] = big.participants;
  const flooded = roster[0]!;
  await seedLog(file, roster, flooded);
  await prepareCoordinator(work);
  const server = await startServer({ dataDir: work, timeoutMs: 60_000 });
  try {
    const fetcher = politeFetcher(httpFetcher(server.url));
    const coordinators = [server.coordinator, ...await Promise.all([1, 2, 3].map(() => login(fetcher)))];
    const desks = [];
    for (let d = 0; d < 5; d++) desks.push(await pairDesk(fetcher, server.coordinator, { eventId: BIG_EVENT_ID, deskId: big.desks[d % big.desks.length]!.id, name: `Máy ${d + 1}` }));
    const [other, ...flooders] = desks.map((p) => ({ ...p, eventId: p.eventId }));
    const floodBody = (desk: FactSource) => JSON.stringify({ facts: Array.from({ length: 500 }, () => admissionOf(desk, flooded, Date.now())), pending: 0 });

    // Warm: the first snapshot builds the server's tally from the log (timed on its own).
    const coldMs = await timed(() => snapshot(server, server.coordinator));
    console.log(`bench: first snapshot (tally built from ${LOG_FOR_SNAPSHOTS} facts) ${coldMs.toFixed(0)} ms`);

    const second = singleFactDesk(server.url, other!, roster);
    const batchMs: number[] = [];
    for (let r = 0; r < 8; r++) {
      const body = floodBody(flooders[0]!);
      batchMs.push(await timed(() => pushBody(server.url, flooders[0]!.token, body)));
    }
    // Four floods at once, three times over, as the attacker did.
    for (let r = 0; r < 3; r++) {
      const bodies = flooders.map(floodBody);
      await Promise.all(flooders.map((desk, i) => pushBody(server.url, desk.token, bodies[i]!)));
    }
    await second.stop();

    const burst = Promise.all(Array.from({ length: SNAPSHOT_BURST }, (_, i) => snapshot(server, coordinators[i % coordinators.length]!)));
    const health = await healthLatenciesDuring(server.url, () => burst);
    // One after another, each awaited: with a pause between them this VM's wake-up from idle
    // (about 4 ms for a bare Node server's answer) would be most of what is measured.
    const snapshots: number[] = [];
    for (let i = 0; i < 30; i++) snapshots.push(await timed(() => snapshot(server, coordinators[i % coordinators.length]!)));
    // The same loop on /api/health: the round trip any request pays, for reference.
    const roundTrips: number[] = [];
    for (let i = 0; i < 30; i++) roundTrips.push(await timed(async () => { await (await fetch(`${server.url}/api/health`)).text(); }));
    return {
      samePersonBatchMs: median(batchMs), otherDeskP95Ms: quantile(second.latencies, 0.95), healthP95Ms: quantile(health, 0.95),
      snapshotMs: median(snapshots), healthRoundTripMs: median(roundTrips),
    };
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints the figures as BENCH lines. */
export function emitFloodFigures(result: FloodBenchResult): void {
  emit('ingest_same_person_batch_ms', result.samePersonBatchMs, 'ms', 50);
  emit('other_desk_push_ms_p95_under_flood', result.otherDeskP95Ms, 'ms', 200);
  emit('health_ms_p95_under_snapshot_burst', result.healthP95Ms, 'ms', 100);
  emit('tally_snapshot_ms', result.snapshotMs, 'ms', 5);
  emit('health_round_trip_ms', result.healthRoundTripMs, 'ms', null);
}

// `tsx test/bench/flood-bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  emitFloodFigures(await floodBench());
}
