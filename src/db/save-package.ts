// Validating and storing a downloaded package.
import { EventPackage } from '../shared/schemas.ts';
import { asStorageError, type DeskDb, type StoredPackage } from './db.ts';

/** Validates and stores a package; an invalid one is refused and the stored one kept. */
export async function savePackage(db: DeskDb, raw: unknown, now: number): Promise<StoredPackage> {
  const pkg = EventPackage.parse(raw);
  const row: StoredPackage = { ...pkg, eventId: pkg.event.id, downloadedAt: now };
  try {
    await db.packages.put(row);
  } catch (error) {
    throw asStorageError(error);
  }
  return row;
}
