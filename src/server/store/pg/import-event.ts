// Writes one whole event, as exported from the embedded store, into PostgreSQL: the event and
// its roster (with the server-only ID numbers, chosen QR masks and origins), keys, devices (with
// their token hashes, so paired desks keep working), unit leaders' share links, the
// self-registration settings and the check-in log with its seqs and flags. All in one
// transaction; an existing event is refused.
import type { PoolClient } from 'pg';
import type { RegistrationSettings } from '../../../shared/event-setup.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { CoordinatorRecord, DeviceRecord, NewEvent, ShareLinkRecord } from '../store.ts';
import type { FactReview } from '../../../shared/fact-review.ts';

/** What the roster holds beyond what desks see, for one code number. */
export interface RosterExtra { no: number; idNumber: string | null; qrMask: number | null; origin: string }

/** Everything the embedded store holds about one event, plus the accounts that can manage it. */
export interface EventDump {
  event: NewEvent;
  /** The package version (bumped by each re-issued code); desks compare it. */
  version: number;
  /** The roster change log's latest seq for the event; desks catch up from what they were given. */
  rosterSeq: number;
  revokedCodes: number[];
  facts: ServerFact[];
  devices: Array<DeviceRecord & { tokenHash: string }>;
  coordinators: Array<CoordinatorRecord & { createdAt: number }>;
  /** One entry per participant; a person's code number stays, and so does what they were given. */
  rosterExtras: RosterExtra[];
  /** Oldest first, with their token hashes, so leaders' links keep working. */
  shareLinks: Array<ShareLinkRecord & { tokenHash: string }>;
  registration: RegistrationSettings;
  /** Review flags on the event's facts (server/facts); absent in dumps from before them. */
  reviews?: FactReview[];
}

/** What an import wrote; accounts the target already had are left as they are. */
export interface ImportSummary { facts: number; devices: number; participants: number; coordinatorsAdded: number }

/** Thrown when the target already has the event: moving twice must not merge two histories. */
export class EventExistsError extends Error {
  constructor(eventId: number) {
    super(`event ${eventId} already exists in the target database; nothing was written`);
  }
}

async function insertFacts(client: PoolClient, eventId: number, facts: readonly ServerFact[]): Promise<void> {
  const rows = facts.map((f) => ({
    seq: f.seq, id: f.id, kind: f.kind, person_key: f.personKey, unit_id: f.unitId, category: f.category,
    checkpoint: f.checkpoint, method: f.method, device_id: f.deviceId, desk_id: f.deskId, device_time: f.deviceTime,
    clock_offset_ms: f.clockOffsetMs, voids: f.kind === 'void' ? f.voids : null, walk_in: f.kind === 'admit' ? f.walkIn ?? null : null,
    unknown: f.kind === 'admit' && f.unknown === true,
    received_at: f.receivedAt,
  }));
  // In slices, so a campaign-sized log never becomes one giant parameter.
  for (let i = 0; i < rows.length; i += 5000) {
    await client.query(`INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method,
        device_id, desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      SELECT $1::bigint, r.* FROM jsonb_to_recordset($2::jsonb) AS r(seq bigint, id text, kind text, person_key text,
        unit_id bigint, category text, checkpoint text, method text, device_id text, desk_id text, device_time bigint,
        clock_offset_ms bigint, voids text, walk_in jsonb, unknown boolean, received_at bigint)`,
    [eventId, JSON.stringify(rows.slice(i, i + 5000))]);
  }
  const last = facts.reduce((max, f) => Math.max(max, f.seq), 0);
  await client.query('UPDATE fact_cursors SET last_seq = $2 WHERE event_id = $1', [eventId, last]);
}

