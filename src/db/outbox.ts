// The outbox as sync sees it: the oldest batch to send, and the server's acknowledgement.
// Rows are only ever added by db/record.ts, in the transaction that writes their fact.
import type { Fact } from '../shared/schemas.ts';
import type { DeskDb } from './db.ts';
import { pendingCount } from './record.ts';
import { saveClockOffset } from './settings.ts';

/** The oldest facts waiting for the server, and how many wait in all; undefined when none wait. */
export async function outboxBatch(db: DeskDb, eventId: number, limit: number): Promise<{ facts: Fact[]; total: number } | undefined> {
  const rows = await db.outbox.where('eventId').equals(eventId).limit(limit).toArray();
  if (rows.length === 0) return undefined;
  const facts = (await db.facts.bulkGet(rows.map((r) => r.factId))).filter((f): f is Fact => !!f);
  return { facts, total: await pendingCount(db, eventId) };
}

/**
 * Takes the facts the server says it holds out of the outbox, with the clock offset measured
 * by that request. Only those ids leave: a lost answer or a crash resends the batch.
 */
export async function acknowledge(db: DeskDb, ack: { stored: readonly string[]; clockOffsetMs: number }): Promise<void> {
  await db.transaction('rw', db.outbox, db.settings, async () => {
    await db.outbox.bulkDelete([...ack.stored]);
    await saveClockOffset(db, ack.clockOffsetMs);
  });
}
