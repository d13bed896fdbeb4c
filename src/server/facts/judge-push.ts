// Gathers what the claim rules compare against (one read each: desks, roster entries, held
// facts, code signatures), judges the batch, and keeps the review flags before the facts.
import type { ClaimStore } from '../store/store.ts';
import type { Fact } from '../../shared/schemas.ts';
import { judgeFacts, namesIn, type Judgement } from './claims.ts';
import type { CodeChecker } from './code-check.ts';

/** Who sent the batch: a desk's device (its facts must be its own) or a coordinator's import. */
export interface PushSource {
  eventId: number;
  deviceId?: string;
  now: number;
  /** The moment device times are judged against: `now` for a push, the export time for a desk file. */
  clockAt?: number;
}

/**
 * Judges raw facts against the store. Review flags are written here, before the facts: a crash
 * in between leaves a flag on a fact not yet stored (listed only once it is), never a stored
 * fact without its flag; the resent batch writes the same flags again, ignored as held.
 */
export async function judgePush(store: ClaimStore, codes: CodeChecker, raws: readonly unknown[], source: PushSource): Promise<Judgement> {
  const names = namesIn(raws);
  const [deskIds, people, held, verified] = await Promise.all([
    store.deskIdsOf(source.eventId),
    store.participantsByNo(source.eventId, names.nos),
    store.factsByIds(source.eventId, names.ids),
    codes.check(source.eventId, names.codes),
  ]);
  const judgement = judgeFacts(raws, {
    eventId: source.eventId, deviceId: source.deviceId, deskIds: new Set(deskIds),
    roster: new Map(people.map((p) => [p.no, p])), held: new Map<string, Fact>(held.map((f) => [f.id, f])),
    codes: verified, now: source.now, clockAt: source.clockAt ?? source.now,
  });
  if (judgement.reviews.length > 0) await store.addFactReviews(source.eventId, judgement.reviews);
  return judgement;
}
