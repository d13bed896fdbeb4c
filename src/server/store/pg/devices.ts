// Paired devices and pairing codes in PostgreSQL; the same rules as sqlite-devices.ts.
// Only hashes of codes and tokens are stored, so a copied dump cannot impersonate a desk.
import type { Pool } from 'pg';
import { inTransaction } from './pool.ts';
import { DEVICE_COLUMNS, deviceFromRow, type DeviceRow } from '../rows.ts';
import type { DeviceRecord, NewDevice, RedeemResult } from '../store.ts';

// Pairing again (after a revocation, or to change desk) replaces the token and lifts the revocation.
const UPSERT_DEVICE = `INSERT INTO devices (id, event_id, desk_id, name, token_hash, created_at, last_seen, app_version)
  VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
  ON CONFLICT (event_id, id) DO UPDATE SET desk_id = excluded.desk_id, name = excluded.name,
    token_hash = excluded.token_hash, last_seen = excluded.last_seen,
    app_version = COALESCE(excluded.app_version, devices.app_version), revoked_at = NULL`;

/** The devices and pairing_codes tables behind PgStore. */
export class PgDevices {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async addCode(eventId: number, codeHash: string, expiresAt: number): Promise<void> {
    await this.#pool.query('INSERT INTO pairing_codes (code_hash, event_id, expires_at) VALUES ($1, $2, $3)', [codeHash, eventId, expiresAt]);
  }

  /** FOR UPDATE on the code row: two desks racing for one code on two processes cannot both win. */
  redeem(codeHash: string, device: NewDevice, now: number): Promise<RedeemResult> {
    return inTransaction(this.#pool, async (client): Promise<RedeemResult> => {
      const code = await client.query<{ event_id: number }>(
        'SELECT event_id FROM pairing_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE', [codeHash, now]);
      const eventId = code.rows[0]?.event_id;
      if (eventId === undefined) return { kind: 'invalid-code' };
      // KEY SHARE: a desk list being saved at this moment cannot drop the desk before the device lands.
      const desk = await client.query('SELECT 1 FROM desks WHERE event_id = $1 AND id = $2 FOR KEY SHARE', [eventId, device.deskId]);
      if (desk.rowCount === 0) return { kind: 'unknown-desk' };
      await client.query('UPDATE pairing_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL', [now, codeHash]);
      await client.query(UPSERT_DEVICE, [device.id, eventId, device.deskId, device.name, device.tokenHash, now, device.appVersion ?? null]);
      return { kind: 'paired', eventId };
    });
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

  async touch(eventId: number, deviceId: string, seen: { at: number; pending?: number; appVersion?: string }): Promise<void> {
    await this.#pool.query(`UPDATE devices SET last_seen = GREATEST(COALESCE(last_seen, 0), $1),
      pending = COALESCE($2, pending), app_version = COALESCE($3, app_version) WHERE event_id = $4 AND id = $5`,
    [seen.at, seen.pending ?? null, seen.appVersion ?? null, eventId, deviceId]);
  }
}
