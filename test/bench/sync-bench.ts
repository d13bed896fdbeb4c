// Sync ingest on the embedded store: 50 paired devices push 1,000 facts each at once (batches
// of 500) into the real server process; then the server's totals are checked against the truth,
// and one desk's facts are timed from push to an SSE client (the coordinator's screen).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tallyByUnit } from '../../src/domain/tally.ts';
import type { Fact } from '../../src/shared/schemas.ts';
import { PUSH_BATCH_LIMIT, PushResponse } from '../../src/shared/sync.ts';
import type { TallySnapshot } from '../../src/server/live/tally-snapshot.ts';
import { SseReader } from '../support/sse-reader.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  admitFact, authHeaders, httpFetcher, login, pairDesk, politeFetcher, prepareCoordinator, pullAll, voidFact,
  type FactSource,
} from '../support/sync-session.ts';
import { BIG_EVENT_ID, createBigEvent } from './big-event.ts';
import { quantile } from './report.ts';

const DEVICES = 50;
const FACTS_PER_DEVICE = 1000;
const LIVE_FACTS = 100;
/** Pause between live pushes: a desk scans far slower, and this stays under the 20/s per-token limit. */
const LIVE_GAP_MS = 75;

/** The figures issue #3 asks for. */
export interface SyncBenchResult {
  /** Facts stored per second of wall time while all devices push. */
  perSecond: number;
  /** The server's distinct counts per unit equal the ones computed from the facts sent. */
  totalsExact: boolean;
  /** Push request start → SSE client has the fact, 95th percentile, ms. */
  deskToScreenP95: number;
}

/** The roster fields a fact needs. */
export type Roster = Array<{ no: number; unitId: number; category: string }>;

/** A device's 1,000 facts: people spread over the roster (so desks overlap), every 40th an undo. */
export function factsOf(source: FactSource, device: number, roster: Roster, at: number): Fact[] {
  const facts: Fact[] = [];
  for (let i = 0; facts.length < FACTS_PER_DEVICE; i++) {
    if (i % 40 === 39) {
      facts.push(voidFact(source, facts.at(-1)!, at + i));
      continue;
    }
    const person = roster[(device * 7919 + i * 13) % roster.length]!;
    facts.push(admitFact(source, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: at + i }));
  }
  return facts;
}

/** POSTs one prepared batch as a desk; returns how many ids the server says it holds. */
export async function pushBody(url: string, token: string, body: string): Promise<number> {
  const response = await fetch(`${url}/api/events/${BIG_EVENT_ID}/facts`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`push: HTTP ${response.status} ${await response.text()}`);
  return PushResponse.parse(await response.json()).stored.length;
}

/** Each desk's time from starting a push to the SSE client reading that fact. */
async function deskToScreen(server: RunningServer, coordinator: { cookie: string }, desk: { token: string } & FactSource, roster: Roster): Promise<number[]> {
  const stream = await fetch(`${server.url}/api/events/${BIG_EVENT_ID}/stream`, { headers: authHeaders(coordinator) });
  const reader = new SseReader(stream.body!);
  try {
    if ((await reader.nextEvent(10_000)).event !== 'snapshot') throw new Error('stream: no snapshot first');
    const latencies: number[] = [];
    for (let i = 0; i < LIVE_FACTS; i++) {
      const person = roster[(i * 131) % roster.length]!;
      const fact = admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: Date.now() });
      const started = performance.now();
      await pushBody(server.url, desk.token, JSON.stringify({ facts: [fact], pending: 0 }));
      for (;;) {
        const message = await reader.nextEvent(5000);
        if (message.event === 'fact' && (JSON.parse(message.data) as { id: string }).id === fact.id) break;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, LIVE_GAP_MS));
    }
    return latencies;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The server holds exactly the facts sent, and its per-unit tally equals the one computed from them. */
export async function totalsMatch(server: RunningServer, coordinator: { cookie: string }, sent: Fact[], units: Parameters<typeof tallyByUnit>[1]): Promise<boolean> {
  const pulled = await pullAll(httpFetcher(server.url), coordinator, BIG_EVENT_ID);
  const sentIds = new Set(sent.map((f) => f.id));
  if (pulled.facts.length !== sent.length || !pulled.facts.every((f) => sentIds.has(f.id))) return false;
  const response = await fetch(`${server.url}/api/events/${BIG_EVENT_ID}/tally`, { headers: authHeaders(coordinator) });
  const snapshot = (await response.json()) as TallySnapshot;
  const expected = tallyByUnit(sent, units, { checkpoint: 'arrived' });
  const arrived = snapshot.checkpoints.find((c) => c.checkpoint === 'arrived');
  const expectedTotal = [...expected.values()].reduce((n, t) => n + t.count, 0);
  return arrived !== undefined && arrived.total === expectedTotal && expectedTotal > 0
    && arrived.units.every((u) => expected.get(u.unitId)?.count === u.count);
}

/** Runs the whole benchmark on a fresh data dir and server process; cleans up after itself. */
export async function syncIngestBench(): Promise<SyncBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'dd-sync-bench-'));
  const big = await createBigEvent(join(work, 'diemdanh.sqlite'));
  await prepareCoordinator(work);
  const server = await startServer({ dataDir: work });
  try {
    const fetcher = politeFetcher(httpFetcher(server.url));
    const coordinator = await login(fetcher);
    const roster: Roster = big.participants;
    const desks = [];
    for (let d = 0; d < DEVICES + 1; d++) {
      const paired = await pairDesk(fetcher, coordinator, { eventId: BIG_EVENT_ID, deskId: big.desks[d % big.desks.length]!.id, name: `Máy ${d + 1}` });
      desks.push({ ...paired, eventId: paired.eventId });
    }
    const live = desks.pop()!;
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

    const totalsExact = total === DEVICES * FACTS_PER_DEVICE && await totalsMatch(server, coordinator, facts.flat(), big.units);
    const latencies = await deskToScreen(server, coordinator, live, roster);
    return { perSecond: total / seconds, totalsExact, deskToScreenP95: quantile(latencies, 0.95) };
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// `tsx test/bench/sync-bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await syncIngestBench()));
}
