// The Store contract, claim lookups (issue 13): what the claim rules read before a push (desks,
// roster entries, held facts), each scoped to its event, and the review flags they keep.
import { afterEach, describe, expect, it } from 'vitest';
import type { FactReview } from '../../../src/shared/fact-review.ts';
import type { Store } from '../../../src/server/store/store.ts';
import { admitFact } from '../../support/sync-session.ts';
import { desk, EVENTS, seeded, T, type OpenStore, type StoreHarness } from './contract.ts';

/** Registers the claims part of the contract (called by describeStoreContract). */
export function describeClaimsContract(engine: string, open: OpenStore): void {
  describe(`Store contract: ${engine}, claim lookups`, () => {
    let harness: StoreHarness | undefined;
    const use = async (h: Promise<StoreHarness>): Promise<Store> => (harness = await h).store;
    afterEach(async () => {
      await harness?.remove();
      harness = undefined;
    });

    it('reads desks, roster entries and held facts of one event only', async () => {
      const store = await use(seeded(open));
      expect(await store.deskIdsOf(1)).toEqual(EVENTS[0]!.desks.map((d) => d.id));
      expect(await store.deskIdsOf(999)).toEqual([]);
      const wanted = EVENTS[0]!.participants.slice(0, 3);
      const found = await store.participantsByNo(1, [...wanted.map((p) => p.no), 9_999_999]);
      expect([...found].sort((a, b) => a.no - b.no)).toEqual(wanted);
      expect(await store.participantsByNo(1, [])).toEqual([]);
      const fact = admitFact(desk(1), { personKey: String(wanted[0]!.no), unitId: wanted[0]!.unitId, category: wanted[0]!.category, deviceTime: T });
      await store.ingestFacts(1, [fact], T);
      const held = await store.factsByIds(1, [fact.id, '00000000-0000-7000-8000-000000000000']);
      expect(held.map((f) => f.id)).toEqual([fact.id]);
      expect(await store.factsByIds(2, [fact.id])).toEqual([]);
    });

    it('keeps review flags once, in the order they were raised, per event', async () => {
      const store = await use(seeded(open));
      const id = '01900000-0000-7000-8000-000000000001';
      const flags: FactReview[] = [
        { factId: id, reason: 'claim-mismatch', claimedUnitId: 7, claimedCategory: 'sai', flaggedAt: T + 1 },
        { factId: id, reason: 'unverified', flaggedAt: T },
      ];
      await store.addFactReviews(1, flags);
      await store.addFactReviews(1, [{ ...flags[0]!, claimedUnitId: 8, flaggedAt: T + 5 }]);
      expect(await store.factReviews(1)).toEqual([flags[1], flags[0]]);
      expect(await store.factReviews(2)).toEqual([]);
      await store.addFactReviews(1, []);
    });
  });
}
