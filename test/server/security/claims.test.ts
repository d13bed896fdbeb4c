// Issue 13 item 2: a paired desk's claims are checked by the server. Each case is a push a real
// desk token can make; the test checks the answer, the stored log and the tally a coordinator reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyByUnit } from '../../../src/domain/tally.ts';
import { encodeToken, parseToken } from '../../../src/domain/token.ts';
import type { Fact } from '../../../src/shared/schemas.ts';
import { PushResponse, type ServerFact } from '../../../src/shared/sync.ts';
import { CoordinatorVoid, ReviewList } from '../../../src/shared/fact-review.ts';
import { admitFact, authHeaders, jsonInit, pullAll, pushRaw, voidFact } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

describe('claims the server checks', () => {
  let fx: SyncFixture;
  let deskA: PairedDesk;
  let deskB: PairedDesk;
  const person = (no: number) => {
    const p = fx.people(1).find((x) => x.no === no)!;
    return { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + no };
  };
  const held = async (): Promise<ServerFact[]> => (await pullAll(fx.fetcher, fx.coordinator, 1)).facts;
  const answer = async (desk: PairedDesk, facts: unknown[]) => {
    const response = await pushRaw(fx.fetcher, desk.auth, 1, facts as Fact[]);
    expect(response.status).toBe(200);
    return PushResponse.parse(await response.json());
  };
  const reasons = (a: PushResponse) => (a.refused ?? []).map((r) => [r.id, r.reason]);
  const codeOf = async (no: number): Promise<string> => {
    const response = await fx.fetcher(`/api/events/1/participants/${no}/code`, { headers: authHeaders(fx.coordinator) });
    return ((await response.json()) as { code: string }).code;
  };
  const reviews = async () => {
    const response = await fx.fetcher('/api/events/1/reviews', { headers: authHeaders(fx.coordinator) });
    expect(response.status).toBe(200);
    return ReviewList.parse(await response.json()).reviews;
  };

  beforeEach(async () => {
    fx = await openSyncFixture();
    deskA = await fx.pair({ deskId: 'ban-1' });
    deskB = await fx.pair({ deskId: 'ban-2' });
  });
  afterEach(() => fx.close());

  it('refuses a desk id the event does not have, storing the rest of the push', async () => {
    const good = admitFact(deskA, person(1));
    const stray = admitFact({ ...deskA, deskId: 'ban-khong-co' }, person(2));
    const a = await answer(deskA, [good, stray]);
    expect(a.stored).toEqual([good.id]);
    expect(reasons(a)).toEqual([[stray.id, 'unknownDesk']]);
    expect((await held()).map((f) => f.id)).toEqual([good.id]);
  });

  it('files a rostered person under the roster’s unit whatever the desk claims, and lists the claim', async () => {
    const units = await fx.temp.store.unitsOf(1);
    const otherUnit = units.at(-1)!;
    const people = fx.people(1).filter((p) => p.unitId !== otherUnit.id).slice(0, 5);
    const claims = people.map((p) => admitFact(deskA, { ...person(p.no), unitId: otherUnit.id, category: 'sai' }));
    const before = tallyByUnit(await held(), units, { checkpoint: 'arrived' }).get(otherUnit.id)!.count;
    const a = await answer(deskA, claims);
    expect(a.stored).toHaveLength(5);
    const stored = await held();
    expect(stored.map((f) => [f.unitId, f.category])).toEqual(people.map((p) => [p.unitId, p.category]));
    expect(tallyByUnit(stored, units, { checkpoint: 'arrived' }).get(otherUnit.id)!.count).toBe(before);
    const flags = await reviews();
    expect(flags.filter((r) => r.reason === 'claim-mismatch').map((r) => [r.factId, r.claimedUnitId, r.claimedCategory]))
      .toEqual(claims.map((f) => [f.id, otherUnit.id, 'sai']));
  });

  it('lets a desk undo only its own admissions; a coordinator may undo any, under their name', async () => {
    const admission = admitFact(deskB, person(1));
    expect((await answer(deskB, [admission])).stored).toEqual([admission.id]);
    const hostile = voidFact(deskA, admission, T0 + 60_000);
    const a = await answer(deskA, [hostile]);
    expect(a.stored).toEqual([]);
    expect(reasons(a)).toEqual([[hostile.id, 'voidOtherDevice']]);
    expect((await held()).some((f) => f.kind === 'void')).toBe(false);
    // Its own desk may.
    const own = voidFact(deskB, admission, T0 + 60_000);
    const b = await answer(deskB, [admitFact(deskB, person(2)), own].reverse());
    expect(b.stored).toContain(own.id);
    // The coordinator's route, twice: one void, naming who did it.
    const other = admitFact(deskB, person(3));
    await answer(deskB, [other]);
    const init = jsonInit('POST', {}, fx.coordinator);
    const first = CoordinatorVoid.parse(await (await fx.fetcher(`/api/events/1/facts/${other.id}/void`, init)).json());
    const again = CoordinatorVoid.parse(await (await fx.fetcher(`/api/events/1/facts/${other.id}/void`, init)).json());
    expect(again.voidId).toBe(first.voidId);
    const voids = (await held()).filter((f) => f.kind === 'void' && f.voids === other.id);
    expect(voids.map((f) => f.deviceId)).toEqual(['coordinator:dieuphoi']);
    expect((await fx.fetcher(`/api/events/1/facts/${other.id}/void`, jsonInit('POST', {}, deskA.auth))).status).toBe(403);
  });

  it('refuses the checkpoint `registered` from a desk', async () => {
    const fake = admitFact(deskA, { ...person(1), checkpoint: 'registered' });
    const a = await answer(deskA, [fake]);
    expect(reasons(a)).toEqual([[fake.id, 'registeredFromDesk']]);
    expect(await held()).toEqual([]);
  });

  it('checks the scanned code attached to a scan: genuine and the same person, or refused', async () => {
    const [one, two] = [await codeOf(1), await codeOf(2)];
    const genuine = { ...admitFact(deskA, person(1)), code: one };
    const otherPerson = { ...admitFact(deskA, person(3)), code: two };
    const token = parseToken(two)!;
    const flipped = Uint8Array.from(token.signature, (b, i) => (i === 0 ? b ^ 1 : b));
    const forged = { ...admitFact(deskA, person(2)), code: encodeToken(token.signed, flipped) };
    const notACode = { ...admitFact(deskA, person(4)), code: 'https://example.com' };
    const a = await answer(deskA, [genuine, otherPerson, forged, notACode]);
    expect(a.stored).toEqual([genuine.id]);
    expect(reasons(a)).toEqual([[otherPerson.id, 'codeMismatch'], [forged.id, 'badCode'], [notACode.id, 'badCode']]);
    expect((await held()).map((f) => f.id)).toEqual([genuine.id]);
    expect(await reviews()).toEqual([]);
  });

  it('stores scans in the old shape (no code) and lists them as unverified; walk-ins stay unsigned', async () => {
    const old = admitFact(deskA, person(1));
    const lookup = admitFact(deskA, { ...person(2), method: 'lookup' });
    const walkIn = admitFact(deskA, { personKey: 'w:x', unitId: 1, category: 'Khách', method: 'walk-in', deviceTime: T0 });
    const walkInFact: Fact = { ...walkIn, personKey: `w:${walkIn.id}`, walkIn: { name: 'Khách vãng lai', unitId: 1, category: 'Khách' } };
    const a = await answer(deskA, [old, lookup, walkInFact]);
    expect(a.stored).toEqual([old.id, lookup.id, walkInFact.id]);
    expect((await held()).find((f) => f.id === walkInFact.id)).toMatchObject({ unitId: 1, category: 'Khách' });
    expect(a.refused).toEqual([]);
    const flags = await reviews();
    expect(flags.map((r) => [r.factId, r.reason])).toEqual([[old.id, 'unverified']]);
    expect(flags[0]!.fact?.id).toBe(old.id);
  });
});
