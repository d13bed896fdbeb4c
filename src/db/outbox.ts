// The outbox as sync sees it: the oldest batch to send. The server's answer is settled by
// db/quarantine.ts (settlePush), which moves acknowledged and refused facts in one transaction.
// Rows are only ever added by db/record.ts, in the transaction that writes their fact.
import type { Fact } from '../shared/schemas.ts';
import type { DeskDb } from './db.ts';
import { pendingCount } from './record.ts';

/** The oldest facts waiting for the server, and how many wait in all; undefined when none wait. */
export async function outboxBatch(db: DeskDb, eventId: number, limit: number): Promise<{ facts: Fact[]; total: number } | undefined> {
  const rows = await db.outbox.where('eventId').equals(eventId).limit(limit).toArray();
  if (rows.length === 0) return undefined;
  const facts = (await db.facts.bulkGet(rows.map((r) => r.factId))).filter((f): f is Fact => !!f);
  return { facts, total: await pendingCount(db, eventId) };
}
