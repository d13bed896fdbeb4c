// Writing a downloaded package: the staging area of a roster download in progress, and the
// install that swaps a complete package in. Only src/sync/package-download.ts (a lazy chunk)
// uses these, so they stay off the desk shell.
import type { Participant } from '../shared/schemas.ts';
import { asStorageError, type DeskDb, type StoredPackage } from './db.ts';
import { downloadKey, getSetting, putSetting } from './settings.ts';

/** Where a roster download stands: the package version its pages belong to and the next page's `after`. */
export interface DownloadState { version: number; after: number }

const stagedRows = (db: DeskDb, eventId: number) =>
  db.rosterStaging.where('[eventId+no]').between([eventId, -Infinity], [eventId, Infinity]);

/** The download in progress for an event, if any. */
export async function downloadState(db: DeskDb, eventId: number): Promise<DownloadState | undefined> {
  return getSetting<DownloadState>(db, downloadKey(eventId));
}

/** Starts the download of `version` afresh: pages of an older version must not be mixed in. */
export async function restartDownload(db: DeskDb, eventId: number, version: number): Promise<DownloadState> {
  const state: DownloadState = { version, after: 0 };
  await db.transaction('rw', db.rosterStaging, db.settings, async () => {
    await stagedRows(db, eventId).delete();
    await putSetting(db, downloadKey(eventId), state);
  });
  return state;
}

/** Keeps one roster page. The page and the resume point move together: a cut download resumes at the next page. */
export async function stagePage(db: DeskDb, eventId: number, participants: readonly Participant[], next: DownloadState): Promise<void> {
  try {
    await db.transaction('rw', db.rosterStaging, db.settings, async () => {
      await db.rosterStaging.bulkPut(participants.map((p) => ({ ...p, eventId })));
      await putSetting(db, downloadKey(eventId), next);
    });
  } catch (error) {
    throw asStorageError(error);
  }
}

/** The roster pages kept so far, in code-number order. */
export async function stagedParticipants(db: DeskDb, eventId: number): Promise<Participant[]> {
  const staged = await stagedRows(db, eventId).toArray();
  return staged.map(({ eventId: _eventId, ...person }) => person);
}

/** Swaps a complete package in and clears its staging area, in one transaction: never half-installed. */
export async function installPackage(db: DeskDb, row: StoredPackage): Promise<void> {
  try {
    await db.transaction('rw', db.packages, db.rosterStaging, db.settings, async () => {
      await db.packages.put(row);
      await stagedRows(db, row.eventId).delete();
      await db.settings.delete(downloadKey(row.eventId));
    });
  } catch (error) {
    throw asStorageError(error);
  }
}

/** Stores a package brought up to date by a roster delta; no staging was involved. */
export async function savePackage(db: DeskDb, row: StoredPackage): Promise<void> {
  try {
    await db.packages.put(row);
  } catch (error) {
    throw asStorageError(error);
  }
}
