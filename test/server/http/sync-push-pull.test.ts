// Push and pull over the real routes: idempotence, bad input that stores nothing, and the
// flags the server adds (duplicate, unknown), checked in the answers and in the stored rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, PullResponse, PushResponse, PUSH_BATCH_LIMIT, type ServerFact } from '../../../src/shared/sync.ts';
import { admitFact, jsonInit, pullAll, push, pushRaw, voidFact } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

const MINUTE = 60_000;

describe('push and pull', () => {
  let fx: SyncFixture;
  let deskA: PairedDesk;
  let deskB: PairedDesk;
  const person = (no: number, deviceTime: number) => {
    const p = fx.people(1).find((x) => x.no === no)!;
    return { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime };
  };
  const held = async (): Promise<ServerFact[]> => (await pullAll(fx.fetcher, fx.coordinator, 1)).facts;
  const errorOf = async (response: Response) => ApiError.parse(await response.json()).error;

  beforeEach(async () => {
    fx = await openSyncFixture();
    deskA = await fx.pair({ deskId: 'ban-1' });
    deskB = await fx.pair({ deskId: 'ban-2' });
  });
  afterEach(() => fx.close());

  it('stores a batch once however often it is pushed, and answers every id as held', async () => {
    const facts = [1, 2, 3].map((no) => admitFact(deskA, person(no, T0 + no)));
    const first = await push(fx.fetcher, deskA.auth, 1, facts, 7);
    const again = await push(fx.fetcher, deskA.auth, 1, [...facts].reverse(), 7);
    expect(first.stored).toEqual(facts.map((f) => f.id));
    expect(new Set(again.stored)).toEqual(new Set(first.stored));
    expect(again.cursor).toBe(first.cursor);
    expect(first.serverTime).toBe(T0);
    const stored = await held();
    expect(stored.map((f) => f.id)).toEqual(facts.map((f) => f.id));
    expect(stored.map(({ seq: _s, receivedAt: _r, duplicate: _d, ...f }) => f)).toEqual(facts);
    expect(stored.every((f) => f.receivedAt === T0)).toBe(true);
  });

  it('keeps the device list current: last seen, pending and app version', async () => {
    fx.clock.now = T0 + 5 * MINUTE;
    await fx.fetcher('/api/events/1/facts', jsonInit('POST', { facts: [admitFact(deskA, person(1, T0))], pending: 12, appVersion: '0.3.1' }, deskA.auth));
    const devices = await (await fx.fetcher('/api/events/1/devices', { headers: { cookie: fx.coordinator.cookie } })).json();
    expect(devices).toContainEqual({ id: deskA.deviceId, name: 'Máy 1', deskId: 'ban-1', lastSeen: T0 + 5 * MINUTE, appVersion: '0.3.1', pending: 12, revoked: false });
  });

  it(`refuses a batch over ${PUSH_BATCH_LIMIT} facts with 400, storing none of it`, async () => {
    const facts = Array.from({ length: PUSH_BATCH_LIMIT + 1 }, (_, i) => admitFact(deskA, person(1 + (i % 50), T0 + i)));
    const response = await pushRaw(fx.fetcher, deskA.auth, 1, facts);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('batchTooLarge');
    expect(await held()).toEqual([]);
  });

  it('refuses a body over the limit with a 413 JSON error', async () => {
    const facts = [admitFact(deskA, { ...person(1, T0), category: 'x'.repeat(1_100_000) })];
    const response = await pushRaw(fx.fetcher, deskA.auth, 1, facts);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('tooLarge');
    expect(await held()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"facts": [', 'badJson'],
    ['no pending count', JSON.stringify({ facts: [] }), 'badRequest'],
  ])('answers %s with 400 and stores nothing', async (_name, body, code) => {
    const response = await fx.fetcher('/api/events/1/facts', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${deskA.token}` } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe(code);
    expect(await held()).toEqual([]);
  });

  it('stores the good facts of a push and names the malformed one as refused', async () => {
    const good = admitFact(deskA, person(1, T0));
    const body = JSON.stringify({ facts: [good, { ...good, id: 'not-a-uuid' }], pending: 0 });
    const response = await fx.fetcher('/api/events/1/facts', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${deskA.token}` } });
    expect(response.status).toBe(200);
    const answer = PushResponse.parse(await response.json());
    expect(answer.stored).toEqual([good.id]);
    expect(answer.refused?.map((r) => [r.id, r.reason])).toEqual([['not-a-uuid', 'malformed']]);
    expect((await held()).map((f) => f.id)).toEqual([good.id]);
  });

  it('refuses, fact by fact, facts of another event or, from a desk, of another device', async () => {
    const foreign = admitFact({ ...deskA, eventId: 2 }, person(1, T0));
    const mine = admitFact(deskA, person(2, T0));
    const wrongEvent = await pushRaw(fx.fetcher, deskA.auth, 1, [mine, foreign]);
    expect(wrongEvent.status).toBe(200);
    const first = PushResponse.parse(await wrongEvent.json());
    expect(first.stored).toEqual([mine.id]);
    expect(first.refused?.map((r) => [r.id, r.reason])).toEqual([[foreign.id, 'wrongEvent']]);
    const other = admitFact(deskB, person(1, T0));
    const wrongDevice = PushResponse.parse(await (await pushRaw(fx.fetcher, deskA.auth, 1, [other])).json());
    expect(wrongDevice.stored).toEqual([]);
    expect(wrongDevice.refused?.map((r) => [r.id, r.reason])).toEqual([[other.id, 'wrongDevice']]);
    expect((await held()).map((f) => f.id)).toEqual([mine.id]);
    // A coordinator may send any device's facts (manual entry, imports).
    const byCoordinator = PushResponse.parse(await (await pushRaw(fx.fetcher, fx.coordinator, 1, [other])).json());
    expect(byCoordinator.stored).toEqual([other.id]);
  });

  it('answers an unknown event with 404', async () => {
    const response = await pushRaw(fx.fetcher, fx.coordinator, 999, [admitFact({ ...deskA, eventId: 999 }, person(1, T0))]);
    expect(response.status).toBe(404);
    expect((await fx.fetcher('/api/events/999/facts', { headers: { cookie: fx.coordinator.cookie } })).status).toBe(404);
  });

  it('marks the later admission of one person at a second desk as the duplicate, whichever arrives first', async () => {
    const early = admitFact(deskA, person(5, T0 + MINUTE));
    // Desk B's clock runs an hour slow; its offset puts its scan two minutes after A's.
    const late = admitFact(deskB, { ...person(5, T0 + 3 * MINUTE - 60 * MINUTE), clockOffsetMs: 60 * MINUTE });
    await push(fx.fetcher, deskB.auth, 1, [late]);
    expect((await held()).find((f) => f.id === late.id)?.duplicate).toBeUndefined();
    await push(fx.fetcher, deskA.auth, 1, [early]);
    const facts = await held();
    expect(facts.find((f) => f.id === early.id)?.duplicate).toBeUndefined();
    expect(facts.find((f) => f.id === late.id)?.duplicate).toBe(true);
    const tally = await (await fx.fetcher('/api/events/1/tally', { headers: { cookie: fx.coordinator.cookie } })).json() as { checkpoints: Array<{ checkpoint: string; total: number }> };
    expect(tally.checkpoints.find((c) => c.checkpoint === 'arrived')?.total).toBe(1);
  });

  it('syncs a void like any fact: the voided admission stops counting and stops being the first', async () => {
    const first = admitFact(deskA, person(7, T0 + MINUTE));
    const second = admitFact(deskB, person(7, T0 + 2 * MINUTE));
    const other = admitFact(deskB, person(8, T0 + 2 * MINUTE));
    await push(fx.fetcher, deskA.auth, 1, [first]);
    await push(fx.fetcher, deskB.auth, 1, [second, other]);
    expect((await held()).find((f) => f.id === second.id)?.duplicate).toBe(true);
    const undo = voidFact(deskA, first, T0 + 3 * MINUTE);
    expect((await push(fx.fetcher, deskA.auth, 1, [undo])).stored).toEqual([undo.id]);
    const facts = await held();
    expect(facts.find((f) => f.id === undo.id)).toMatchObject({ kind: 'void', voids: first.id, method: 'undo' });
    expect(facts.find((f) => f.id === second.id)?.duplicate).toBeUndefined();
    const pulledByB = await pullAll(fx.fetcher, deskB.auth, 1);
    expect(pulledByB.facts.map((f) => f.id)).toEqual([first.id, second.id, other.id, undo.id]);
    const undoOther = voidFact(deskB, other, T0 + 4 * MINUTE);
    await push(fx.fetcher, deskB.auth, 1, [undoOther]);
    const tally = await (await fx.fetcher('/api/events/1/tally', { headers: { authorization: `Bearer ${deskA.token}` } })).json() as { checkpoints: Array<{ checkpoint: string; total: number }> };
    expect(tally.checkpoints.find((c) => c.checkpoint === 'arrived')?.total).toBe(1); // person 7, by desk B's scan
  });

  it('stores a code number the roster lacks, flagged unknown; walk-ins are not flagged', async () => {
    const stranger = admitFact(deskA, { personKey: '987654', unitId: 0, category: '', deviceTime: T0 });
    const walkIn = admitFact(deskA, { personKey: 'w:walk', unitId: 1, category: 'Người hiến máu', method: 'walk-in', deviceTime: T0 });
    await push(fx.fetcher, deskA.auth, 1, [stranger, walkIn, admitFact(deskA, person(1, T0))]);
    const facts = await held();
    expect(facts.map((f) => (f.kind === 'admit' ? f.unknown : undefined))).toEqual([true, undefined, undefined]);
  });

  it('pages a pull with a cursor and `more`, clamping the limit to 2000', async () => {
    const facts = Array.from({ length: 450 }, (_, i) => admitFact(deskA, person(1 + i, T0 + i)));
    await push(fx.fetcher, deskA.auth, 1, facts);
    const page = PullResponse.parse(await (await fx.fetcher('/api/events/1/facts?after=0&limit=200', { headers: { authorization: `Bearer ${deskB.token}` } })).json());
    expect(page.facts).toHaveLength(200);
    expect(page.more).toBe(true);
    expect(page.cursor).toBe(page.facts.at(-1)!.seq);
    const rest = PullResponse.parse(await (await fx.fetcher(`/api/events/1/facts?after=${page.cursor}&limit=5000`, { headers: { authorization: `Bearer ${deskB.token}` } })).json());
    expect(rest.facts).toHaveLength(250);
    expect(rest.more).toBe(false);
    expect([...page.facts, ...rest.facts].map((f) => f.id)).toEqual(facts.map((f) => f.id));
    const empty = PullResponse.parse(await (await fx.fetcher(`/api/events/1/facts?after=${rest.cursor}`, { headers: { authorization: `Bearer ${deskB.token}` } })).json());
    expect(empty).toMatchObject({ facts: [], cursor: rest.cursor, more: false });
    for (const bad of ['after=-1', 'after=x', 'limit=0', 'limit=1.5']) {
      expect((await fx.fetcher(`/api/events/1/facts?${bad}`, { headers: { cookie: fx.coordinator.cookie } })).status).toBe(400);
    }
  });
});
