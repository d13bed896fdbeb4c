// The tally screen's reads: the board metadata, and a unit leader's share link that sees its
// own unit's facts (live too) and nothing of any other unit, until the coordinator revokes it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardMeta, SHARE_TOKEN_HEADER, ShareLinkOffer, ShareLinkRow } from '../../../src/shared/board.ts';
import { ApiError, PullResponse, ServerFact } from '../../../src/shared/sync.ts';
import { SseReader } from '../../support/sse-reader.ts';
import { admitFact, authHeaders, jsonInit, push } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

/** How a share viewer presents its token: a header, never the path. */
const shareAuth = (token: string): RequestInit => ({ headers: { [SHARE_TOKEN_HEADER]: token } });

describe('board and share links', () => {
  let fx: SyncFixture;
  let desk: PairedDesk;
  const open: SseReader[] = [];
  const admitOf = (unitId: number, nth: number) => {
    const p = fx.people(1).filter((x) => x.unitId === unitId)[nth]!;
    return admitFact(desk, { personKey: String(p.no), unitId, category: p.category, deviceTime: T0 + nth });
  };
  async function share(unitId: number): Promise<{ offer: ShareLinkOffer; token: string }> {
    const res = await fx.fetcher(`/api/events/1/units/${unitId}/shares`, jsonInit('POST', {}, fx.coordinator));
    expect(res.status).toBe(201);
    const offer = ShareLinkOffer.parse(await res.json());
    return { offer, token: new URL(offer.url).hash.replace('#share=', '') };
  }

  beforeEach(async () => {
    fx = await openSyncFixture({ heartbeatMs: 50 });
    desk = await fx.pair({ deskId: 'ban-1' });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.cancel().catch(() => undefined)));
    fx.close();
  });

  it('gives a coordinator every unit, desk and registered count of the event', async () => {
    const res = await fx.fetcher('/api/events/1/board', { headers: authHeaders(fx.coordinator) });
    const meta = BoardMeta.parse(await res.json());
    const pkg = fx.temp.store.getPackage(1)!;
    expect(meta.scope).toEqual({ kind: 'event' });
    expect(meta.units).toEqual(pkg.units);
    expect(meta.desks).toEqual(pkg.desks);
    expect(Object.values(meta.registeredByUnit).reduce((a, b) => a + b, 0)).toBe(pkg.participants.length);
    expect(meta.registeredByUnit[1]).toBe(pkg.participants.filter((p) => p.unitId === 1).length);
    expect(meta.serverTime).toBe(T0);
  });

  it('shows a share link its own unit only: metadata, facts and the live stream', async () => {
    await push(fx.fetcher, desk.auth, 1, [admitOf(1, 0), admitOf(2, 0), admitOf(1, 1)]);
    const { offer, token } = await share(1);
    expect(offer.url).toMatch(/^http:\/\/localhost\/unit#share=[\w-]{43}$/);
    // Only the hash is kept: the token appears nowhere in the store's list.
    const list = (await (await fx.fetcher('/api/events/1/shares', { headers: authHeaders(fx.coordinator) })).json()) as unknown[];
    expect(list.map((r) => ShareLinkRow.parse(r))).toEqual([{ id: offer.id, unitId: 1, createdAt: T0, revoked: false }]);
    expect(JSON.stringify(list)).not.toContain(token);

    const meta = BoardMeta.parse(await (await fx.fetcher('/api/share', shareAuth(token))).json());
    expect(meta.scope).toEqual({ kind: 'unit', unitId: 1 });
    expect(meta.units.map((u) => u.id)).toEqual([1]);
    expect(meta.desks).toEqual([]);
    expect(Object.keys(meta.registeredByUnit)).toEqual(['1']);

    const page = PullResponse.parse(await (await fx.fetcher('/api/share/facts?after=0', shareAuth(token))).json());
    expect(page.facts.map((f) => f.unitId)).toEqual([1, 1]);
    expect(page.more).toBe(false);
    // The cursor is opaque but moves past unit 2's fact too, so paging ends.
    expect(PullResponse.parse(await (await fx.fetcher(`/api/share/facts?after=${page.cursor}`, shareAuth(token))).json()).facts).toEqual([]);

    const res = await fx.fetcher(`/api/share/stream?after=${page.cursor}`, shareAuth(token));
    expect(res.status).toBe(200);
    const stream = new SseReader(res.body!);
    open.push(stream);
    const live = admitOf(1, 2);
    await push(fx.fetcher, desk.auth, 1, [admitOf(2, 1), live]);
    const next = await stream.nextEvent(1000);
    expect(next.event).toBe('fact');
    expect(ServerFact.parse(JSON.parse(next.data))).toMatchObject({ unitId: 1, id: live.id });
  });

  it('refuses a revoked link at once, and keeps other links working', async () => {
    const first = await share(1);
    const second = await share(2);
    const revoke = await fx.fetcher(`/api/shares/${first.offer.id}/revoke`, jsonInit('POST', {}, fx.coordinator));
    expect(revoke.status).toBe(200);
    const refused = await fx.fetcher('/api/share/facts', shareAuth(first.token));
    expect(refused.status).toBe(401);
    expect(ApiError.parse(await refused.json()).error).toMatchObject({ code: 'badShareLink', vi: expect.stringMatching(/thu hồi/) });
    expect((await fx.fetcher('/api/share', shareAuth(second.token))).status).toBe(200);
    const rows = (await (await fx.fetcher('/api/events/1/shares', { headers: authHeaders(fx.coordinator) })).json()) as ShareLinkRow[];
    expect(rows.map((r) => [r.unitId, r.revoked])).toEqual([[1, true], [2, false]]);
  });

  it('resumes the coordinator’s stream after a pulled cursor with no snapshot', async () => {
    await push(fx.fetcher, desk.auth, 1, [admitOf(1, 0), admitOf(1, 1)]);
    const res = await fx.fetcher('/api/events/1/stream?after=1', { headers: authHeaders(fx.coordinator) });
    const stream = new SseReader(res.body!);
    open.push(stream);
    const first = await stream.nextEvent(1000);
    expect(first).toMatchObject({ event: 'fact', id: '2' });
  });
});
