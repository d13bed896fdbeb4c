// Issue 13, item 10: pairing with another desk's device id must not take over its row, and
// revoking a device in one event must not revoke a real device of another event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PairResponse, type DeskSetupInfo } from '../../../src/shared/sync.ts';
import { admitFact, jsonInit, pushRaw } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from '../http/sync-fixture.ts';

describe('device ids cannot be taken over', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());

  const deskOf = async (eventId: number) =>
    ((await (await fx.fetcher(`/api/events/${eventId}/desk-setup`)).json()) as DeskSetupInfo).desks[0]!.id;

  /** Pairs as a caller who knows only a device id (no token of that device). */
  async function pairAs(eventId: number, deviceId: string, deviceName: string, token?: string): Promise<PairResponse> {
    const offer = await (await fx.fetcher(`/api/events/${eventId}/pairings`, jsonInit('POST', {}, fx.coordinator))).json() as { code: string };
    const body = { code: offer.code, deviceName, deskId: await deskOf(eventId), deviceId };
    const response = await fx.fetcher('/api/pair', jsonInit('POST', body, token ? { token } : undefined));
    expect(response.status).toBe(200);
    return PairResponse.parse(await response.json());
  }

  async function pushOne(desk: PairResponse): Promise<number> {
    const fact = admitFact({ eventId: desk.eventId, deviceId: desk.deviceId, deskId: desk.deskId },
      { personKey: 'w:1', unitId: 1, category: 'x', method: 'walk-in', deviceTime: T0 });
    return (await pushRaw(fx.fetcher, { token: desk.token }, desk.eventId, [fact])).status;
  }

  const devicesOf = async (eventId: number) =>
    (await (await fx.fetcher(`/api/events/${eventId}/devices`, { headers: { cookie: fx.coordinator.cookie } })).json()) as
      Array<{ id: string; name: string; revoked: boolean }>;

  it('gives a rogue pairing with a known id a fresh id and leaves the real device alone', async () => {
    const realId = '01900000-0000-7000-8000-00000000a001';
    const real = await pairAs(2, realId, 'Máy thật');
    expect(real.deviceId).toBe(realId); // a device's first pairing keeps the id its facts already carry

    const rogueSameEvent = await pairAs(2, realId, 'Máy giả');
    expect(rogueSameEvent.deviceId).not.toBe(realId);
    const rogueOtherEvent = await pairAs(1, realId, 'Máy giả 2');
    expect(rogueOtherEvent.deviceId).not.toBe(realId);

    expect(await pushOne(real)).toBe(200); // the real token still works
    expect((await devicesOf(2)).find((d) => d.id === realId)).toMatchObject({ name: 'Máy thật', revoked: false });

    // Revoking in event 1 touches event 1 only, whatever id is named.
    const wrongEvent = await fx.fetcher(`/api/events/1/devices/${realId}/revoke`, jsonInit('POST', {}, fx.coordinator));
    expect(wrongEvent.status).toBe(404);
    const rogue = await fx.fetcher(`/api/events/1/devices/${rogueOtherEvent.deviceId}/revoke`, jsonInit('POST', {}, fx.coordinator));
    expect(rogue.status).toBe(200);
    expect(await pushOne(rogueOtherEvent)).toBe(401);
    expect(await pushOne(real)).toBe(200);
    expect((await devicesOf(2)).find((d) => d.id === realId)).toMatchObject({ revoked: false });
  });

  it('keeps the id when the device proves it with its own (even revoked) token', async () => {
    const realId = '01900000-0000-7000-8000-00000000a002';
    const first = await pairAs(2, realId, 'Máy thật');
    expect((await fx.fetcher(`/api/events/2/devices/${realId}/revoke`, jsonInit('POST', {}, fx.coordinator))).status).toBe(200);
    const again = await pairAs(2, realId, 'Máy thật', first.token);
    expect(again.deviceId).toBe(realId);
    expect(await pushOne(again)).toBe(200);
    expect(await pushOne(first)).toBe(401);
  });
});
