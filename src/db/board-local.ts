// The tally from this device's own log, for a desk with no network: its package stands in
// for the server's board metadata, and every fact it holds (its own and those it pulled).
import type { BoardMeta } from '../shared/board.ts';
import type { Fact } from '../shared/schemas.ts';
import type { DeskDb } from './db.ts';

/** The board metadata a stored package gives; undefined when the event is not on this device. */
export async function localBoardMeta(db: DeskDb, eventId: number, now: number): Promise<BoardMeta | undefined> {
  const pkg = await db.packages.get(eventId);
  if (!pkg) return undefined;
  const registeredByUnit: Record<string, number> = {};
  for (const p of pkg.participants) registeredByUnit[p.unitId] = (registeredByUnit[p.unitId] ?? 0) + 1;
  return { scope: { kind: 'event' }, version: pkg.version, event: pkg.event, units: pkg.units, desks: pkg.desks, registeredByUnit, serverTime: now };
}

/** Every fact of the event on this device, in time order. */
export function localFacts(db: DeskDb, eventId: number): Promise<Fact[]> {
  return db.facts.where('[eventId+deviceTime]').between([eventId, -Infinity], [eventId, Infinity]).toArray();
}