async function insertDevices(client: PoolClient, eventId: number, devices: EventDump['devices']): Promise<void> {
  for (const d of devices) {
    await client.query(`INSERT INTO devices (id, event_id, desk_id, name, token_hash, created_at, last_seen, app_version, pending, revoked_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [d.id, eventId, d.deskId, d.name, d.tokenHash, d.createdAt,
      d.lastSeen ?? null, d.appVersion ?? null, d.pending, d.revokedAt ?? null]);
  }
}

/**
 * Desks keep the roster seq the old server gave them and ask for changes after it. Inserting the
 * roster logs one change per person; the shared sequence is first moved up so those seqs end at
 * (or, when other events already went further, beyond) the old seq, never below it, so a change
 * made after the move is never hidden from a desk.
 */
async function continueRosterLog(client: PoolClient, dump: EventDump): Promise<void> {
  await client.query(`SELECT setval(s, GREATEST(nextval(s), $1::bigint)) FROM pg_get_serial_sequence('roster_changes', 'seq') AS s`,
    [dump.rosterSeq - dump.event.participants.length]);
}

/** Server-only columns are outside the change-log trigger's list, so this adds no roster changes. */
async function updateRosterExtras(client: PoolClient, eventId: number, extras: readonly RosterExtra[]): Promise<void> {
  await client.query(`UPDATE participants p SET id_number = x.id_number, qr_mask = x.qr_mask, origin = x.origin
    FROM unnest($2::bigint[], $3::text[], $4::int[], $5::text[]) AS x(no, id_number, qr_mask, origin)
    WHERE p.event_id = $1 AND p.no = x.no`, [eventId, extras.map((x) => x.no), extras.map((x) => x.idNumber),
    extras.map((x) => x.qrMask), extras.map((x) => x.origin)]);
}

async function insertShareLinksAndRegistration(client: PoolClient, eventId: number, dump: EventDump): Promise<void> {
  for (const l of dump.shareLinks) {
    await client.query('INSERT INTO share_links (id, event_id, unit_id, token_hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [l.id, eventId, l.unitId, l.tokenHash, l.createdAt, l.revokedAt ?? null]);
  }
  const r = dump.registration;
  await client.query('INSERT INTO registration (event_id, open, closes_at, caps) VALUES ($1, $2, $3, $4::jsonb)',
    [eventId, r.open, r.closesAt ?? null, JSON.stringify(r.caps)]);
}

async function insertReviews(client: PoolClient, eventId: number, reviews: readonly FactReview[]): Promise<void> {
  await client.query(`INSERT INTO fact_reviews (event_id, fact_id, reason, claimed_unit_id, claimed_category, flagged_at)
    SELECT $1::bigint, r.fact_id, r.reason, r.claimed_unit_id, r.claimed_category, r.flagged_at
    FROM jsonb_to_recordset($2::jsonb) AS r(fact_id text, reason text, claimed_unit_id bigint, claimed_category text, flagged_at bigint)`,
  [eventId, JSON.stringify(reviews.map((r) => ({
    fact_id: r.factId, reason: r.reason, claimed_unit_id: r.claimedUnitId ?? null, claimed_category: r.claimedCategory ?? null, flagged_at: r.flaggedAt,
  })))]);
}

async function insertCoordinators(client: PoolClient, accounts: EventDump['coordinators']): Promise<number> {
  let added = 0;
  for (const a of accounts) {
    const result = await client.query(`INSERT INTO coordinators (username, password_hash, password_salt, created_at)
      VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING`, [a.username, a.passwordHash ?? null, a.passwordSalt ?? null, a.createdAt]);
    added += result.rowCount ?? 0;
  }
  return added;
}

/**
 * Imports inside the caller's transaction. `insertEvent` is PgStore's own event writer, so the
 * roster lands exactly as createEvent would have stored it.
 */
export async function importEventDump(client: PoolClient, dump: EventDump,
  insertEvent: (client: PoolClient, event: NewEvent) => Promise<void>): Promise<ImportSummary> {
  const eventId = dump.event.event.id;
  // Lock out a concurrent import of the same event, then refuse if it is already there.
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [0x6464, eventId]);
  const exists = await client.query('SELECT 1 FROM events WHERE id = $1', [eventId]);
  if (exists.rowCount !== 0) throw new EventExistsError(eventId);
  await continueRosterLog(client, dump);
  await insertEvent(client, dump.event);
  await client.query('UPDATE events SET version = $2 WHERE id = $1', [eventId, dump.version]);
  await client.query('INSERT INTO revoked_codes (event_id, no) SELECT $1::bigint, unnest($2::bigint[])', [eventId, dump.revokedCodes]);
  await insertFacts(client, eventId, dump.facts);
  await insertDevices(client, eventId, dump.devices);
  await updateRosterExtras(client, eventId, dump.rosterExtras);
  await insertShareLinksAndRegistration(client, eventId, dump);
  if (dump.reviews?.length) await insertReviews(client, eventId, dump.reviews);
  const coordinatorsAdded = await insertCoordinators(client, dump.coordinators);
  return { facts: dump.facts.length, devices: dump.devices.length, participants: dump.event.participants.length, coordinatorsAdded };
}
