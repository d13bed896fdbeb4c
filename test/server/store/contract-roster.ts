// The Store contract, roster changes: imports against a version, QR masks, re-issued codes,
// self-registration and walk-ins. Each is checked by what it stored (the roster, the package
// version, the change log, the facts) and refusals by what they left alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact } from '../../../src/shared/schemas.ts';
import type { NewParticipant, Store } from '../../../src/server/store/store.ts';
import { admitFact } from '../../support/sync-session.ts';
import { desk, EVENTS, seeded, T, type OpenStore, type StoreHarness } from './contract.ts';

const DONOR = 'Người hiến máu';
const person = (n: number, extra: Partial<NewParticipant> = {}): NewParticipant =>
  ({ name: `Người mới ${n}`, phone: `09120000${String(n).padStart(2, '0')}`, unitId: 13, category: DONOR, ...extra });
/** The person as desks receive them: the birth year when the roster had one, never the ID number. */
const asParticipant = (no: number, p: NewParticipant) => ({
  no, name: p.name, phone: p.phone, unitId: p.unitId, category: p.category, ...(p.birthYear === undefined ? {} : { birthYear: p.birthYear }),
});
/** The `registered` fact the public page makes for a new code number. */
const registered = (no: number, unitId = 13): Fact =>
  admitFact({ eventId: 1, deviceId: 'tu-dang-ky', deskId: 'online' }, { personKey: String(no), unitId, category: DONOR, checkpoint: 'registered', method: 'lookup', deviceTime: T });

