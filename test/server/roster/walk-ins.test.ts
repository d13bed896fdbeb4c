// Walk-ins reviewed by the coordinator: listed from the log with their unit, added to the roster
// or merged with a roster entry by re-keying facts, so the tally counts the person once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { tallyByUnit } from '../../../src/domain/tally.ts';
import type { AdmitFact } from '../../../src/shared/schemas.ts';
import { jsonInit, pullAll, push } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

let fixture: SyncFixture;
let desk: PairedDesk;
beforeEach(async () => { fixture = await openSyncFixture(); desk = await fixture.pair({ deskId: 'ban-1' }); });
afterEach(() => fixture.close());

function walkIn(name: string, unitId: number, phone?: string, birthYear?: number): AdmitFact {
  const id = uuidv7();
  return {
    id, eventId: 1, kind: 'admit', personKey: `w:${id}`, unitId, category: 'Người hiến máu', checkpoint: 'arrived', method: 'walk-in',
    deviceId: desk.deviceId, deskId: 'ban-1', deviceTime: T0 + 60_000, clockOffsetMs: 0,
    walkIn: { name, unitId, category: 'Người hiến máu', ...(phone ? { phone } : {}), ...(birthYear ? { birthYear } : {}) },
  };
}
const list = async () => (await fixture.app.request('/api/events/1/walk-ins', { headers: { cookie: fixture.coordinator.cookie } })).json() as Promise<Array<{ personKey: string; name: string; unitId: number }>>;
const resolve = (body: object) => fixture.app.request('/api/events/1/walk-ins/resolve', jsonInit('POST', body, fixture.coordinator));
const arrived = (unitId: number) => {
  const store = fixture.temp.store;
  return tallyByUnit(store.factsOf(1).facts, store.unitsOf(1), { checkpoint: 'arrived' }).get(unitId)!;
};

describe('walk-ins', () => {
  it('come back as participants of their unit, flagged, under a new code number', async () => {
    const fact = walkIn('Đinh Văn Khách', 4, '0988 777 666');
    await push(fixture.fetcher, desk.auth, 1, [fact]);
    expect(await list()).toMatchObject([{ personKey: fact.personKey, name: 'Đinh Văn Khách', unitId: 4 }]);
    const v0 = fixture.temp.store.packageVersion(1)!;
    const response = await resolve({ personKey: fact.personKey });
    expect(response.status).toBe(200);
    const { no } = await response.json() as { no: number };
    expect(fixture.temp.store.getParticipant(1, no)).toEqual({ no, name: 'Đinh Văn Khách', phone: '0988777666', unitId: 4, category: 'Người hiến máu' });
    expect(fixture.temp.store.packageVersion(1)).toBe(v0 + 1);
    expect(await list()).toEqual([]);
    // Counted once, still as a walk-in; the desk pulls the void and the re-keyed admission.
    expect(arrived(4)).toMatchObject({ count: 1, walkIns: 1 });
    const pulled = (await pullAll(fixture.fetcher, desk.auth, 1)).facts;
    expect(pulled.map((f) => [f.kind, f.personKey])).toEqual([['admit', fact.personKey], ['void', fact.personKey], ['admit', String(no)]]);
    expect((await resolve({ personKey: fact.personKey })).status).toBe(404);
  });

  it('keep the birth year a citizen ID card gave at the desk when added to the roster', async () => {
    const fact = walkIn('Hà Thị Thẻ', 4, undefined, 1994);
    await push(fixture.fetcher, desk.auth, 1, [fact]);
    expect(await list()).toMatchObject([{ personKey: fact.personKey, birthYear: 1994 }]);
    const { no } = await (await resolve({ personKey: fact.personKey })).json() as { no: number };
    expect(fixture.temp.store.getParticipant(1, no)).toMatchObject({ no, name: 'Hà Thị Thẻ', birthYear: 1994 });
    expect(fixture.people(1).find((p) => p.no === no)?.birthYear).toBe(1994);
  });

  it('merge with the roster entry they were, so a person admitted twice counts once', async () => {
    const person = fixture.people(1).find((p) => p.unitId === 5)!;
    const byCode: AdmitFact = { ...walkIn('x', 5), personKey: String(person.no), method: 'scan', walkIn: undefined };
    delete byCode.walkIn;
    const fact = walkIn(person.name, 5);
    await push(fixture.fetcher, desk.auth, 1, [byCode, fact]);
    expect(arrived(5).count).toBe(2);
    const merged = await resolve({ personKey: fact.personKey, no: person.no });
    expect(merged.status).toBe(200);
    expect(arrived(5).count).toBe(1);
    expect(fixture.people(1).filter((p) => p.name === person.name && p.unitId === 5)).toHaveLength(1);
    expect((await resolve({ personKey: walkIn('y', 5).personKey, no: person.no })).status).toBe(404);
    expect((await fixture.app.request('/api/events/1/walk-ins/resolve', jsonInit('POST', { personKey: fact.personKey }, desk.auth))).status).toBe(403);
  });
});
