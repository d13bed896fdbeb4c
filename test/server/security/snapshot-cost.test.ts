// Issue 13, item 5: a tally snapshot must not recount the whole log on the event loop. The
// server holds each event's tally: the first snapshot reads the log once, later ones read only
// the facts stored since (counted through the store, not timed), and forty at once build one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.ts';
import { setCoordinatorPassword } from '../../../src/server/cli/set-password.ts';
import type { TallySnapshot } from '../../../src/server/live/tally-snapshot.ts';
import type { Store } from '../../../src/server/store/store.ts';
import type { Fact } from '../../../src/shared/schemas.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { COORDINATOR, admitFact, authHeaders, login } from '../../support/sync-session.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';
import { T0 } from '../http/sync-fixture.ts';

/** How much of the log the app read: whole-log reads, and rows handed back by paged reads. */
interface LogReads { wholeLog: number; rows: number }

/** The store as the app sees it, counting its reads of the log. */
function counting(store: Store, reads: LogReads): Store {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'factsOf') return (...args: unknown[]) => { reads.wholeLog++; return value.apply(target, args); };
      if (key === 'factsAfter') {
        return (...args: unknown[]) => {
          const rows = value.apply(target, args) as unknown[];
          reads.rows += rows.length;
          return rows;
        };
      }
      return value.bind(target);
    },
  });
}

describe('tally snapshots', () => {
  let temp: TempStore;
  let app: ReturnType<typeof createApp>;
  let cookie: { cookie: string };
  const reads: LogReads = { wholeLog: 0, rows: 0 };
  const desk = { eventId: 1, deviceId: 'may-1', deskId: 'ban-1' };
  const admissions = (from: number, n: number): Fact[] => temp.store.getPackage(1)!.participants.slice(from, from + n)
    .map((p) => admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + p.no }));
  const tally = async () => {
    const response = await app.request('/api/events/1/tally', { headers: authHeaders(cookie) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return await response.json() as TallySnapshot;
  };
  const arrived = (s: TallySnapshot) => s.checkpoints.find((c) => c.checkpoint === 'arrived')!.total;

  beforeEach(async () => {
    temp = await openTempStore();
    Object.assign(reads, { wholeLog: 0, rows: 0 });
    app = createApp({ store: counting(temp.store, reads), now: () => T0, rateLimit: false });
    await setCoordinatorPassword(temp.store, { ...COORDINATOR, now: T0 });
    cookie = await login(async (path, init) => app.request(path, init));
    temp.store.ingestFacts(1, admissions(0, 300), T0);
  });
  afterEach(() => temp.remove());

  it('reads the log once, then only what was stored since, and never the whole log again', async () => {
    expect(await tally()).toMatchObject({ cursor: 300, facts: 300 });
    expect(reads.rows).toBe(300);
    // Stored behind the app's back, as another server process on PostgreSQL would.
    temp.store.ingestFacts(1, admissions(300, 2), T0);
    const later = await tally();
    expect(later).toMatchObject({ cursor: 302, facts: 302 });
    expect(arrived(later)).toBe(302);
    expect(reads.rows).toBe(302);
    const burst = await Promise.all(Array.from({ length: 40 }, () => tally()));
    expect(new Set(burst.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(reads.rows).toBe(302);
    expect(reads.wholeLog).toBe(0);
  });

  it('gives the stream the same snapshot, counted to the cursor it names', async () => {
    await tally();
    temp.store.ingestFacts(1, admissions(300, 1), T0);
    const response = await app.request('/api/events/1/stream', { headers: authHeaders(cookie) });
    const reader = new SseReader(response.body!);
    try {
      const first = await reader.nextEvent();
      expect(first.event).toBe('snapshot');
      expect(first.id).toBe('301');
      expect(JSON.parse(first.data)).toEqual(await tally());
      expect(reads.wholeLog).toBe(0);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  });
});
