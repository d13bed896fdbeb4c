// Roster reads in PostgreSQL: the version, the identities duplicate checks need and the chosen
// QR masks. Imports, re-issues and registrations are rules (../rules/roster-rules.ts) over pg/tx.ts.
import type { Pool } from 'pg';
import type { RosterIdentity } from '../store.ts';

/** Roster reads and mask writes for PgStore. */
export class PgRoster {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async version(eventId: number): Promise<number | undefined> {
    const { rows } = await this.#pool.query<{ version: number }>('SELECT version FROM events WHERE id = $1', [eventId]);
    return rows[0]?.version;
  }

  async identities(eventId: number): Promise<RosterIdentity[]> {
    const { rows } = await this.#pool.query<{ no: number; name: string; phone: string; id_number: string | null }>(
      'SELECT no, name, phone, id_number FROM participants WHERE event_id = $1 ORDER BY no', [eventId]);
    return rows.map((r) => (r.id_number === null ? { no: r.no, name: r.name, phone: r.phone }
      : { no: r.no, name: r.name, phone: r.phone, idNumber: r.id_number }));
  }
}
