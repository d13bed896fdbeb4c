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

  async masks(eventId: number, nos: readonly number[]): Promise<Map<number, number>> {
    const { rows } = await this.#pool.query<{ no: number; qr_mask: number }>(
      'SELECT no, qr_mask FROM participants WHERE event_id = $1 AND qr_mask IS NOT NULL AND no = ANY($2::bigint[])', [eventId, [...nos]]);
    return new Map(rows.map((r) => [r.no, r.qr_mask]));
  }

  /** One statement; qr_mask is not a column desks hold, so the change-log trigger stays quiet. */
  async saveMasks(eventId: number, masks: ReadonlyMap<number, number>): Promise<void> {
    if (masks.size === 0) return;
    await this.#pool.query(`UPDATE participants p SET qr_mask = m.mask FROM unnest($2::bigint[], $3::int[]) AS m(no, mask)
      WHERE p.event_id = $1 AND p.no = m.no`, [eventId, [...masks.keys()], [...masks.values()]]);
  }

  async withoutMask(eventId: number, limit: number): Promise<number[]> {
    const { rows } = await this.#pool.query<{ no: number }>(
      'SELECT no FROM participants WHERE event_id = $1 AND qr_mask IS NULL ORDER BY no LIMIT $2', [eventId, limit]);
    return rows.map((r) => r.no);
  }
}