/** Registers the roster part of the contract (called by describeStoreContract). */
export function describeRosterContract(engine: string, open: OpenStore): void {
  /** The first code number after Bắc Kạn's roster (read here: EVENTS is not built while modules load). */
  const NEXT = EVENTS[0]!.participants.length + 1;
  describe(`Store contract: ${engine}, roster changes`, () => {
    let harness: StoreHarness | undefined;
    const use = async (h: Promise<StoreHarness>): Promise<Store> => (harness = await h).store;
    afterEach(async () => {
      await harness?.remove();
      harness = undefined;
    });

    it('imports people under fresh numbers only against the version the check saw, all or nothing', async () => {
      const store = await use(seeded(open));
      const seq = (await store.getPackage(1))!.rosterSeq!;
      expect(await store.packageVersion(1)).toBe(1);
      expect(await store.packageVersion(999)).toBeUndefined();
      const people = [person(1, { idNumber: '001099012345', birthYear: 1999 }), person(2)];
      expect(await store.importParticipants(1, people, 1)).toEqual({ kind: 'imported', firstNo: NEXT, lastNo: NEXT + 1, version: 2 });
      expect(await store.packageVersion(1)).toBe(2);
      expect(await store.getParticipant(1, NEXT)).toEqual(asParticipant(NEXT, people[0]!));
      expect((await store.rosterIdentities(1)).slice(-3)).toEqual([
        { no: NEXT - 1, name: EVENTS[0]!.participants.at(-1)!.name, phone: EVENTS[0]!.participants.at(-1)!.phone },
        { no: NEXT, name: people[0]!.name, phone: people[0]!.phone, idNumber: '001099012345' },
        { no: NEXT + 1, name: people[1]!.name, phone: people[1]!.phone },
      ]);
      // Desks catch up on exactly the new people, birth year included; the ID number never reaches them.
      const log = await store.rosterChangesAfter(1, seq, 100);
      expect(log.changes.map((c) => [c.no, c.participant])).toEqual([[NEXT, asParticipant(NEXT, people[0]!)], [NEXT + 1, asParticipant(NEXT + 1, people[1]!)]]);
      expect(log.changes[0]!.participant).toMatchObject({ birthYear: 1999 });
      expect((await store.getPackage(1))!.participants.slice(-2)).toEqual([asParticipant(NEXT, people[0]!), asParticipant(NEXT + 1, people[1]!)]);
      expect((await store.participantsByNo(1, [NEXT]))).toEqual([asParticipant(NEXT, people[0]!)]);
      expect(JSON.stringify(await store.getPackage(1))).not.toContain('001099012345');

      // A stale version, an unknown event and a row the database refuses all leave the roster as it was.
      expect(await store.importParticipants(1, [person(3)], 1)).toEqual({ kind: 'version-changed', version: 2 });
      expect(await store.importParticipants(999, [person(3)], 1)).toEqual({ kind: 'event-not-found' });
      await expect(Promise.resolve().then(() => store.importParticipants(1, [person(3), person(4, { unitId: 999 })], 2))).rejects.toThrow();
      expect(await store.packageVersion(1)).toBe(2);
      expect(await store.getParticipant(1, NEXT + 2)).toBeUndefined();
      expect((await store.rosterChangesAfter(1, seq, 100)).changes).toHaveLength(2);
      expect(await store.rosterIdentities(2)).toHaveLength(EVENTS[1]!.participants.length);
    });

    it('lets exactly one of two imports against the same version land', async () => {
      const store = await use(seeded(open));
      const outcomes = await Promise.all([[person(1)], [person(2), person(3)]].map((batch) => store.importParticipants(1, batch, 1)));
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['imported', 'version-changed']);
      expect(outcomes.find((o) => o.kind === 'version-changed')).toEqual({ kind: 'version-changed', version: 2 });
      const landed = outcomes.find((o) => o.kind === 'imported')!;
      expect(await store.packageVersion(1)).toBe(2);
      expect((await store.rosterIdentities(1)).length).toBe(NEXT - 1 + (landed.kind === 'imported' ? landed.lastNo - landed.firstNo + 1 : 0));
    });

    it('keeps chosen QR masks without counting them as roster changes', async () => {
      const store = await use(seeded(open));
      const seq = (await store.getPackage(1))!.rosterSeq!;
      expect(await store.codesWithoutMask(1, 3)).toEqual([1, 2, 3]);
      expect(await store.codeMasks(1, [1, 2, 3])).toEqual(new Map());
      await store.saveCodeMasks(1, new Map([[1, 4], [2, -1], [999_999, 3]]));
      expect(await store.codeMasks(1, [1, 2, 3])).toEqual(new Map([[1, 4], [2, -1]]));
      expect(await store.codeMasks(2, [1, 2])).toEqual(new Map());
      expect(await store.codesWithoutMask(1, 3)).toEqual([3, 4, 5]);
      expect(await store.codesWithoutMask(2, 1)).toEqual([1]);
      expect(await store.rosterChangesAfter(1, seq, 10)).toEqual({ changes: [], rosterSeq: seq });
      expect(await store.packageVersion(1)).toBe(1);
      await store.saveCodeMasks(1, new Map());
      expect(await store.codeMasks(1, [1])).toEqual(new Map([[1, 4]]));
    });

    it('re-issues a lost code under a new number once, moving the ID number to it and keeping the birth year', async () => {
      const store = await use(seeded(open));
      await store.importParticipants(1, [person(1, { idNumber: '001099012345', birthYear: 1988 })], 1);
      const seq = (await store.getPackage(1))!.rosterSeq!;
      expect(await store.reissueCode(1, NEXT)).toEqual({ kind: 'reissued', oldNo: NEXT, no: NEXT + 1, version: 3 });
      expect(await store.getParticipant(1, NEXT + 1)).toEqual(asParticipant(NEXT + 1, person(1, { birthYear: 1988 })));
      expect((await store.rosterIdentities(1)).slice(-2)).toEqual([
        { no: NEXT, name: person(1).name, phone: person(1).phone },
        { no: NEXT + 1, name: person(1).name, phone: person(1).phone, idNumber: '001099012345' },
      ]);
      const pkg = (await store.getPackage(1))!;
      expect(pkg.revokedCodes).toEqual([NEXT]);
      expect(pkg.version).toBe(3);
      expect((await store.rosterChangesAfter(1, seq, 10)).changes.map((c) => c.no)).toContain(NEXT + 1);

      expect(await store.reissueCode(1, NEXT)).toEqual({ kind: 'already-reissued' });
      expect(await store.reissueCode(1, 999_999)).toEqual({ kind: 'not-found' });
      expect(await store.reissueCode(999, 1)).toEqual({ kind: 'not-found' });
      expect(await store.packageVersion(1)).toBe(3);
      expect(await store.getParticipant(1, NEXT + 2)).toBeUndefined();
    });

    it('registers a person with their fact, refusing a taken phone or a full unit and storing nothing then', async () => {
      const store = await use(seeded(open));
      const unit13 = EVENTS[0]!.participants.filter((p) => p.unitId === 13).length;
      let made: Fact | undefined;
      const makeFact = (no: number) => (made = registered(no));
      expect(await store.selfRegister(1, person(1), { makeFact, now: T })).toEqual({ kind: 'registered', no: NEXT, cursor: 1 });
      expect(await store.getParticipant(1, NEXT)).toEqual(asParticipant(NEXT, person(1)));
      // The fact names a number that joined the roster in the same transaction, so it is not flagged.
      expect((await store.factsOf(1)).facts).toEqual([{ ...made!, seq: 1, receivedAt: T }]);
      expect(await store.packageVersion(1)).toBe(2);

      expect(await store.selfRegister(1, person(2, { phone: person(1).phone }), { makeFact, now: T })).toEqual({ kind: 'phone-taken' });
      expect(await store.selfRegister(1, person(2), { cap: unit13 + 1, makeFact, now: T })).toEqual({ kind: 'unit-full' });
      expect(await store.selfRegister(999, person(2), { makeFact, now: T })).toEqual({ kind: 'event-not-found' });
      expect((await store.factsOf(1)).cursor).toBe(1);
      expect(await store.getParticipant(1, NEXT + 1)).toBeUndefined();
      expect(await store.packageVersion(1)).toBe(2);

      // A re-issued code leaves a voided copy behind, which does not take a place.
      await store.reissueCode(1, NEXT);
      expect(await store.selfRegister(1, person(2), { cap: unit13 + 2, makeFact, now: T })).toEqual({ kind: 'registered', no: NEXT + 2, cursor: 2 });
      expect(await store.selfRegister(1, person(3), { cap: unit13 + 2, makeFact, now: T })).toEqual({ kind: 'unit-full' });
    });

    it('lets one of two people racing for the last place in a unit in', async () => {
      const store = await use(seeded(open));
      const cap = EVENTS[0]!.participants.filter((p) => p.unitId === 13).length + 1;
      const outcomes = await Promise.all([1, 2, 3].map((n) => store.selfRegister(1, person(n), { cap, makeFact: (no) => registered(no), now: T })));
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['registered', 'unit-full', 'unit-full']);
      expect(await store.participantsOfUnit(1, 13)).toHaveLength(cap);
      expect((await store.factsOf(1)).facts).toHaveLength(1);
    });

    it('resolves a walk-in by adopting them or by a number already on the roster, with their facts', async () => {
      const store = await use(seeded(open));
      const seq = (await store.getPackage(1))!.rosterSeq!;
      const rekey = (p: { no: number; unitId: number; category: string }) =>
        [admitFact(desk(2), { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T })];
      let facts: Fact[] = [];
      const makeFacts = (p: { no: number; unitId: number; category: string }) => (facts = rekey(p));
      expect(await store.resolveWalkIn(1, { adopt: person(1, { unitId: 2 }) }, { makeFacts, now: T })).toEqual({ no: NEXT, cursor: 1 });
      expect(await store.getParticipant(1, NEXT)).toEqual(asParticipant(NEXT, person(1, { unitId: 2 })));
      expect((await store.factsOf(1)).facts).toEqual(facts.map((f, i) => ({ ...f, seq: i + 1, receivedAt: T })));
      expect(facts[0]).toMatchObject({ personKey: String(NEXT), unitId: 2 });
      expect(await store.packageVersion(1)).toBe(2);
      expect((await store.rosterChangesAfter(1, seq, 10)).changes.map((c) => c.no)).toEqual([NEXT]);

      expect(await store.resolveWalkIn(1, { no: 12 }, { makeFacts, now: T + 1 })).toEqual({ no: 12, cursor: 2 });
      expect(facts[0]).toMatchObject({ personKey: '12', unitId: EVENTS[0]!.participants.find((p) => p.no === 12)!.unitId });
      expect(await store.packageVersion(1)).toBe(2);

      expect(await store.resolveWalkIn(1, { no: 999_999 }, { makeFacts, now: T })).toBeUndefined();
      expect(await store.resolveWalkIn(999, { adopt: person(2) }, { makeFacts, now: T })).toBeUndefined();
      expect((await store.factsOf(1)).cursor).toBe(2);
      expect(await store.getParticipant(1, NEXT + 1)).toBeUndefined();
      expect((await store.rosterChangesAfter(1, seq, 10)).changes).toHaveLength(1);
    });
  });
}
