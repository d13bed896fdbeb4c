// Several real server processes on one PostgreSQL: desks push to two of them, a coordinator's
// live stream on a third sees every fact exactly once and in seq order, and 50 devices pushing
// at once across both processes leave the server's totals exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyByUnit } from '../../../../src/domain/tally.ts';
import type { Fact, Participant } from '../../../../src/shared/schemas.ts';
import { ServerFact } from '../../../../src/shared/sync.ts';
import type { TallySnapshot } from '../../../../src/server/live/tally-snapshot.ts';
import { freshDatabase, pgForTests, preparePgCoordinator, type PgServer } from '../../../support/pg-cluster.ts';
import { fetchPackage, startServer, type RunningServer } from '../../../support/server.ts';
import { SseReader } from '../../../support/sse-reader.ts';
import {
  admitFact, authHeaders, httpFetcher, pairDesk, politeFetcher, push, pullAll, voidFact, type FactSource,
} from '../../../support/sync-session.ts';

const pgServer: PgServer | undefined = await pgForTests();
const DEVICES = 50;
const FACTS_PER_DEVICE = 120;
const BATCH = 40;

describe.skipIf(!pgServer)('several server processes on one PostgreSQL', () => {
  let drop: (() => Promise<void>) | undefined;
  const servers: RunningServer[] = [];
  let people: Participant[] = [];
  let stream: SseReader | undefined;
  /** Fact ids the stream on process C delivered, in the order it delivered them. */
  const streamed: ServerFact[] = [];

  beforeAll(async () => {
    const db = await freshDatabase(pgServer!);
    drop = db.drop;
    await preparePgCoordinator(db.url);
    // Started together on an empty database: migrations and the demo seed must each run once.
    servers.push(...await Promise.all([1, 2, 3].map(() => startServer({ env: { DATABASE_URL: db.url } }))));
    people = (await fetchPackage(servers[0]!.url, 1, servers[0]!.coordinator)).participants;
  }, 120_000);
  afterAll(async () => {
    await stream?.cancel().catch(() => undefined);
    await Promise.all(servers.map((s) => s.stop()));
    await drop?.();
    await pgServer?.stop();
  });

  /** Reads the stream on C until it has delivered `count` facts in all; then checks nothing more comes. */
  async function readStream(count: number): Promise<void> {
    while (streamed.length < count) {
      const message = await stream!.nextEvent(10_000);
      expect(message.event).toBe('fact');
      const fact = ServerFact.parse(JSON.parse(message.data));
      expect(message.id).toBe(String(fact.seq));
      streamed.push(fact);
    }
    await expect(stream!.nextEvent(700)).rejects.toThrow(/no SSE message in time/);
  }

  const factFor = (desk: FactSource, i: number): Fact => {
    const person = people[(i * 37) % people.length]!;
    return admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: Date.now() + i });
  };

  it('seeds the demo events once, though three processes started at once on an empty database', async () => {
    const [a, b, c] = servers;
    for (const server of [a!, b!, c!]) {
      const events = (await (await fetch(`${server.url}/api/events`)).json()) as Array<{ id: number }>;
      expect(events.map((e) => e.id).sort()).toEqual([1, 2, 3]);
      expect(server.output()).toMatch(/PostgreSQL 127\.0\.0\.1:\d+\/dd_test_/);
    }
    expect(servers.map((s) => /3 demo events seeded/.test(s.output())).filter(Boolean)).toHaveLength(1);
  });

  it('streams on process C every fact pushed to A and B, once each, in seq order', async () => {
    const [a, b, c] = servers;
    const response = await fetch(`${c!.url}/api/events/1/stream`, { headers: authHeaders(c!.coordinator) });
    stream = new SseReader(response.body!);
    const snapshot = await stream.nextEvent(10_000);
    expect(snapshot.event).toBe('snapshot');
    expect((JSON.parse(snapshot.data) as TallySnapshot).cursor).toBe(0);

    // A session made on one process is valid on the others: the coordinator signed in on A pairs on B.
    const deskA = await pairDesk(httpFetcher(a!.url), a!.coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy A' });
    const deskB = await pairDesk(httpFetcher(b!.url), a!.coordinator, { eventId: 1, deskId: 'ban-2', name: 'Máy B' });
    const sent: Fact[] = [];
    const pushes = [];
    for (let round = 0; round < 6; round++) {
      const onA = [factFor(deskA, round * 2), factFor(deskA, round * 2 + 1)];
      const onB = [factFor(deskB, 100 + round)];
      if (round === 3) onB.push(voidFact(deskB, sent.find((f) => f.deviceId === deskB.deviceId)!, Date.now()));
      sent.push(...onA, ...onB);
      pushes.push(push(httpFetcher(a!.url), { token: deskA.token }, 1, onA), push(httpFetcher(b!.url), { token: deskB.token }, 1, onB));
      // The same batch again, on the other process: it must change nothing and stream nothing.
      if (round === 2) pushes.push(push(httpFetcher(b!.url), { token: deskA.token }, 1, onA));
    }
    await Promise.all(pushes);
    await readStream(sent.length);
    expect(streamed.map((f) => f.id).sort()).toEqual(sent.map((f) => f.id).sort());
    expect(streamed.map((f) => f.seq)).toEqual([...streamed.map((f) => f.seq)].sort((x, y) => x - y));
    expect(new Set(streamed.map((f) => f.seq)).size).toBe(sent.length);
  }, 60_000);

  it('keeps totals exact when 50 devices push at once across A and B, and C streams each fact once', async () => {
    const [a, b, c] = servers;
    const before = streamed.length;
    const desks = [];
    for (let d = 0; d < DEVICES; d++) {
      const server = d % 2 === 0 ? a! : b!;
      const paired = await pairDesk(politeFetcher(httpFetcher(server.url)), server.coordinator, { eventId: 1, deskId: `ban-${1 + (d % 4)}`, name: `Máy ${d}` });
      desks.push({ server, paired, facts: Array.from({ length: FACTS_PER_DEVICE }, (_, i) =>
        (i % 30 === 29 ? undefined : factFor(paired, d * 7919 + i * 13))).filter((f): f is Fact => f !== undefined) });
    }
    // Every 30th fact an undo of the desk's previous admission, as a desk would record it.
    for (const desk of desks) {
      for (let i = 29; i < FACTS_PER_DEVICE; i += 30) desk.facts.splice(i, 0, voidFact(desk.paired, desk.facts[i - 1]!, Date.now()));
    }
    await Promise.all(desks.map(async ({ server, paired, facts }) => {
      const fetcher = politeFetcher(httpFetcher(server.url));
      for (let i = 0; i < facts.length; i += BATCH) {
        const result = await push(fetcher, { token: paired.token }, 1, facts.slice(i, i + BATCH));
        expect(result.stored).toEqual(facts.slice(i, i + BATCH).map((f) => f.id));
      }
    }));
    const sent = [...desks.flatMap((d) => d.facts)];
    await readStream(before + sent.length);
    const live = streamed.slice(before);
    expect(new Set(live.map((f) => f.id)).size).toBe(sent.length);
    expect(live.map((f) => f.id).sort()).toEqual(sent.map((f) => f.id).sort());

    const everything = await pullAll(httpFetcher(c!.url), c!.coordinator, 1);
    expect(everything.facts.map((f) => f.id).sort()).toEqual(streamed.map((f) => f.id).sort());
    const tally = (await (await fetch(`${c!.url}/api/events/1/tally`, { headers: authHeaders(c!.coordinator) })).json()) as TallySnapshot;
    const units = (await fetchPackage(c!.url, 1, c!.coordinator)).units;
    const expected = tallyByUnit(everything.facts, units, { checkpoint: 'arrived' });
    const arrived = tally.checkpoints.find((cp) => cp.checkpoint === 'arrived')!;
    const expectedTotal = [...expected.values()].reduce((n, t) => n + t.count, 0);
    expect(expectedTotal).toBeGreaterThan(100);
    expect(arrived.total).toBe(expectedTotal);
    expect(Object.fromEntries(arrived.units.map((u) => [u.unitId, u.count])))
      .toEqual(Object.fromEntries([...expected.values()].map((t) => [t.unitId, t.count])));
    // Distinct people per unit straight from what the desks sent, not from the server's answer.
    const all: Fact[] = [...streamed.slice(0, before), ...sent];
    const voided = new Set(all.filter((f) => f.kind === 'void').map((f) => f.voids));
    const standing = new Set(all.filter((f) => f.kind === 'admit' && !voided.has(f.id)).map((f) => f.personKey));
    expect(arrived.total).toBe(standing.size);
  }, 120_000);
});
