// What a desk does with the server's answer to a push: acknowledged facts leave the outbox, and
// refused ones move, whole and with the server's reason, into the quarantine. Nothing is deleted:
// a refused fact is out of the local log (the server will never count it) but kept for the desk's
// files and scan log, and never resent, so it cannot hold back the facts behind it.
import type { RefusedFact } from '../shared/sync.ts';
import type { QuarantinedFact } from '../shared/desk-file.ts';
import type { DeskDb } from './db.ts';
import { saveClockOffset } from './settings.ts';

/** What settling one answer did. */
export interface PushSettled {
  /** Outbox rows the server acknowledged. */
  sent: number;
  /** Facts moved to the quarantine by this answer. */
  quarantined: number;
}

/**
 * Applies a push answer in one transaction: the outbox, the log and the quarantine move together,
 * so a crash leaves either the fact queued or the fact quarantined, never neither.
 * Refusals naming ids not in this event's outbox (an old answer, a stranger's id) change nothing.
 */
export async function settlePush(db: DeskDb, eventId: number, answer: { stored: readonly string[]; refused?: readonly RefusedFact[] },
  at: { now: number; clockOffsetMs: number }): Promise<PushSettled> {
  const { now } = at;
  return db.transaction('rw', [db.outbox, db.facts, db.quarantine, db.settings], async () => {
    await saveClockOffset(db, at.clockOffsetMs);
    await db.outbox.bulkDelete([...answer.stored]);
    const acknowledged = new Set(answer.stored);
    const refused = (answer.refused ?? []).filter((r) => !acknowledged.has(r.id));
    const queued = await db.outbox.bulkGet(refused.map((r) => r.id));
    const facts = await db.facts.bulkGet(refused.map((r) => r.id));
    const rows: QuarantinedFact[] = [];
    refused.forEach((r, i) => {
      const fact = facts[i];
      if (queued[i]?.eventId !== eventId || !fact) return;
      rows.push({ factId: r.id, eventId, fact, reason: r.reason, vi: r.vi, en: r.en, refusedAt: now });
    });
    await db.quarantine.bulkPut(rows);
    await db.outbox.bulkDelete(rows.map((r) => r.factId));
    await db.facts.bulkDelete(rows.map((r) => r.factId));
    return { sent: answer.stored.length, quarantined: rows.length };
  });
}

/** The event's quarantined facts, in the order they were recorded. */
export async function quarantinedOf(db: DeskDb, eventId: number): Promise<QuarantinedFact[]> {
  const rows = await db.quarantine.where('eventId').equals(eventId).toArray();
  return rows.sort((a, b) => a.fact.deviceTime - b.fact.deviceTime || (a.factId < b.factId ? -1 : 1));
}

/** How many of the event's facts the server refused (the desk's notice). */
export async function quarantinedCount(db: DeskDb, eventId: number): Promise<number> {
  return db.quarantine.where('eventId').equals(eventId).count();
}
