// The Store contract: what routes and the seeder may rely on, whichever engine is behind it.
// store-contract-sqlite.test.ts and store-contract-pg.test.ts run exactly these tests.
import { afterEach, describe, expect, it } from 'vitest';
import { EventPackage, type AdmitFact, type Fact } from '../../../src/shared/schemas.ts';
import { DEMO_PLANS } from '../../../src/server/demo/plans.ts';
import { buildDemoEvent } from '../../../src/server/demo/seed.ts';
import { generateEventKeys } from '../../../src/server/codes/signing.ts';
import type { NewEvent, Store } from '../../../src/server/store/store.ts';
import { EventTallies } from '../../../src/server/live/event-tallies.ts';
import { admitFact, voidFact } from '../../support/sync-session.ts';
import { describeAccessContract } from './contract-access.ts';
import { describeClaimsContract } from './contract-claims.ts';
import { describeEditContract } from './contract-edit.ts';
import { describeRosterContract } from './contract-roster.ts';

/** One store under test: fresh and empty, reopenable on the same data, removable. */
export interface StoreHarness {
  store: Store;
  /** Closes the store and opens it again on the same database. */
  reopen(): Promise<Store>;
  remove(): Promise<void>;
}

/** Makes a fresh, empty store. */
export type OpenStore = () => Promise<StoreHarness>;

const KEYS = generateEventKeys();
/** Bắc Kạn and Lạng Sơn, built by the demo generator with fixed keys, so the package can be compared. */
export const EVENTS: NewEvent[] = [buildDemoEvent(DEMO_PLANS[0]!, KEYS), buildDemoEvent(DEMO_PLANS[1]!, generateEventKeys())];
/** 10/07/2024 08:00 in Hà Nội: the clock the contract's facts are stamped with. */
export const T = Date.UTC(2024, 6, 10, 1, 0);
/** Device n of an event, at one of the demo events' four desks. */
export const desk = (n: number, eventId = 1) => ({ eventId, deviceId: `may-${n}`, deskId: `ban-${1 + (n % 4)}` });
const DONOR = 'Người hiến máu';
const admit = (n: number, personKey: string, minutes = 0): AdmitFact =>
  admitFact(desk(n), { personKey, unitId: 1, category: DONOR, deviceTime: T + minutes * 60_000 });

/** A store with the two events created, for the tests that need data. */
export async function seeded(open: OpenStore): Promise<StoreHarness> {
  const harness = await open();
  for (const event of EVENTS) await harness.store.createEvent(event);
  return harness;
}

