// Issue 13, item 1: a fact's time comes from a desk's clock. Push refuses a time days away from
// the server's clock and an absurd clock offset; and a fact stored anyway (before the bounds, or
// by hand) never makes a report, a page or a pull answer 500: its time shows as a marked time.
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushResponse } from '../../../src/shared/sync.ts';
import { admitFact, authHeaders, pullAll, push, pushRaw } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

const DAY = 24 * 3_600_000;

describe('out-of-range fact times', () => {
  let fx: SyncFixture;
  let desk: PairedDesk;
  const admission = (deviceTime: number, clockOffsetMs = 0, no = 1) => {
    const p = fx.people(1).find((x) => x.no === no)!;
    return admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime, clockOffsetMs });
  };
  const get = (path: string) => fx.app.request(path, { headers: authHeaders(fx.coordinator) });

  beforeEach(async () => {
    fx = await openSyncFixture();
    desk = await fx.pair({ deskId: 'ban-1' });
  });
  afterEach(() => fx.close());

  it('refuses a push with a device time over two days from the server clock, or an offset over a day', async () => {
    const cases = [admission(T0 + 2 * DAY + 1), admission(T0 - 2 * DAY - 1), admission(T0, DAY + 1), admission(T0, -DAY - 1), admission(9007199254740991)];
    // Each odd fact is refused on its own, in words, and the good one beside it is stored (issue 13 item 3).
    const good = admission(T0 + 60_000, 0, 2);
    for (const odd of cases) {
      const response = await pushRaw(fx.fetcher, desk.auth, 1, [good, odd]);
      expect(response.status).toBe(200);
      const body = PushResponse.parse(await response.json());
      expect(body.stored).toEqual([good.id]);
      expect(body.refused?.map((r) => r.id)).toEqual([odd.id]);
      expect(['timeOutOfRange', 'malformed']).toContain(body.refused![0]!.reason);
      expect(body.refused![0]!.vi).toBeTruthy();
      expect(body.refused![0]!.en).toBeTruthy();
    }
    expect((await fx.temp.store.factsAfter(1, 0, 10)).map((f) => f.id)).toEqual([good.id]);
    // The edges themselves are accepted: two days either way, a day of offset.
    const edges = [admission(T0 + 2 * DAY, 0, 3), admission(T0 - 2 * DAY, 0, 4), admission(T0, DAY, 5), admission(T0, -DAY, 6)];
    expect((await push(fx.fetcher, desk.auth, 1, edges)).stored).toHaveLength(4);
    expect(await fx.temp.store.factsAfter(1, 0, 10)).toHaveLength(5);
  });

  it('answers every report, page and pull with 200 over a fact stored with an absurd time', async () => {
    await push(fx.fetcher, desk.auth, 1, [admission(T0 + 60_000, 0, 2)]);
    const raw = new Database(fx.temp.file);
    try {
      const insert = raw.prepare(`INSERT INTO facts (id, event_id, kind, person_key, unit_id, category, checkpoint, method,
        device_id, desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
        VALUES (?, 1, 'admit', ?, 1, 'Người hiến máu', 'arrived', ?, ?, 'ban-1', ?, ?, NULL, ?, 0, ?)`);
      insert.run(uuidv7(), '1', 'scan', desk.deviceId, 9007199254740991, 0, null, T0);
      insert.run(uuidv7(), '3', 'scan', desk.deviceId, T0, 9007199254740991, null, T0);
      const walkInKey = `w:${uuidv7()}`;
      insert.run(uuidv7(), walkInKey, 'walk-in', desk.deviceId, -9007199254740991, 0, JSON.stringify({ name: 'Lò Văn Lạ', unitId: 1, category: 'Người hiến máu' }), T0);
    } finally {
      raw.close();
    }
    for (const path of ['participants.csv', 'scans.csv', 'units.csv', 'participants.csv?lang=en', 'scans.csv?lang=en']) {
      const response = await get(`/api/events/1/reports/${path}`);
      expect(response.status, path).toBe(200);
      if (path.startsWith('participants')) expect(await response.text()).toContain('--/--/---- --:--');
    }
    for (const path of ['/api/events/1/reports/print', '/api/events/1/reports/print/1', '/api/events/1/tally', '/api/events/1/walk-ins']) {
      expect((await get(path)).status, path).toBe(200);
    }
    const tally = await (await get('/api/events/1/tally')).json() as { checkpoints: Array<{ checkpoint: string; total: number }> };
    expect(tally.checkpoints.find((c) => c.checkpoint === 'arrived')?.total).toBe(4);
    // A desk still pulls the whole log, odd rows included: it must never be stuck behind one.
    expect((await pullAll(fx.fetcher, desk.auth, 1)).facts).toHaveLength(4);
  });
});
