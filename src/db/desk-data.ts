// What a desk does with its data around the scan itself: keeps refused scans for its own log,
// merges facts carried in by file, and wipes an event's personal data once the server has it all.
import { v7 as uuidv7 } from 'uuid';
import type { Fact } from '../shared/schemas.ts';
import type { DeskFileImportResult, Rejection, RejectionReason } from '../shared/desk-file.ts';
import type { DeskDb } from './db.ts';
import type { Recorder } from './record.ts';
import { cursorKey, downloadKey, getSetting, pairingKey } from './settings.ts';

/** Longest piece of scanned text kept: enough to recognise what was held up, no more. */
const TEXT_KEPT = 80;

/**
 * Notes a refused scan. Never a fact: nobody was admitted, the tally must not see it, and it is
 * not synced; it makes this desk's scan log complete. Best effort: a failure here never hides a verdict.
 */
export async function recordRejection(rec: Recorder, args: {
  reason: RejectionReason; now: number; codeNo?: number; otherEventId?: number; text?: string;
}): Promise<Rejection | undefined> {
  const row: Rejection = {
    id: uuidv7(), eventId: rec.eventId, reason: args.reason, deviceId: rec.deviceId, deskId: rec.deskId,
    checkpoint: rec.checkpoint, deviceTime: args.now, clockOffsetMs: rec.clockOffsetMs,
    ...(args.codeNo === undefined ? {} : { codeNo: args.codeNo }),
    ...(args.otherEventId === undefined ? {} : { otherEventId: args.otherEventId }),
    ...(args.text === undefined ? {} : { text: args.text.slice(0, TEXT_KEPT) }),
  };
  try {
    await rec.db.rejections.add(row);
    return row;
  } catch {
    return undefined;
  }
}

/** This device's refused scans for the event, oldest first. */
export async function rejectionsOf(db: DeskDb, eventId: number): Promise<Rejection[]> {
  return db.rejections.where('[eventId+deviceTime]').between([eventId, -Infinity], [eventId, Infinity]).toArray();
}

/**
 * Merges facts from a desk file into the log, as a pull does: no outbox rows (the server refuses
 * another device's facts from this token; their own desk or the coordinator sends them).
 * Facts already held are left exactly as they are, so importing twice changes nothing.
 */
export async function importFacts(db: DeskDb, facts: readonly Fact[]): Promise<DeskFileImportResult> {
  return db.transaction('rw', db.facts, async () => {
    const held = await db.facts.bulkGet(facts.map((f) => f.id));
    const fresh = new Map<string, Fact>();
    facts.forEach((f, i) => { if (!held[i]) fresh.set(f.id, f); });
    await db.facts.bulkAdd([...fresh.values()]);
    return { added: fresh.size, alreadyHeld: facts.length - fresh.size };
  });
}

/** Wiping is refused while facts wait for the server; the count says how many. */
export type WipeResult = { wiped: true; facts: number; participants: number } | { wiped: false; pending: number };

/**
 * Deletes the event's personal data from this device (package with its roster, facts, refused
 * scans, quarantined facts, staging, pairing, cursor), only when the outbox is empty: everything recorded here was
 * acknowledged by the server. Checked inside the same transaction as the delete, so a scan
 * recorded meanwhile cannot be lost.
 */
export async function wipeEvent(db: DeskDb, eventId: number): Promise<WipeResult> {
  return db.transaction('rw', [db.packages, db.facts, db.outbox, db.rejections, db.quarantine, db.rosterStaging, db.settings], async () => {
    const pending = await db.outbox.where('eventId').equals(eventId).count();
    if (pending > 0) return { wiped: false, pending };
    const pkg = await db.packages.get(eventId);
    const facts = await db.facts.where('[eventId+deviceTime]').between([eventId, -Infinity], [eventId, Infinity]).delete();
    await db.rejections.where('[eventId+deviceTime]').between([eventId, -Infinity], [eventId, Infinity]).delete();
    // Facts the server refused hold personal data too; the sync file exported before carries them.
    await db.quarantine.where('eventId').equals(eventId).delete();
    await db.rosterStaging.where('[eventId+no]').between([eventId, -Infinity], [eventId, Infinity]).delete();
    await db.packages.delete(eventId);
    await db.settings.bulkDelete([pairingKey(eventId), cursorKey(eventId), downloadKey(eventId)]);
    const setup = await getSetting<{ eventId: number } | null>(db, 'deskSetup');
    if (setup?.eventId === eventId) await db.settings.delete('deskSetup');
    return { wiped: true, facts, participants: pkg?.participants.length ?? 0 };
  });
}