/** Registers the whole contract for one engine. */
export function describeStoreContract(engine: string, open: OpenStore): void {
  describe(`Store contract: ${engine}`, () => {
    let harness: StoreHarness | undefined;
    const use = async (h: Promise<StoreHarness>): Promise<Store> => (harness = await h).store;
    afterEach(async () => {
      await harness?.remove();
      harness = undefined;
    });

    it('starts empty', async () => {
      const store = await use(open());
      expect(await store.isEmpty()).toBe(true);
      expect(await store.listEvents()).toEqual([]);
      expect(await store.getPackage(1)).toBeUndefined();
      expect(await store.getEvent(1)).toBeUndefined();
      expect(await store.factsOf(1)).toEqual({ facts: [], cursor: 0 });
      expect(await store.ingestFacts(1, [], T)).toEqual({ stored: [], inserted: 0, cursor: 0 });
    });

    it('returns the created event as a package the schema accepts, and keeps it across a reopen', async () => {
      const store = await use(seeded(open));
      const [bacKan] = EVENTS;
      const pkg = EventPackage.parse(await store.getPackage(1));
      expect(pkg).toEqual({
        version: 1, event: bacKan!.event, publicKey: KEYS.publicKey, units: bacKan!.units, desks: bacKan!.desks,
        participants: [...bacKan!.participants].sort((a, b) => a.no - b.no), revokedCodes: [], rosterSeq: bacKan!.participants.length,
      });
      expect(await store.getEvent(1)).toEqual(bacKan!.event);
      expect(await store.unitsOf(1)).toEqual(bacKan!.units);
      expect(await store.getPrivateKey(1)).toBe(KEYS.privateKey);
      expect(await store.listEvents()).toEqual(EVENTS.map(({ event }) => ({ id: event.id, name: event.name, venue: event.venue, date: event.date }))
        .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id));
      const reopened = await harness!.reopen();
      expect(await reopened.isEmpty()).toBe(false);
      expect(await reopened.getPackage(1)).toEqual(pkg);
    });

    it('answers unit and participant lookups, undefined for unknown ids', async () => {
      const store = await use(seeded(open));
      expect((await store.getUnit(1, 2))?.name).toBe('Công an thành phố');
      expect(await store.getUnit(1, 999)).toBeUndefined();
      expect(await store.getUnit(999, 1)).toBeUndefined();
      const police = await store.participantsOfUnit(1, 2);
      expect(police).toEqual(EVENTS[0]!.participants.filter((p) => p.unitId === 2));
      expect(await store.getParticipant(1, police[0]!.no)).toEqual(police[0]);
      expect(await store.getParticipant(1, 999_999)).toBeUndefined();
      expect(await store.getPrivateKey(999)).toBeUndefined();
    });

    it('keeps the birth year a roster gives, only where it gives one, on every read a desk is sent', async () => {
      const store = await use(open());
      const [first, second] = [...EVENTS[0]!.participants].sort((a, b) => a.no - b.no);
      const withYear = { ...first!, birthYear: 1990 };
      await store.createEvent({ ...EVENTS[0]!, participants: EVENTS[0]!.participants.map((p) => (p.no === first!.no ? withYear : p)) });
      const pkg = EventPackage.parse(await store.getPackage(1));
      expect(pkg.participants.slice(0, 2)).toEqual([withYear, second]);
      expect(pkg.participants[1]).not.toHaveProperty('birthYear');
      expect(await store.getParticipant(1, first!.no)).toEqual(withYear);
      expect(await store.participantsOfUnit(1, first!.unitId)).toContainEqual(withYear);
      expect((await store.rosterChangesAfter(1, 0, 100_000)).changes.find((c) => c.no === first!.no)?.participant).toEqual(withYear);
    });

    it('creates an event all or nothing', async () => {
      const store = await use(open());
      const broken = { ...EVENTS[0]!, participants: [{ no: 1, name: 'Lê Thị Hoa', phone: '', unitId: 999, category: DONOR }] };
      await expect(Promise.resolve().then(() => store.createEvent(broken))).rejects.toThrow();
      expect(await store.isEmpty()).toBe(true);
      expect(await store.getEvent(1)).toBeUndefined();
    });

    it('revokes a code by bumping the package version', async () => {
      const store = await use(seeded(open));
      expect(await store.revokeCode(1, 5)).toBe(true);
      expect(await store.revokeCode(1, 5)).toBe(true);
      expect(await store.revokeCode(999, 5)).toBe(false);
      const pkg = await store.getPackage(1);
      expect(pkg?.revokedCodes).toEqual([5]);
      expect(pkg?.version).toBe(3);
    });

    it('keeps a roster change log a desk catches up from, per event, in pages', async () => {
      const store = await use(seeded(open));
      const pkg = (await store.getPackage(1))!;
      expect(pkg.rosterSeq).toBeGreaterThan(0);
      const all = await store.rosterChangesAfter(1, 0, 100_000);
      expect(all.rosterSeq).toBe(pkg.rosterSeq);
      expect(all.changes.map((c) => c.participant)).toEqual(pkg.participants);
      expect(all.changes.map((c) => c.no)).toEqual(pkg.participants.map((p) => p.no));
      const seqs = all.changes.map((c) => c.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const other = await store.rosterChangesAfter(2, 0, 100_000);
      expect(other.changes).toHaveLength(EVENTS[1]!.participants.length);
      const page = await store.rosterChangesAfter(1, seqs[9]!, 5);
      expect(page.changes.map((c) => c.seq)).toEqual(seqs.slice(10, 15));
      expect(await store.rosterChangesAfter(1, pkg.rosterSeq!, 10)).toEqual({ changes: [], rosterSeq: pkg.rosterSeq });
      // Re-issuing a code changes the package, not the roster.
      await store.revokeCode(1, 5);
      expect((await store.getPackage(1))?.rosterSeq).toBe(pkg.rosterSeq);
      expect(await store.rosterChangesAfter(999, 0, 10)).toEqual({ changes: [], rosterSeq: 0 });
    });

    it('stores a batch whole or not at all, idempotent on the fact id', async () => {
      const store = await use(seeded(open));
      const good = ['1', '2', '3'].map((no) => admit(1, no));
      const broken = { ...good[0]!, id: '01900000-0000-7000-8000-0000000000ff', kind: 'bogus' } as unknown as Fact;
      await expect(Promise.resolve().then(() => store.ingestFacts(1, [...good, broken], T))).rejects.toThrow(/check constraint/i);
      expect(await store.factsOf(1)).toEqual({ facts: [], cursor: 0 });
      expect(await store.ingestFacts(1, [...good, good[0]!], T)).toEqual({ stored: good.map((f) => f.id), inserted: 3, cursor: 3 });
      const more = admit(2, '4');
      const second = await store.ingestFacts(1, [good[1]!, more], T + 5);
      expect(second).toMatchObject({ stored: [good[1]!.id, more.id], inserted: 1 });
      // Seqs only grow; SQLite may skip numbers (an ignored insert uses one up), so gaps are allowed.
      const { facts, cursor } = await store.factsOf(1);
      expect(cursor).toBe(second.cursor);
      expect(facts.map((f) => [f.id, f.receivedAt])).toEqual([[good[0]!.id, T], [good[1]!.id, T], [good[2]!.id, T], [more.id, T + 5]]);
      expect(facts.map((f) => f.seq).slice(0, 3)).toEqual([1, 2, 3]);
      expect(facts[3]!.seq).toBe(cursor);
      expect(cursor).toBeGreaterThan(3);
    });

    it('gives back every field of a fact as it was sent', async () => {
      const store = await use(seeded(open));
      const walkIn: AdmitFact = {
        ...admit(3, 'w:01900000-0000-7000-8000-000000000001', 5), method: 'walk-in', clockOffsetMs: -1234, unitId: 2,
        walkIn: { name: 'Nguyễn Văn Thêm', unitId: 2, category: DONOR, phone: '0912345678' },
      };
      const undo = voidFact(desk(4), walkIn, T + 7 * 60_000);
      const flagged: AdmitFact = { ...admit(3, '77', 6), checkpoint: 'donated', method: 'lookup', unknown: true };
      await store.ingestFacts(1, [walkIn, undo, flagged], T + 9);
      const facts = await store.factsAfter(1, 0, 10);
      expect(facts).toEqual([
        { ...walkIn, seq: 1, receivedAt: T + 9 }, { ...undo, seq: 2, receivedAt: T + 9 }, { ...flagged, seq: 3, receivedAt: T + 9 },
      ]);
    });

    it('flags admissions of code numbers off the roster, never walk-ins or undos', async () => {
      const store = await use(seeded(open));
      const roster = EVENTS[0]!.participants.length;
      const onRoster = admit(1, '12');
      const padded = admit(1, '0000000013');
      const offRoster = admit(1, String(roster + 50));
      const notANumber = admit(1, 'abc');
      const tooLong = admit(1, '12345678901');
      const walkIn = admit(1, 'w:01900000-0000-7000-8000-000000000002');
      const undoOff = voidFact(desk(1), offRoster, T + 1);
      await store.ingestFacts(1, [onRoster, padded, offRoster, notANumber, tooLong, walkIn, undoOff], T);
      const unknown = Object.fromEntries((await store.factsOf(1)).facts.map((f) => [f.id, f.kind === 'admit' && f.unknown === true]));
      expect(unknown).toEqual({
        [onRoster.id]: false, [padded.id]: false, [offRoster.id]: true, [notANumber.id]: true, [tooLong.id]: true,
        [walkIn.id]: false, [undoOff.id]: false,
      });
    });

    it('derives duplicates exactly, whatever order the facts arrive in, and recomputes after a void', async () => {
      const store = await use(seeded(open));
      const [late, early, middle] = [admit(1, '9', 30), admit(2, '9', 10), admit(3, '9', 20)];
      const other = { ...admit(1, '9', 5), checkpoint: 'donated' as const };
      // One registry across the pushes, as the server holds it: it catches up from the log after each.
      const tallies = new EventTallies(store);
      const flags = async () => {
        const facts = (await store.factsAfter(1, 0, 100)).filter((f) => f.kind === 'admit');
        // The store holds facts only; which one is a duplicate is derived above it (domain/standing.ts).
        expect(facts.some((f) => 'duplicate' in f)).toBe(false);
        const derived = await tallies.duplicates(1, facts);
        return Object.fromEntries(facts.map((f, i) => [f.id, derived[i]]));
      };
      for (const fact of [late, early, middle, other]) { await store.ingestFacts(1, [fact], T); await flags(); }
      expect(await flags()).toEqual({ [late.id]: true, [early.id]: false, [middle.id]: true, [other.id]: false });
      await store.ingestFacts(1, [voidFact(desk(2), early, T + 40 * 60_000)], T);
      expect(await flags()).toEqual({ [late.id]: true, [early.id]: false, [middle.id]: false, [other.id]: false });
    });

    it('derives duplicates within one batch the same as across batches, ties broken by id', async () => {
      const store = await use(seeded(open));
      const same = [admit(1, '8', 10), admit(2, '8', 10), admit(3, '8', 10)];
      const byId = [...same].sort((a, b) => (a.id < b.id ? -1 : 1));
      await store.ingestFacts(1, [same[2]!, same[0]!, same[1]!], T);
      const { facts } = await store.factsOf(1);
      const derived = await new EventTallies(store).duplicates(1, facts);
      const flags = Object.fromEntries(facts.map((f, i) => [f.id, derived[i]]));
      expect(flags).toEqual({ [byId[0]!.id]: false, [byId[1]!.id]: true, [byId[2]!.id]: true });
    });

    it('keeps a void that arrives before its admission, and the admission then never stands', async () => {
      const store = await use(seeded(open));
      const first = admit(1, '4');
      const second = admit(2, '4', 1);
      await store.ingestFacts(1, [voidFact(desk(1), first, T + 1000), second], T);
      await store.ingestFacts(1, [first], T);
      const stored = await store.factsOf(1);
      expect(stored.cursor).toBe(3);
      const derived = await new EventTallies(store).duplicates(1, stored.facts);
      expect(derived[stored.facts.findIndex((f) => f.id === second.id)]).toBe(false);
      expect(derived[stored.facts.findIndex((f) => f.id === first.id)]).toBe(false);
    });

    it('keeps each event its own log: the same fact id in two events is two facts (issue 13)', async () => {
      const store = await use(seeded(open));
      const fact = admit(1, '3');
      await store.ingestFacts(1, [fact], T);
      const twin = { ...admitFact(desk(1, 2), { personKey: '5', unitId: 1, category: 'Giáo viên', deviceTime: T }), id: fact.id };
      const own = admitFact(desk(1, 2), { personKey: '3', unitId: 1, category: 'Giáo viên', deviceTime: T });
      const result = await store.ingestFacts(2, [twin, own], T);
      expect(result.stored).toEqual([fact.id, own.id]);
      expect(result.inserted).toBe(2);
      expect((await store.factsOf(2)).facts.map((f) => [f.id, f.personKey])).toEqual([[fact.id, '5'], [own.id, '3']]);
      expect((await store.factsOf(1)).facts.map((f) => [f.id, f.personKey])).toEqual([[fact.id, '3']]);
      // Replayed, each is held in its own event only.
      const again = await store.ingestFacts(2, [twin], T);
      expect(again).toEqual({ stored: [fact.id], inserted: 0, cursor: result.cursor });
      expect((await store.ingestFacts(1, [fact], T)).inserted).toBe(0);
      expect((await store.factsByIds(1, [fact.id])).map((f) => f.personKey)).toEqual(['3']);
      expect((await store.factsByIds(2, [fact.id])).map((f) => f.personKey)).toEqual(['5']);
      // A review flag under the shared id belongs to one event.
      await store.addFactReviews(2, [{ factId: fact.id, reason: 'unverified', flaggedAt: T }]);
      expect(await store.factReviews(1)).toEqual([]);
      expect((await store.factReviews(2)).map((r) => r.factId)).toEqual([fact.id]);
      expect(await store.factsAfter(1, (await store.factsOf(1)).cursor, 10)).toEqual([]);
    });

    it('pages the log in seq order from a cursor', async () => {
      const store = await use(seeded(open));
      const facts = Array.from({ length: 25 }, (_, i) => admit(i % 5, String(i + 1), i));
      for (let b = 0; b < 25; b += 10) await store.ingestFacts(1, facts.slice(b, b + 10), T + b);
      const { facts: all, cursor } = await store.factsOf(1);
      expect(all.map((f) => f.id)).toEqual(facts.map((f) => f.id));
      const pages = [];
      for (let after = 0; ;) {
        const page = await store.factsAfter(1, after, 7);
        if (page.length === 0) break;
        pages.push(page.length);
        after = page.at(-1)!.seq;
      }
      expect(pages).toEqual([7, 7, 7, 4]);
      expect(await store.factsAfter(1, cursor, 7)).toEqual([]);
    });

    it('stores concurrent batches each whole, with distinct seqs in the order they committed', async () => {
      const store = await use(seeded(open));
      const batches = Array.from({ length: 12 }, (_, d) => Array.from({ length: 40 }, (_, i) => admit(d, String(1 + ((d * 41 + i) % 500)), i)));
      const results = await Promise.all([...batches, ...batches.slice(0, 4)].map((batch) => store.ingestFacts(1, batch, T)));
      expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(12 * 40);
      results.forEach((r, i) => expect(r.stored).toEqual(batches[i % 12]!.map((f) => f.id)));
      const { facts, cursor } = await store.factsOf(1);
      expect(facts).toHaveLength(480);
      expect(new Set(facts.map((f) => f.seq)).size).toBe(480);
      expect(cursor).toBe(Math.max(...results.map((r) => r.cursor)));
      // Each batch's facts are contiguous in seq order: no batch was interleaved with another.
      const batchOf = new Map(batches.flatMap((b, i) => b.map((f) => [f.id, i] as const)));
      const runs = facts.map((f) => batchOf.get(f.id)).filter((b, i, all) => i === 0 || b !== all[i - 1]);
      expect(runs).toHaveLength(12);
    });
  });
  describeAccessContract(engine, open);
  describeRosterContract(engine, open);
  describeEditContract(engine, open);
  describeClaimsContract(engine, open);
}
