// Editing an event in PostgreSQL, with the same rules as sqlite-event-edit.ts: every change bumps
// the package version in its transaction, and nothing here touches the fact log. Where SQLite's
// single writer made "check, then write" safe, the event's row (and, for checks against the log,
// its fact cursor row, which ingest locks too) is locked first, so another process cannot slip a
// check-in or a pairing in between the check and the delete.
import type { Pool, PoolClient } from 'pg';
import type { RegistrationSettings, UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Unit } from '../../../shared/schemas.ts';
import { inTransaction } from './pool.ts';
import { lockedVersion } from './roster.ts';
import type { DeleteUnitOutcome, EventKeys, SaveDesksOutcome } from '../store.ts';

/** Advisory-lock key pair taken while a new event id is chosen, so two processes never pick the same one. */
const NEW_EVENT_LOCK = [0x6465, 1] as const;

/** Thrown inside saveUnit's transaction to roll back the version bump when the unit is unknown. */
class UnitMissing extends Error {}

const bump = async (client: PoolClient, eventId: number): Promise<boolean> =>
  ((await client.query('UPDATE events SET version = version + 1 WHERE id = $1', [eventId])).rowCount ?? 0) > 0;

/** Locks the event's row, then its fact cursor (the order every writer here uses); false for an unknown event. */
async function lockEventAndLog(client: PoolClient, eventId: number): Promise<boolean> {
  if (await lockedVersion(client, eventId) === undefined) return false;
  await client.query('SELECT 1 FROM fact_cursors WHERE event_id = $1 FOR UPDATE', [eventId]);
  return true;
}

/** Event, unit, desk and registration edits for PgStore; one transaction per method. */
export class PgEventEdit {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  addEvent({ event, desks, keys }: { event: Omit<EventInfo, 'id'>; desks: Desk[]; keys: EventKeys }): Promise<number> {
    return inTransaction(this.#pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...NEW_EVENT_LOCK]);
      const { rows } = await client.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM events');
      const id = rows[0]!.id;
      await client.query(`INSERT INTO events (id, name, venue, date, time_zone, opens_at, arrive_by, starts_at, checkpoints, targets)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [id, event.name, event.venue, event.date, event.timeZone, event.opensAt,
        event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints), JSON.stringify(event.targets)]);
      await client.query('INSERT INTO event_keys (event_id, public_key, private_key) VALUES ($1, $2, $3)', [id, keys.publicKey, keys.privateKey]);
      await client.query('INSERT INTO fact_cursors (event_id) VALUES ($1)', [id]);
      await client.query(`INSERT INTO desks (event_id, id, name, position)
        SELECT $1::bigint, d.id, d.name, d.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)`,
      [id, desks.map((d) => d.id), desks.map((d) => d.name)]);
      return id;
    });
  }

  async updateEvent(eventId: number, event: Omit<EventInfo, 'id'>): Promise<boolean> {
    const changed = await this.#pool.query(`UPDATE events SET name = $1, venue = $2, date = $3, time_zone = $4, opens_at = $5,
      arrive_by = $6, starts_at = $7, checkpoints = $8, targets = $9, version = version + 1 WHERE id = $10`, [event.name, event.venue,
      event.date, event.timeZone, event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints),
      JSON.stringify(event.targets), eventId]);
    return (changed.rowCount ?? 0) > 0;
  }

  async saveUnit(eventId: number, unit: UnitDraft): Promise<Unit | undefined> {
    try {
      return await inTransaction(this.#pool, (client) => this.#saveUnit(client, eventId, unit));
    } catch (error) {
      if (error instanceof UnitMissing) return undefined;
      throw error;
    }
  }

  /** The bump comes first: it locks the event's row, so the next unit id is taken by one process at a time. */
  async #saveUnit(client: PoolClient, eventId: number, unit: UnitDraft): Promise<Unit | undefined> {
    if (!await bump(client, eventId)) return undefined;
    const values = [unit.name, unit.group || null, unit.leaderName || null, unit.leaderPhone || null,
      JSON.stringify(unit.quotas), unit.slot?.from ?? null, unit.slot?.to ?? null];
    let id = unit.id;
    if (id === undefined) {
      const { rows } = await client.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM units WHERE event_id = $1', [eventId]);
      id = rows[0]!.id;
      await client.query(`INSERT INTO units (name, grp, leader_name, leader_phone, quotas, slot_from, slot_to, event_id, id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [...values, eventId, id]);
    } else {
      const changed = await client.query(`UPDATE units SET name = $1, grp = $2, leader_name = $3, leader_phone = $4, quotas = $5,
        slot_from = $6, slot_to = $7 WHERE event_id = $8 AND id = $9`, [...values, eventId, id]);
      if (changed.rowCount === 0) throw new UnitMissing();
    }
    const { id: _ignored, ...rest } = unit;
    return { id, ...rest, group: unit.group || undefined, leaderName: unit.leaderName || undefined, leaderPhone: unit.leaderPhone || undefined };
  }

