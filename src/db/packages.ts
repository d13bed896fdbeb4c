// Downloaded event packages, stored whole. Downloading and installing one (which validates)
// is src/sync/package-download.ts, loaded off the desk shell; its writes are package-staging.ts.
import type { DeskDb, StoredPackage } from './db.ts';

/** The package stored for an event, read whole: one read brings the desk back after a restart. */
export async function loadPackage(db: DeskDb, eventId: number): Promise<StoredPackage | undefined> {
  return db.packages.get(eventId);
}

/** Packages on this device, for choosing an event with no network. */
export async function storedEvents(db: DeskDb): Promise<{ id: number; name: string; date: string; venue: string }[]> {
  const rows = await db.packages.toArray();
  return rows.map((p) => ({ id: p.event.id, name: p.event.name, date: p.event.date, venue: p.event.venue }));
}
