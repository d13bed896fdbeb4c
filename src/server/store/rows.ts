// Row shapes and mappers both store adapters share: the SQLite and PostgreSQL tables have the
// same columns, so a fact, a device or a share link comes back out of either the same way.
import type { RegistrationSettings } from '../../shared/event-setup.ts';
import type { EventSummary, Fact, Participant, WalkIn } from '../../shared/schemas.ts';
import type { DeskReadiness, ServerFact } from '../../shared/sync.ts';
import type { FactReview, ReviewReason } from '../../shared/fact-review.ts';
import type { DeviceRecord, ShareLinkRecord } from './store.ts';

/** A facts row; flags are 0/1 in SQLite and booleans in PostgreSQL, and walk_in is decoded by the caller. */
export interface FactRowBase {
  seq: number; id: string; event_id: number; kind: string; person_key: string; unit_id: number;
  category: string; checkpoint: string; method: string; device_id: string; desk_id: string;
  device_time: number; clock_offset_ms: number; voids: string | null;
  unknown: number | boolean; received_at: number;
}

/** Rows were written from parsed facts, so their enums are trusted on the way back out. */
export function factFromRow(row: FactRowBase, walkIn: WalkIn | null): ServerFact {
  const fields = {
    id: row.id, eventId: row.event_id, personKey: row.person_key,
    unitId: row.unit_id, category: row.category, checkpoint: row.checkpoint as Fact['checkpoint'],
    method: row.method as Fact['method'], deviceId: row.device_id, deskId: row.desk_id,
    deviceTime: row.device_time, clockOffsetMs: row.clock_offset_ms, seq: row.seq, receivedAt: row.received_at,
  };
  // A void row always names its admission (it was parsed as a void on the way in).
  const fact: ServerFact = row.kind === 'void' ? { ...fields, kind: 'void', voids: row.voids ?? '' } : { ...fields, kind: 'admit' };
  if (fact.kind === 'admit' && walkIn) fact.walkIn = walkIn;
  if (fact.kind === 'admit' && row.unknown) fact.unknown = true;
  return fact;
}

/** The participant columns desks see; birth_year is NULL when the roster had no such column. */
export interface ParticipantRow { no: number; name: string; phone: string; unit_id: number; category: string; birth_year: number | null }

/** What participantFromRow reads, in either engine's SQL. */
export const PARTICIPANT_COLUMNS = 'no, name, phone, unit_id, category, birth_year';

/** A participants row as desks receive it. Rosters run to tens of thousands: the package is parsed again at the HTTP edge. */
export function participantFromRow(row: ParticipantRow): Participant {
  const person: Participant = { no: row.no, name: row.name, phone: row.phone, unitId: row.unit_id, category: row.category };
  if (row.birth_year !== null) person.birthYear = row.birth_year;
  return person;
}

/** Walk-ins carry their own key; any other key must be a code number on the event's roster. */
export const isWalkInKey = (personKey: string): boolean => personKey.startsWith('w:');
export const asCodeNumber = (personKey: string): number | undefined =>
  (/^\d{1,10}$/.test(personKey) ? Number(personKey) : undefined);

/** A devices row. */
export interface DeviceRow {
  id: string; event_id: number; desk_id: string; name: string; created_at: number;
  last_seen: number | null; app_version: string | null; pending: number; revoked_at: number | null;
  /** JSON text in SQLite, already parsed from JSONB in PostgreSQL. */
  readiness: string | DeskReadiness | null;
}

export const DEVICE_COLUMNS = 'id, event_id, desk_id, name, created_at, last_seen, app_version, pending, revoked_at, readiness';

export function deviceFromRow(row: DeviceRow): DeviceRecord {
  const device: DeviceRecord = {
    id: row.id, eventId: row.event_id, deskId: row.desk_id, name: row.name, createdAt: row.created_at, pending: row.pending,
  };
  if (row.last_seen !== null) device.lastSeen = row.last_seen;
  if (row.app_version !== null) device.appVersion = row.app_version;
  if (row.revoked_at !== null) device.revokedAt = row.revoked_at;
  if (row.readiness !== null) device.readiness = typeof row.readiness === 'string' ? JSON.parse(row.readiness) as DeskReadiness : row.readiness;
  return device;
}

/** A share_links row. */
export interface ShareRow { id: string; event_id: number; unit_id: number; created_at: number; revoked_at: number | null }

export const SHARE_COLUMNS = 'id, event_id, unit_id, created_at, revoked_at';

export function shareLinkFromRow(row: ShareRow): ShareLinkRecord {
  const link: ShareLinkRecord = { id: row.id, eventId: row.event_id, unitId: row.unit_id, createdAt: row.created_at };
  if (row.revoked_at !== null) link.revokedAt = row.revoked_at;
  return link;
}

/** A registration row: `open` is 0/1 in SQLite and a boolean in PostgreSQL, caps JSON text or already parsed. */
export interface RegistrationRow { open: number | boolean; closes_at: number | null; caps: string | Record<string, number> }

/** An event whose registration was never set up takes none: closed, without caps. */
export function registrationFromRow(row: RegistrationRow | undefined): RegistrationSettings {
  if (!row) return { open: false, caps: {} };
  const caps = typeof row.caps === 'string' ? JSON.parse(row.caps) as Record<string, number> : row.caps;
  return { open: row.open === true || row.open === 1, ...(row.closes_at === null ? {} : { closesAt: row.closes_at }), caps };
}

/** A fact_reviews row. */
export interface ReviewRow { fact_id: string; reason: string; claimed_unit_id: number | null; claimed_category: string | null; flagged_at: number }

/** Turns a fact_reviews row (SQLite or PostgreSQL) back into its shape; reasons were written from the closed list. */
export function reviewFromRow(row: ReviewRow): FactReview {
  const review: FactReview = { factId: row.fact_id, reason: row.reason as ReviewReason, flaggedAt: row.flagged_at };
  if (row.claimed_unit_id !== null) review.claimedUnitId = row.claimed_unit_id;
  if (row.claimed_category !== null) review.claimedCategory = row.claimed_category;
  return review;
}

/** An events row as the picker lists it; `archived_at` is NULL for an event in use (a string from pg's BIGINT). */
export interface SummaryRow { id: number | string; name: string; venue: string; date: string; archived_at: number | string | null }

/** A picker entry: the event, marked archived only when it is. */
export function summaryFromRow(row: SummaryRow): EventSummary {
  const summary = { id: Number(row.id), name: row.name, venue: row.venue, date: row.date };
  return row.archived_at === null ? summary : { ...summary, archived: true };
}