  deleteUnit(eventId: number, unitId: number): Promise<DeleteUnitOutcome> {
    return inTransaction(this.#pool, async (client): Promise<DeleteUnitOutcome> => {
      if (!await lockEventAndLog(client, eventId)) return 'not-found';
      const exists = await client.query('SELECT 1 FROM units WHERE event_id = $1 AND id = $2 FOR UPDATE', [eventId, unitId]);
      if (exists.rowCount === 0) return 'not-found';
      // Facts name their unit; deleting it would orphan them, so the log wins.
      if ((await client.query('SELECT 1 FROM facts WHERE event_id = $1 AND unit_id = $2 LIMIT 1', [eventId, unitId])).rowCount !== 0) return 'has-checkins';
      if ((await client.query('SELECT 1 FROM participants WHERE event_id = $1 AND unit_id = $2 LIMIT 1', [eventId, unitId])).rowCount !== 0) return 'has-people';
      // A leader's link to a unit that is gone shows nothing: it goes with the unit.
      await client.query('DELETE FROM share_links WHERE event_id = $1 AND unit_id = $2', [eventId, unitId]);
      await client.query('DELETE FROM units WHERE event_id = $1 AND id = $2', [eventId, unitId]);
      await bump(client, eventId);
      return 'deleted';
    });
  }

  /**
   * Kept desks are updated in place rather than deleted and inserted again, so a pairing that
   * holds a kept desk's row (FOR KEY SHARE) is not refused; dropped desks are locked before the check.
   */
  saveDesks(eventId: number, desks: readonly Desk[]): Promise<SaveDesksOutcome> {
    return inTransaction(this.#pool, async (client): Promise<SaveDesksOutcome> => {
      if (!await lockEventAndLog(client, eventId)) return { kind: 'not-found' };
      const kept = desks.map((d) => d.id);
      const { rows: dropped } = await client.query<{ id: string }>(
        'SELECT id FROM desks WHERE event_id = $1 AND NOT (id = ANY($2::text[])) ORDER BY position FOR UPDATE', [eventId, kept]);
      for (const { id: deskId } of dropped) {
        const used = await client.query(`SELECT 1 FROM devices WHERE event_id = $1 AND desk_id = $2
          UNION ALL SELECT 1 FROM facts WHERE event_id = $1 AND desk_id = $2 LIMIT 1`, [eventId, deskId]);
        if (used.rowCount !== 0) return { kind: 'in-use', deskId };
      }
      await client.query('DELETE FROM desks WHERE event_id = $1 AND NOT (id = ANY($2::text[]))', [eventId, kept]);
      await client.query(`INSERT INTO desks (event_id, id, name, position)
        SELECT $1::bigint, d.id, d.name, d.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)
        ON CONFLICT (event_id, id) DO UPDATE SET name = excluded.name, position = excluded.position`,
      [eventId, kept, desks.map((d) => d.name)]);
      await bump(client, eventId);
      return { kind: 'saved' };
    });
  }

  async registration(eventId: number): Promise<RegistrationSettings | undefined> {
    const { rows } = await this.#pool.query<{ open: boolean | null; closes_at: number | null; caps: Record<string, number> | null }>(
      `SELECT r.open, r.closes_at, r.caps FROM events e LEFT JOIN registration r ON r.event_id = e.id WHERE e.id = $1`, [eventId]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.open === null) return { open: false, caps: {} };
    return { open: row.open, ...(row.closes_at === null ? {} : { closesAt: row.closes_at }), caps: row.caps ?? {} };
  }

  /** One statement: the event check and the upsert cannot be split by a deletion. */
  async setRegistration(eventId: number, settings: RegistrationSettings): Promise<boolean> {
    const stored = await this.#pool.query(`INSERT INTO registration (event_id, open, closes_at, caps)
      SELECT id, $2, $3, $4::jsonb FROM events WHERE id = $1
      ON CONFLICT (event_id) DO UPDATE SET open = excluded.open, closes_at = excluded.closes_at, caps = excluded.caps`,
    [eventId, settings.open, settings.closesAt ?? null, JSON.stringify(settings.caps)]);
    return (stored.rowCount ?? 0) > 0;
  }
}
