// Issue 13, item 13: a fact is known by (event, id), never by its id alone. A desk of another
// event that happens to send an id this server already holds (a copied tablet, a replayed file, a
// forged push) makes another fact in its own event: stored, counted in its own tally and reports,
// and an undo in one event never reaches a fact of the other.
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TallySnapshot } from '../../../src/server/live/tally-snapshot.ts';
import { writeDeskFile } from '../../../src/domain/desk-file.ts';
import { DeskFileImportResult } from '../../../src/shared/desk-file.ts';
import { ReviewList } from '../../../src/shared/fact-review.ts';
import type { AdmitFact, Participant } from '../../../src/shared/schemas.ts';
import { admitFact, authHeaders, jsonInit, push, voidFact } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from '../http/sync-fixture.ts';

const MINUTE = 60_000;

describe('fact ids are scoped to their event', () => {
  let fx: SyncFixture;
  let deskOf1: PairedDesk;
  let deskOf2: PairedDesk;
  let personOf1: Participant;
  let personOf2: Participant;
  const get = (path: string) => fx.app.request(path, { headers: authHeaders(fx.coordinator) });
  const admission = (desk: PairedDesk, p: Participant, minutes = 0): AdmitFact =>
    admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + 90 * MINUTE + minutes * MINUTE });
  const arrived = async (eventId: number) => {
    const tally = await (await get(`/api/events/${eventId}/tally`)).json() as TallySnapshot;
    return tally.checkpoints.find((c) => c.checkpoint === 'arrived')!;
  };
  const csv = async (path: string) =>
    Papa.parse<string[]>((await (await get(path)).text()).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  /** The scan log's (code no., result, record id) per row, in English. */
  const scans = async (eventId: number) => {
    const [header, ...rows] = await csv(`/api/events/${eventId}/reports/scans.csv?lang=en`);
    const [no, result, id] = ['Code no.', 'Result', 'Record id'].map((name) => header!.indexOf(name));
    return rows.map((r) => [r[no!], r[result!], r[id!]]);
  };
  /** Code numbers with an arrival time in the participants report. */
  const arrivals = async (eventId: number) => {
    const [header, ...rows] = await csv(`/api/events/${eventId}/reports/participants.csv?lang=en`);
    const at = header!.indexOf('Arrived at');
    return rows.filter((r) => r[at!] !== '').map((r) => r[0]);
  };

  beforeEach(async () => {
    fx = await openSyncFixture();
    deskOf1 = await fx.pair({ deskId: 'ban-1' });
    deskOf2 = await fx.pair({ deskId: fx.temp.store.getPackage(2)!.desks[0]!.id, eventId: 2 });
    personOf1 = fx.people(1)[0]!;
    personOf2 = fx.people(2)[4]!;
  });
  afterEach(() => fx.close());

  it('stores an id already held by another event as a fact of its own, counted and reported there', async () => {
    const first = admission(deskOf1, personOf1);
    const second = { ...admission(deskOf2, personOf2, 1), id: first.id };
    expect((await push(fx.fetcher, deskOf1.auth, 1, [first])).stored).toEqual([first.id]);

    const answer = await push(fx.fetcher, deskOf2.auth, 2, [second]);
    expect(answer.stored).toEqual([first.id]);
    expect(answer.refused ?? []).toEqual([]);
    // The rows themselves: one per event, each with its own person.
    expect((await fx.temp.store.factsOf(1)).facts.map((f) => [f.id, f.personKey])).toEqual([[first.id, String(personOf1.no)]]);
    expect((await fx.temp.store.factsOf(2)).facts.map((f) => [f.id, f.personKey])).toEqual([[first.id, String(personOf2.no)]]);
    // Pushed again, each is held in its own event and adds nothing.
    expect((await push(fx.fetcher, deskOf2.auth, 2, [second])).stored).toEqual([first.id]);
    expect((await fx.temp.store.factsOf(2)).facts).toHaveLength(1);

    for (const [eventId, person] of [[1, personOf1], [2, personOf2]] as const) {
      const tally = await arrived(eventId);
      expect(tally.total, `event ${eventId}`).toBe(1);
      expect(tally.units.find((u) => u.unitId === person.unitId)?.count, `event ${eventId}`).toBe(1);
      expect(await arrivals(eventId)).toEqual([String(person.no)]);
      expect(await scans(eventId)).toEqual([[String(person.no), 'Admitted', first.id]]);
    }

    // Each event's review list shows its own fact under the shared id (both scans carried no code).
    for (const [eventId, person] of [[1, personOf1], [2, personOf2]] as const) {
      const { reviews } = ReviewList.parse(await (await get(`/api/events/${eventId}/reviews`)).json());
      expect(reviews.map((r) => [r.factId, r.reason, r.fact?.personKey])).toEqual([[first.id, 'unverified', String(person.no)]]);
    }
  });

  it('adds, from a desk file of another event, a fact under an id this server holds elsewhere', async () => {
    const first = admission(deskOf1, personOf1);
    await push(fx.fetcher, deskOf1.auth, 1, [first]);
    const twin = { ...admission(deskOf2, personOf2, 1), id: first.id };
    const file = writeDeskFile({ eventId: 2, deviceId: deskOf2.deviceId, deskId: deskOf2.deskId, exportedAt: T0 + 2 * 3_600_000, facts: [twin] });
    const answer = await fx.app.request('/api/events/2/desk-file', { method: 'POST', body: file,
      headers: { 'content-type': 'application/json', ...authHeaders(fx.coordinator) } });
    expect(DeskFileImportResult.parse(await answer.json())).toEqual({ added: 1, alreadyHeld: 0 });
    expect((await fx.temp.store.factsOf(2)).facts.map((f) => [f.id, f.personKey])).toEqual([[first.id, String(personOf2.no)]]);
    expect((await arrived(2)).total).toBe(1);
  });

  it('lets an undo reach only the fact of its own event', async () => {
    const shared = admission(deskOf1, personOf1);
    const onlyIn1 = admission(deskOf1, fx.people(1)[1]!, 2);
    await push(fx.fetcher, deskOf1.auth, 1, [shared, onlyIn1]);
    const twin = { ...admission(deskOf2, personOf2, 1), id: shared.id };
    expect((await push(fx.fetcher, deskOf2.auth, 2, [twin])).stored).toEqual([shared.id]);

    // A desk of event 2 undoes its own fact under the shared id: event 1's stays admitted.
    const undo = voidFact(deskOf2, twin, T0 + 100 * MINUTE);
    expect((await push(fx.fetcher, deskOf2.auth, 2, [undo])).stored).toEqual([undo.id]);
    expect((await arrived(2)).total).toBe(0);
    expect((await arrived(1)).total).toBe(2);
    expect(await scans(1)).toEqual([[String(personOf1.no), 'Admitted', shared.id], [String(fx.people(1)[1]!.no), 'Admitted', onlyIn1.id]]);
    expect((await scans(2)).map(([, result, id]) => [result, id])).toEqual([['Admitted, later undone', shared.id], ['Undo of an admission', undo.id]]);

    // An undo in event 2 naming a fact only event 1 holds finds nothing there: kept and listed as
    // unchecked, as for any undo whose admission the server has not seen, and event 1 is untouched.
    const stray = { ...voidFact(deskOf2, onlyIn1, T0 + 101 * MINUTE), eventId: 2 };
    const answer = await push(fx.fetcher, deskOf2.auth, 2, [stray]);
    expect(answer.stored).toEqual([stray.id]);
    expect(answer.refused ?? []).toEqual([]);
    expect((await arrived(1)).total).toBe(2);
    expect(await arrivals(1)).toEqual([String(personOf1.no), String(fx.people(1)[1]!.no)]);
    const reviewsOf2 = ReviewList.parse(await (await get('/api/events/2/reviews')).json()).reviews;
    expect(reviewsOf2.filter((r) => r.reason === 'void-unchecked').map((r) => r.factId)).toEqual([stray.id]);
    const reviewsOf1 = ReviewList.parse(await (await get('/api/events/1/reviews')).json()).reviews;
    expect(reviewsOf1.map((r) => r.reason)).not.toContain('void-unchecked');

    // The coordinator's undo in event 1 of the shared id undoes event 1's fact, not event 2's.
    const undone = await fx.fetcher(`/api/events/1/facts/${shared.id}/void`, jsonInit('POST', {}, fx.coordinator));
    expect(undone.status).toBe(200);
    expect((await arrived(1)).total).toBe(1);
    expect(await arrivals(1)).toEqual([String(fx.people(1)[1]!.no)]);
    const log2 = (await fx.temp.store.factsOf(2)).facts;
    expect(log2.map((f) => f.id)).toEqual([shared.id, undo.id, stray.id]);
  });
});
