// The live stream: a snapshot, then each pushed fact within a second; Last-Event-ID resumes
// with only the later facts; heartbeats keep it open; a closed stream unsubscribes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerFact } from '../../../src/shared/sync.ts';
import type { TallySnapshot } from '../../../src/server/live/tally-snapshot.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { admitFact, authHeaders, push, type Credentials } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

describe('live stream', () => {
  let fx: SyncFixture;
  let desk: PairedDesk;
  const open: SseReader[] = [];
  const person = (no: number) => {
    const p = fx.people(1).find((x) => x.no === no)!;
    return { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + no };
  };
  const connect = async (auth: Credentials, lastEventId?: string): Promise<SseReader> => {
    const headers: Record<string, string> = { ...authHeaders(auth) };
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    const response = await fx.fetcher('/api/events/1/stream', { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = new SseReader(response.body!);
    open.push(reader);
    return reader;
  };

  beforeEach(async () => {
    fx = await openSyncFixture({ heartbeatMs: 50 });
    desk = await fx.pair({ deskId: 'ban-1' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.cancel().catch(() => undefined)));
    fx.close();
  });

  it('sends the tally snapshot, then a pushed fact within a second', async () => {
    await push(fx.fetcher, desk.auth, 1, [admitFact(desk, person(1)), admitFact(desk, person(2))]);
    const stream = await connect(fx.coordinator);
    const first = await stream.nextEvent();
    expect(first.event).toBe('snapshot');
    const snapshot = JSON.parse(first.data) as TallySnapshot;
    expect(snapshot).toMatchObject({ eventId: 1, cursor: 2, facts: 2 });
    expect(first.id).toBe('2');
    const arrived = snapshot.checkpoints.find((c) => c.checkpoint === 'arrived')!;
    expect(arrived.total).toBe(2);
    expect(arrived.units.reduce((n, u) => n + u.count, 0)).toBe(2);
    expect(arrived.quota).toBeGreaterThan(400);

    const fact = admitFact(desk, person(3));
    const started = Date.now();
    await push(fx.fetcher, desk.auth, 1, [fact]);
    const next = await stream.nextEvent(1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(next).toMatchObject({ event: 'fact', id: '3' });
    expect(ServerFact.parse(JSON.parse(next.data))).toMatchObject({ id: fact.id, seq: 3 });
  });

  it('resumes from Last-Event-ID with only the later facts, and no snapshot', async () => {
    const facts = [1, 2, 3, 4].map((no) => admitFact(desk, person(no)));
    await push(fx.fetcher, desk.auth, 1, facts);
    const stream = await connect(desk.auth, '2');
    const resumed = [await stream.nextEvent(), await stream.nextEvent()];
    expect(resumed.map((m) => [m.event, m.id])).toEqual([['fact', '3'], ['fact', '4']]);
    expect(resumed.map((m) => (JSON.parse(m.data) as { id: string }).id)).toEqual([facts[2]!.id, facts[3]!.id]);
    const later = admitFact(desk, person(5));
    await push(fx.fetcher, desk.auth, 1, [later]);
    expect(await stream.nextEvent()).toMatchObject({ event: 'fact', id: '5' });
  });

  it('sends a replayed batch no second time, and heartbeats while idle', async () => {
    const stream = await connect(fx.coordinator);
    expect((await stream.nextEvent()).event).toBe('snapshot');
    const fact = admitFact(desk, person(1));
    await push(fx.fetcher, desk.auth, 1, [fact]);
    await push(fx.fetcher, desk.auth, 1, [fact]);
    expect((await stream.nextEvent()).id).toBe('1');
    const idle = await stream.next(500);
    expect(idle.comment).toBe('heartbeat');
    const other = admitFact(desk, person(2));
    await push(fx.fetcher, desk.auth, 1, [other]);
    expect(JSON.parse((await stream.nextEvent()).data)).toMatchObject({ id: other.id });
  });

  it('stops listening when the client goes away', async () => {
    const stream = await connect(fx.coordinator);
    await stream.nextEvent();
    expect(fx.feed.listenerCount(1)).toBe(1);
    await stream.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fx.feed.listenerCount(1)).toBe(0);
  });
});
