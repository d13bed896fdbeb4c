// Other desks' facts pulled from the server, and the cursor that says how far the pull got.
// Pulled facts never get outbox rows: they are the server's already.
import type { Fact } from '../shared/schemas.ts';
import type { DeskDb } from './db.ts';
import { cursorKey, getSetting, putSetting, saveClockOffset } from './settings.ts';

/** How far this device has pulled the event's log; 0 before the first pull. */
export async function pullCursor(db: DeskDb, eventId: number): Promise<number> {
  return (await getSetting<number>(db, cursorKey(eventId))) ?? 0;
}

/**
 * Keeps one pulled page. The facts, the cursor and the clock offset move together in one
 * transaction: an interrupted pull resumes where it stopped. A fact already held is replaced
 * by the same fact, so pulling twice changes nothing.
 */
export async function storePulled(db: DeskDb, eventId: number, page: { facts: readonly Fact[]; cursor: number; clockOffsetMs: number }): Promise<void> {
  await db.transaction('rw', db.facts, db.settings, async () => {
    await db.facts.bulkPut([...page.facts]);
    await putSetting(db, cursorKey(eventId), page.cursor);
    await saveClockOffset(db, page.clockOffsetMs);
  });
}
