// Paired devices and pairing codes in SQLite. Only hashes of codes and tokens are stored,
// so a copied data file cannot be used to impersonate a desk.
import type Database from 'better-sqlite3';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceRow } from '../rows.ts';
import type { DeviceRecord, DeviceSeen } from '../store.ts';

/** The devices and pairing_codes tables behind SqliteStore; redeeming a code is a rule (../rules/access-rules.ts). */
export class SqliteDevices {
  readonly #addCode: Database.Statement;
  readonly #byToken: Database.Statement;
  readonly #ofEvent: Database.Statement;
  readonly #revoke: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #idTaken: Database.Statement;
  readonly #codeEvent: Database.Statement;

  constructor(db: Database.Database) {
    this.#addCode = db.prepare('INSERT INTO pairing_codes (code_hash, event_id, expires_at) VALUES (?, ?, ?)');
    this.#byToken = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`);
    this.#ofEvent = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE event_id = ? ORDER BY created_at, id`);
    this.#revoke = db.prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE event_id = ? AND id = ?');
    this.#idTaken = db.prepare('SELECT 1 FROM devices WHERE id = ? LIMIT 1').pluck();
    this.#codeEvent = db.prepare('SELECT event_id FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').pluck();
    this.#touch = db.prepare(`UPDATE devices SET last_seen = MAX(COALESCE(last_seen, 0), ?),
      pending = COALESCE(?, pending), app_version = COALESCE(?, app_version), readiness = COALESCE(?, readiness)
      WHERE event_id = ? AND id = ?`);
  }

  addCode(eventId: number, codeHash: string, expiresAt: number): void {
    this.#addCode.run(codeHash, eventId, expiresAt);
  }

  codeEvent(codeHash: string, now: number): number | undefined {
    return this.#codeEvent.get(codeHash, now) as number | undefined;
  }

  byTokenHash(tokenHash: string): DeviceRecord | undefined {
    const row = this.#byToken.get(tokenHash) as DeviceRow | undefined;
    return row && deviceFromRow(row);
  }

  ofEvent(eventId: number): DeviceRecord[] {
    return (this.#ofEvent.all(eventId) as DeviceRow[]).map(deviceFromRow);
  }

  revoke(eventId: number, deviceId: string, now: number): boolean {
    return this.#revoke.run(now, eventId, deviceId).changes > 0;
  }

  idTaken(deviceId: string): boolean {
    return this.#idTaken.get(deviceId) !== undefined;
  }

  touch(eventId: number, deviceId: string, seen: DeviceSeen): void {
    this.#touch.run(seen.at, seen.pending ?? null, seen.appVersion ?? null, seen.readiness ? JSON.stringify(seen.readiness) : null, eventId, deviceId);
  }
}
