// A desk's readiness check travels with its pushes, even an empty one, and the coordinator's
// device list shows it; a report the server cannot read is dropped, never the push with it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceListing } from '../../../src/shared/coordinator.ts';
import { PushResponse } from '../../../src/shared/sync.ts';
import { admitFact, authHeaders, jsonInit } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from './sync-fixture.ts';

let fx: SyncFixture;
beforeEach(async () => { fx = await openSyncFixture(); });
afterEach(() => fx.close());

const report = (ready: boolean) => ({
  ready, at: T0,
  checks: [{ id: 'secure', state: 'ok', value: 'HTTPS' }, { id: 'camera', state: ready ? 'ok' : 'fail', value: ready ? 'granted' : 'denied' }],
});
const devices = async () => (await (await fx.app.request('/api/events/1/devices', { headers: authHeaders(fx.coordinator) })).json() as unknown[])
  .map((d) => DeviceListing.parse(d));

describe('desk readiness on the coordinator’s device list', () => {
  it('keeps the last report a desk pushed, with or without facts', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    expect((await devices())[0]!.readiness).toBeUndefined();
    const empty = await fx.fetcher('/api/events/1/facts', jsonInit('POST', { facts: [], pending: 0, readiness: report(false) }, desk.auth));
    expect(empty.status).toBe(200);
    expect((await devices())[0]!.readiness).toEqual(report(false));
    const person = fx.people(1)[0]!;
    const fact = admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: T0 });
    const withFact = await fx.fetcher('/api/events/1/facts', jsonInit('POST', { facts: [fact], pending: 0, readiness: report(true) }, desk.auth));
    expect(PushResponse.parse(await withFact.json()).stored).toEqual([fact.id]);
    expect((await devices())[0]!.readiness?.ready).toBe(true);
    // A push without a report keeps the last one.
    expect((await fx.fetcher('/api/events/1/facts', jsonInit('POST', { facts: [], pending: 0 }, desk.auth))).status).toBe(200);
    expect((await devices())[0]!.readiness?.ready).toBe(true);
  });

  it('drops a report it cannot read and still stores the facts', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const person = fx.people(1)[0]!;
    const fact = admitFact(desk, { personKey: String(person.no), unitId: person.unitId, category: person.category, deviceTime: T0 });
    const response = await fx.fetcher('/api/events/1/facts', jsonInit('POST', { facts: [fact], pending: 0, readiness: { ready: 'yes', checks: 'x'.repeat(5000) } }, desk.auth));
    expect(response.status).toBe(200);
    expect(PushResponse.parse(await response.json()).stored).toEqual([fact.id]);
    expect((await devices())[0]!.readiness).toBeUndefined();
  });
});
