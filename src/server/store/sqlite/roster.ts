// Roster changes on the embedded store: imports, and the identities duplicate checks need.
// Every change bumps the event's package version in the same transaction, so desks re-download.
import type Database from 'better-sqlite3';
import type { ImportOutcome, NewParticipant, ReissueOutcome, RosterIdentity } from '../store.ts';

/** Where a new self-registration stands before it is written. */
export type RegisterCheck = 'ok' | 'phone-taken' | 'unit-full' | 'event-not-found';

/** Roster writes for SqliteStore; shares its connection. */
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

  /** The check of the version and the inserts are one transaction: nothing lands on a roster the check did not see. */
  import(eventId: number, people: readonly NewParticipant[], expectedVersion: number, origin = 'import'): ImportOutcome {
    return this.#db.transaction((): ImportOutcome => {
      const version = this.version(eventId);
      if (version === undefined) return { kind: 'event-not-found' };
      if (version !== expectedVersion) return { kind: 'version-changed', version };
      const last = this.#db.prepare('SELECT COALESCE(MAX(no), 0) FROM participants WHERE event_id = ?').pluck().get(eventId) as number;
      const insert = this.#db.prepare(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, origin)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      people.forEach((p, i) => insert.run(eventId, last + 1 + i, p.name, p.phone, p.unitId, p.category, p.idNumber ?? null, origin));
      this.#db.prepare('UPDATE events SET version = version + 1 WHERE id = ?').run(eventId);
      return { kind: 'imported', firstNo: last + 1, lastNo: last + people.length, version: version + 1 };
    })();
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

  reissue(eventId: number, codeNo: number): ReissueOutcome {
    return this.#db.transaction((): ReissueOutcome => {
      const exists = this.#db.prepare('SELECT 1 FROM participants WHERE event_id = ? AND no = ?').get(eventId, codeNo);
      if (!exists) return { kind: 'not-found' };
      if (this.#db.prepare('SELECT 1 FROM revoked_codes WHERE event_id = ? AND no = ?').get(eventId, codeNo)) return { kind: 'already-reissued' };
      const no = (this.#db.prepare('SELECT MAX(no) FROM participants WHERE event_id = ?').pluck().get(eventId) as number) + 1;
      this.#db.prepare(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, origin)
        SELECT event_id, ?, name, phone, unit_id, category, id_number, 'reissue' FROM participants WHERE event_id = ? AND no = ?`)
        .run(no, eventId, codeNo);
      // The ID number now belongs to the new entry; the old one stays only as a voided number.
      this.#db.prepare('UPDATE participants SET id_number = NULL WHERE event_id = ? AND no = ?').run(eventId, codeNo);
      this.#db.prepare('INSERT INTO revoked_codes (event_id, no) VALUES (?, ?)').run(eventId, codeNo);
      this.#db.prepare('UPDATE events SET version = version + 1 WHERE id = ?').run(eventId);
      return { kind: 'reissued', oldNo: codeNo, no, version: this.version(eventId)! };
    })();
  }

  /** The checks of a self-registration; run inside the caller's transaction. */
  checkRegistration(eventId: number, person: NewParticipant, cap: number | undefined): RegisterCheck {
    if (this.version(eventId) === undefined) return 'event-not-found';
    if (this.#db.prepare('SELECT 1 FROM participants WHERE event_id = ? AND phone = ?').get(eventId, person.phone)) return 'phone-taken';
    if (cap !== undefined) {
      // Re-issued codes leave a voided copy of the person behind; they are not counted twice.
      const count = this.#db.prepare(`SELECT COUNT(*) FROM participants WHERE event_id = ? AND unit_id = ?
        AND no NOT IN (SELECT no FROM revoked_codes WHERE event_id = ?)`).pluck().get(eventId, person.unitId, eventId) as number;
      if (count >= cap) return 'unit-full';
    }
    return 'ok';
  }
}
