// Roster reads on the embedded store: the version, the identities duplicate checks need and
// the chosen QR masks. Imports, re-issues and registrations are rules (../rules/roster-rules.ts).
import type Database from 'better-sqlite3';
import type { RosterIdentity } from '../store.ts';

/** Roster reads and mask writes for SqliteStore; shares its connection. */
export class SqliteRoster {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The version desks compare against. */
  version(eventId: number): number | undefined {
    return this.#db.prepare('SELECT version FROM events WHERE id = ?').pluck().get(eventId) as number | undefined;
  }

  identities(eventId: number): RosterIdentity[] {
    const rows = this.#db.prepare('SELECT no, name, phone, id_number FROM participants WHERE event_id = ? ORDER BY no')
      .all(eventId) as Array<{ no: number; name: string; phone: string; id_number: string | null }>;
    return rows.map((r) => (r.id_number === null ? { no: r.no, name: r.name, phone: r.phone }
      : { no: r.no, name: r.name, phone: r.phone, idNumber: r.id_number }));
  }

  masks(eventId: number, nos: readonly number[]): Map<number, number> {
    const rows = this.#db.prepare(`SELECT no, qr_mask FROM participants WHERE event_id = ? AND qr_mask IS NOT NULL
      AND no IN (SELECT value FROM json_each(?))`).all(eventId, JSON.stringify(nos)) as Array<{ no: number; qr_mask: number }>;
    return new Map(rows.map((r) => [r.no, r.qr_mask]));
  }

  saveMasks(eventId: number, masks: ReadonlyMap<number, number>): void {
    const update = this.#db.prepare('UPDATE participants SET qr_mask = ? WHERE event_id = ? AND no = ?');
    this.#db.transaction(() => { for (const [no, mask] of masks) update.run(mask, eventId, no); })();
  }

  withoutMask(eventId: number, limit: number): number[] {
    return this.#db.prepare('SELECT no FROM participants WHERE event_id = ? AND qr_mask IS NULL ORDER BY no LIMIT ?')
      .pluck().all(eventId, limit) as number[];
  }
}
