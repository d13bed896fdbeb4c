// Paired devices and pairing codes in SQLite. Only hashes of codes and tokens are stored,
// so a copied data file cannot be used to impersonate a desk.
import type Database from 'better-sqlite3';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceRow } from '../rows.ts';
import type { DeviceRecord, NewDevice, RedeemResult } from '../store.ts';

/** The devices and pairing_codes tables behind SqliteStore. */
export class SqliteDevices {
  readonly #db: Database.Database;
  readonly #addCode: Database.Statement;
  readonly #codeEvent: Database.Statement;
  readonly #spendCode: Database.Statement;
  readonly #deskExists: Database.Statement;
  readonly #insertDevice: Database.Statement;
  readonly #byToken: Database.Statement;
  readonly #ofEvent: Database.Statement;
  readonly #revoke: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #idTaken: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#addCode = db.prepare('INSERT INTO pairing_codes (code_hash, event_id, expires_at) VALUES (?, ?, ?)');
    this.#codeEvent = db.prepare('SELECT event_id FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').pluck();
    this.#spendCode = db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL');
    this.#deskExists = db.prepare('SELECT 1 FROM desks WHERE event_id = ? AND id = ?').pluck();
    // Pairing again (after a revocation, or to change desk) replaces the token and lifts the revocation.
    this.#insertDevice = db.prepare(`INSERT INTO devices (id, event_id, desk_id, name, token_hash, created_at, last_seen, app_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (event_id, id) DO UPDATE SET desk_id = excluded.desk_id, name = excluded.name,
        token_hash = excluded.token_hash, last_seen = excluded.last_seen,
        app_version = COALESCE(excluded.app_version, app_version), revoked_at = NULL`);
    this.#byToken = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = ?`);
    this.#ofEvent = db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE event_id = ? ORDER BY created_at, id`);
    this.#revoke = db.prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE event_id = ? AND id = ?');
    this.#idTaken = db.prepare('SELECT 1 FROM devices WHERE id = ? LIMIT 1').pluck();
    this.#touch = db.prepare(`UPDATE devices SET last_seen = MAX(COALESCE(last_seen, 0), ?),
      pending = COALESCE(?, pending), app_version = COALESCE(?, app_version) WHERE event_id = ? AND id = ?`);
  }

  addCode(eventId: number, codeHash: string, expiresAt: number): void {
    this.#addCode.run(codeHash, eventId, expiresAt);
  }

  /** Check, spend and create in one immediate transaction: two desks racing for one code cannot both win. */
  redeem(codeHash: string, device: NewDevice, now: number): RedeemResult {
    return this.#db.transaction((): RedeemResult => {
      const eventId = this.#codeEvent.get(codeHash, now) as number | undefined;
      if (eventId === undefined) return { kind: 'invalid-code' };
      if (this.#deskExists.get(eventId, device.deskId) === undefined) return { kind: 'unknown-desk' };
      this.#spendCode.run(now, codeHash);
      this.#insertDevice.run(device.id, eventId, device.deskId, device.name, device.tokenHash, now, now, device.appVersion ?? null);
      return { kind: 'paired', eventId };
    }).immediate();
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

  touch(eventId: number, deviceId: string, seen: { at: number; pending?: number; appVersion?: string }): void {
    this.#touch.run(seen.at, seen.pending ?? null, seen.appVersion ?? null, eventId, deviceId);
  }
}
