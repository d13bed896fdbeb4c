// Downloading an event package: the small part first (its version), then the roster. A desk
// that already holds the roster fetches only the changes since its cursor; otherwise the roster
// comes in pages, each kept as it arrives, so a download cut halfway resumes at the next page.
// A package whose version has not changed is not downloaded again.
import * as z from 'zod/mini';
import { EventPackage } from '../shared/schemas.ts';
import { ROSTER_CHANGES_LIMIT, RosterChanges, RosterPage, ROSTER_PAGE_LIMIT } from '../shared/sync.ts';
import type { Participant } from '../shared/schemas.ts';
import { requestJson } from './http.ts';
import type { DeskDb, StoredPackage } from '../db/db.ts';
import { loadPackage } from '../db/packages.ts';
import {
  downloadState, installPackage, restartDownload, savePackage, stagedParticipants, stagePage, type DownloadState,
} from '../db/package-staging.ts';

/** Where a package comes from; `token` is sent when the desk is paired. */
export interface PackageSource {
  db: DeskDb;
  eventId: number;
  token?: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  pageSize?: number;
  now?: () => number;
}

async function getJson<T>(source: PackageSource, path: string, schema: z.ZodMiniType<T>): Promise<T> {
  return (await requestJson(`${source.baseUrl ?? ''}${path}`, schema, { token: source.token, fetch: source.fetch })).body;
}

/**
 * Brings the stored package up to the server's version. Returns the new package, or
 * undefined when the stored one is current. Throws when offline; what arrived is kept.
 */
export async function refreshPackage(source: PackageSource): Promise<StoredPackage | undefined> {
  const { db, eventId } = source;
  const meta = await getJson(source, `/api/events/${eventId}/package?roster=none`, EventPackage);
  const stored = await loadPackage(db, eventId);
  if (stored && stored.version === meta.version) return undefined;
  if (stored?.rosterSeq !== undefined && meta.rosterSeq !== undefined) {
    const delta = await fetchChanges(source, stored.rosterSeq);
    if (delta) return installChanges(source, meta, stored, delta);
  }
  let state = await downloadState(db, eventId);
  // A new version: pages of an older one must not be mixed in.
  if (!state || state.version !== meta.version) state = await restartDownload(db, eventId, meta.version);
  for (;;) {
    const page = await getJson(source, `/api/events/${eventId}/roster?after=${state.after}&limit=${source.pageSize ?? ROSTER_PAGE_LIMIT}`, RosterPage);
    if (page.version !== meta.version) throw new Error('package changed during download; retry');
    const next: DownloadState = { version: meta.version, after: page.next ?? state.after };
    // The page and the resume point move together.
    await stagePage(db, eventId, page.participants, next);
    state = next;
    if (page.next === null) break;
  }
  return install(source, meta);
}

/** Deltas longer than this download the roster whole instead (resumable page by page). */
const MAX_DELTA_PAGES = 4;

interface RosterDelta { people: Map<number, Participant | null>; rosterSeq: number }

/** The roster's changes after `after`, latest state per code number; undefined when too many. */
async function fetchChanges(source: PackageSource, after: number): Promise<RosterDelta | undefined> {
  const people = new Map<number, Participant | null>();
  let cursor = after;
  for (let pages = 0; pages < MAX_DELTA_PAGES; pages++) {
    const page = await getJson(source, `/api/events/${source.eventId}/roster/changes?after=${cursor}&limit=${ROSTER_CHANGES_LIMIT}`, RosterChanges);
    for (const change of page.changes) people.set(change.no, change.participant);
    cursor = page.changes.at(-1)?.seq ?? cursor;
    if (!page.more) return { people, rosterSeq: Math.max(cursor, page.rosterSeq) };
  }
  return undefined;
}

/** Applies a delta to the stored roster and installs the new package in one transaction. */
async function installChanges(source: PackageSource, meta: EventPackage, stored: StoredPackage, delta: RosterDelta): Promise<StoredPackage> {
  const byNo = new Map(stored.participants.map((p) => [p.no, p]));
  for (const [no, person] of delta.people) {
    if (person) byNo.set(no, person); else byNo.delete(no);
  }
  const participants = [...byNo.values()].sort((a, b) => a.no - b.no);
  const pkg = EventPackage.parse({ ...meta, participants, rosterSeq: Math.max(delta.rosterSeq, meta.rosterSeq ?? 0) });
  const row: StoredPackage = { ...pkg, eventId: source.eventId, downloadedAt: (source.now ?? Date.now)() };
  await savePackage(source.db, row);
  return row;
}

/** Swaps the complete package in and clears the staging area, in one transaction. */
async function install(source: PackageSource, meta: EventPackage): Promise<StoredPackage> {
  const { db, eventId } = source;
  const participants = await stagedParticipants(db, eventId);
  const pkg = EventPackage.parse({ ...meta, participants });
  const row: StoredPackage = { ...pkg, eventId, downloadedAt: (source.now ?? Date.now)() };
  await installPackage(db, row);
  return row;
}
