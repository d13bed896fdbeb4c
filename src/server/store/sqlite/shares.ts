// Unit leaders' share links in SQLite; like device tokens, only hashes are stored.
import type Database from 'better-sqlite3';
import type { ShareLinkRecord } from '../store.ts';
import { SHARE_COLUMNS as COLUMNS, shareLinkFromRow as linkFromRow, type ShareRow } from '../rows.ts';


/** The share_links table behind SqliteStore. */
export class SqliteShares {
  readonly #insert: Database.Statement;
  readonly #byToken: Database.Statement;
  readonly #ofEvent: Database.Statement;
  readonly #revoke: Database.Statement;
  readonly #exists: Database.Statement;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT INTO share_links (id, event_id, unit_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#byToken = db.prepare(`SELECT ${COLUMNS} FROM share_links WHERE token_hash = ?`);
    this.#ofEvent = db.prepare(`SELECT ${COLUMNS} FROM share_links WHERE event_id = ? ORDER BY created_at, rowid`);
    this.#revoke = db.prepare('UPDATE share_links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?');
    this.#exists = db.prepare('SELECT 1 FROM share_links WHERE id = ?').pluck();
  }

  add(link: { id: string; eventId: number; unitId: number; tokenHash: string; createdAt: number }): void {
    this.#insert.run(link.id, link.eventId, link.unitId, link.tokenHash, link.createdAt);
  }

  byTokenHash(tokenHash: string): ShareLinkRecord | undefined {
    const row = this.#byToken.get(tokenHash) as ShareRow | undefined;
    return row && linkFromRow(row);
  }

  ofEvent(eventId: number): ShareLinkRecord[] {
    return (this.#ofEvent.all(eventId) as ShareRow[]).map(linkFromRow);
  }

  revoke(id: string, now: number): boolean {
    if (!this.#exists.get(id)) return false;
    this.#revoke.run(now, id);
    return true;
  }
}
