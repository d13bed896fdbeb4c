// Paired devices and pairing codes in PostgreSQL; redeeming a code is a rule (../rules/access-rules.ts).
// Only hashes of codes and tokens are stored, so a copied dump cannot impersonate a desk.
import type { Pool } from 'pg';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceRow } from '../rows.ts';
import type { DeviceRecord, DeviceSeen } from '../store.ts';

/** The devices and pairing_codes tables behind PgStore. */
export class PgDevices {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async addCode(eventId: number, codeHash: string, expiresAt: number): Promise<void> {
    await this.#pool.query('INSERT INTO pairing_codes (code_hash, event_id, expires_at) VALUES ($1, $2, $3)', [codeHash, eventId, expiresAt]);
  }

  async codeEvent(codeHash: string, now: number): Promise<number | undefined> {
    const { rows } = await this.#pool.query<{ event_id: string }>(
      'SELECT event_id FROM pairing_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2', [codeHash, now]);
    return rows[0] ? Number(rows[0].event_id) : undefined;
  }

  async byTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    const { rows } = await this.#pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE token_hash = $1`, [tokenHash]);
    return rows[0] && deviceFromRow(rows[0]);
  }

  async ofEvent(eventId: number): Promise<DeviceRecord[]> {
    const { rows } = await this.#pool.query<DeviceRow>(
      `SELECT ${DEVICE_COLUMNS} FROM devices WHERE event_id = $1 ORDER BY created_at, id COLLATE "C"`, [eventId]);
    return rows.map(deviceFromRow);
  }

  async revoke(eventId: number, deviceId: string, now: number): Promise<boolean> {
    const result = await this.#pool.query('UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE event_id = $2 AND id = $3',
      [now, eventId, deviceId]);
    return (result.rowCount ?? 0) > 0;
  }

  async idTaken(deviceId: string): Promise<boolean> {
    return ((await this.#pool.query('SELECT 1 FROM devices WHERE id = $1 LIMIT 1', [deviceId])).rowCount ?? 0) > 0;
  }

  async touch(eventId: number, deviceId: string, seen: DeviceSeen): Promise<void> {
    await this.#pool.query(`UPDATE devices SET last_seen = GREATEST(COALESCE(last_seen, 0), $1),
      pending = COALESCE($2, pending), app_version = COALESCE($3, app_version), readiness = COALESCE($4::jsonb, readiness)
      WHERE event_id = $5 AND id = $6`,
    [seen.at, seen.pending ?? null, seen.appVersion ?? null, seen.readiness ? JSON.stringify(seen.readiness) : null, eventId, deviceId]);
  }
}
