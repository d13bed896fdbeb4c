// Rows of the PostgreSQL store and the event writer, shared by PgStore and its roster and
// set-up modules, so each maps a row one way only.
import {
  EventInfo, Unit,
} from '../../../shared/schemas.ts';
import type { Queryable } from './pool.ts';
import type { NewEvent } from '../store.ts';

/** An events row as pg returns it (JSONB columns already parsed). */
export interface EventRow {
  id: number; name: string; venue: string; date: string; time_zone: string;
  opens_at: string; arrive_by: string | null; starts_at: string | null;
  checkpoints: unknown; targets: unknown; version: number;
}
/** A units row. */
export interface UnitRow {
  id: number; name: string; grp: string | null; leader_name: string | null;
  leader_phone: string | null; quotas: unknown; slot_from: string | null; slot_to: string | null;
}

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** The event as the schema says, parsed on the way out. */
export function eventFromRow(row: EventRow): EventInfo {
  return EventInfo.parse({
    id: row.id, name: row.name, venue: row.venue, date: row.date, timeZone: row.time_zone,
    opensAt: row.opens_at, arriveBy: orUndefined(row.arrive_by), startsAt: orUndefined(row.starts_at),
    checkpoints: row.checkpoints, targets: row.targets,
  });
}

/** A unit as the schema says, parsed on the way out. */
export function unitFromRow(row: UnitRow): Unit {
  const slot = row.slot_from !== null && row.slot_to !== null ? { from: row.slot_from, to: row.slot_to } : undefined;
  return Unit.parse({
    id: row.id, name: row.name, group: orUndefined(row.grp), leaderName: orUndefined(row.leader_name),
    leaderPhone: orUndefined(row.leader_phone), quotas: row.quotas, slot,
  });
}

/** The participant mapper both engines share, re-exported for the PostgreSQL modules. */
export { PARTICIPANT_COLUMNS, participantFromRow, type ParticipantRow } from '../rows.ts';

/** Inserts an event's rows in bulk (unnest), so a 20,000-person roster is a few statements. */
export async function insertEvent(db: Queryable, { event, units, desks, participants, keys }: NewEvent): Promise<void> {
  await db.query(`INSERT INTO events (id, name, venue, date, time_zone, opens_at, arrive_by, starts_at, checkpoints, targets)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [event.id, event.name, event.venue, event.date, event.timeZone,
    event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints), JSON.stringify(event.targets)]);
  await db.query('INSERT INTO event_keys (event_id, public_key, private_key) VALUES ($1, $2, $3)', [event.id, keys.publicKey, keys.privateKey]);
  await db.query('INSERT INTO fact_cursors (event_id) VALUES ($1)', [event.id]);
  await db.query(`INSERT INTO units (event_id, id, name, grp, leader_name, leader_phone, quotas, slot_from, slot_to)
    SELECT $1::bigint, u.id, u.name, u.grp, u.leader_name, u.leader_phone, u.quotas, u.slot_from, u.slot_to
    FROM jsonb_to_recordset($2::jsonb) AS u(id bigint, name text, grp text, leader_name text, leader_phone text,
      quotas jsonb, slot_from text, slot_to text)`, [event.id, JSON.stringify(units.map((u) => ({
    id: u.id, name: u.name, grp: u.group ?? null, leader_name: u.leaderName ?? null, leader_phone: u.leaderPhone ?? null,
    quotas: u.quotas, slot_from: u.slot?.from ?? null, slot_to: u.slot?.to ?? null,
  })))]);
  await db.query(`INSERT INTO desks (event_id, id, name, position)
    SELECT $1::bigint, d.id, d.name, d.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)`,
  [event.id, desks.map((d) => d.id), desks.map((d) => d.name)]);
  await db.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, birth_year)
    SELECT $1::bigint, p.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::int[]) AS p`,
  [event.id, participants.map((p) => p.no), participants.map((p) => p.name), participants.map((p) => p.phone),
    participants.map((p) => p.unitId), participants.map((p) => p.category), participants.map((p) => p.birthYear ?? null)]);
}

/** The event's latest roster change, 0 before any. */
export async function rosterSeqOf(db: Queryable, eventId: number): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM roster_changes WHERE event_id = $1', [eventId]);
  return rows[0]?.seq ?? 0;
}
