// Event set-up in PostgreSQL that needs no rule: a new event under the next id (chosen under an
// advisory lock), and the self-registration settings. Unit, desk and field edits are rules
// (../rules/event-edit-rules.ts) over pg/tx.ts.
import type { Pool } from 'pg';
import type { RegistrationSettings } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo } from '../../../shared/schemas.ts';
import { inTransaction } from './pool.ts';
import { registrationFromRow } from '../rows.ts';
import type { EventKeys } from '../store.ts';

/** Advisory-lock key pair taken while a new event id is chosen, so two processes never pick the same one. */
const NEW_EVENT_LOCK = [0x6465, 1] as const;

/** New events and registration settings for PgStore. */
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

  async registration(eventId: number): Promise<RegistrationSettings | undefined> {
    const { rows } = await this.#pool.query<{ open: boolean | null; closes_at: number | null; caps: Record<string, number> | null }>(
      `SELECT r.open, r.closes_at, r.caps FROM events e LEFT JOIN registration r ON r.event_id = e.id WHERE e.id = $1`, [eventId]);
    const row = rows[0];
    if (!row) return undefined;
    return registrationFromRow(row.open === null ? undefined : { open: row.open, closes_at: row.closes_at, caps: row.caps ?? {} });
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
