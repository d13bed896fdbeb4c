// Unit leaders' share links in PostgreSQL: plain statements, one per call; only hashes are stored.
import type { Pool } from 'pg';
import type { ShareLinkRecord } from '../store.ts';
import { SHARE_COLUMNS as COLUMNS, shareLinkFromRow as linkFromRow, type ShareRow } from '../rows.ts';


/** The share_links table behind PgStore. */
export class PgShares {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async add(link: { id: string; eventId: number; unitId: number; tokenHash: string; createdAt: number }): Promise<void> {
    await this.#pool.query('INSERT INTO share_links (id, event_id, unit_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [link.id, link.eventId, link.unitId, link.tokenHash, link.createdAt]);
  }

  async byTokenHash(tokenHash: string): Promise<ShareLinkRecord | undefined> {
    const { rows } = await this.#pool.query<ShareRow>(`SELECT ${COLUMNS} FROM share_links WHERE token_hash = $1`, [tokenHash]);
    return rows[0] && linkFromRow(rows[0]);
  }

  async ofEvent(eventId: number): Promise<ShareLinkRecord[]> {
    const { rows } = await this.#pool.query<ShareRow>(`SELECT ${COLUMNS} FROM share_links WHERE event_id = $1 ORDER BY created_at, position`, [eventId]);
    return rows.map(linkFromRow);
  }

  async revoke(id: string, now: number): Promise<boolean> {
    const { rowCount } = await this.#pool.query('UPDATE share_links SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2', [now, id]);
    return (rowCount ?? 0) > 0;
  }
}
