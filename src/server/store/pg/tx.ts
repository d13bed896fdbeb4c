// The rules' primitives in PostgreSQL, on the one connection of a transaction. Several server
// processes share the database, so each "lock" primitive takes the row lock that makes its
// rule's "check, then write" safe: the event's row (FOR NO KEY UPDATE, which still lets facts
// and people that reference the event be inserted), then its fact cursor (which ingest locks
// too), then the unit or desk rows. Every rule takes them in that order.
import type { PoolClient } from 'pg';
import type { UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Fact, Participant } from '../../../shared/schemas.ts';
import type { IngestResult, NewDevice, NewParticipant } from '../store.ts';
import type { PersonOrigin, StoreTx } from '../rules/tx.ts';
import { ingestFactsWith } from './facts.ts';
import { PARTICIPANT_COLUMNS, participantFromRow, type ParticipantRow } from './rows.ts';

// Pairing again (after a revocation, or to change desk) replaces the token and lifts the revocation.
const UPSERT_DEVICE = `INSERT INTO devices (id, event_id, desk_id, name, token_hash, created_at, last_seen, app_version)
  VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
  ON CONFLICT (event_id, id) DO UPDATE SET desk_id = excluded.desk_id, name = excluded.name,
    token_hash = excluded.token_hash, last_seen = excluded.last_seen,
    app_version = COALESCE(excluded.app_version, devices.app_version), revoked_at = NULL`;

const unitValues = (unit: UnitDraft) => [unit.name, unit.group || null, unit.leaderName || null, unit.leaderPhone || null,
  JSON.stringify(unit.quotas), unit.slot?.from ?? null, unit.slot?.to ?? null];

/** StoreTx over one PoolClient inside BEGIN … COMMIT. */
export class PgTx implements StoreTx {
  readonly #client: PoolClient;

  constructor(client: PoolClient) {
    this.#client = client;
  }

  /** True when the statement found or changed at least one row. */
  async #some(sql: string, params: unknown[]): Promise<boolean> {
    return ((await this.#client.query(sql, params)).rowCount ?? 0) > 0;
  }

  async lockEvent(eventId: number): Promise<number | undefined> {
    const { rows } = await this.#client.query<{ version: number }>('SELECT version FROM events WHERE id = $1 FOR NO KEY UPDATE', [eventId]);
    return rows[0]?.version;
  }
  async lockFactLog(eventId: number): Promise<void> {
    await this.#client.query('SELECT 1 FROM fact_cursors WHERE event_id = $1 FOR UPDATE', [eventId]);
  }
  bumpVersion(eventId: number): Promise<boolean> {
    return this.#some('UPDATE events SET version = version + 1 WHERE id = $1', [eventId]);
  }
  writeEvent(eventId: number, event: Omit<EventInfo, 'id'>): Promise<boolean> {
    return this.#some(`UPDATE events SET name = $1, venue = $2, date = $3, time_zone = $4, opens_at = $5,
      arrive_by = $6, starts_at = $7, checkpoints = $8, targets = $9 WHERE id = $10`, [event.name, event.venue,
      event.date, event.timeZone, event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints),
      JSON.stringify(event.targets), eventId]);
  }

  lockUnit(eventId: number, unitId: number): Promise<boolean> {
    return this.#some('SELECT 1 FROM units WHERE event_id = $1 AND id = $2 FOR UPDATE', [eventId, unitId]);
  }
  unitHasFacts(eventId: number, unitId: number): Promise<boolean> {
    return this.#some('SELECT 1 FROM facts WHERE event_id = $1 AND unit_id = $2 LIMIT 1', [eventId, unitId]);
  }
  unitHasPeople(eventId: number, unitId: number): Promise<boolean> {
    return this.#some('SELECT 1 FROM participants WHERE event_id = $1 AND unit_id = $2 LIMIT 1', [eventId, unitId]);
  }
  async nextUnitId(eventId: number): Promise<number> {
    const { rows } = await this.#client.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM units WHERE event_id = $1', [eventId]);
    return rows[0]!.id;
  }
  async insertUnit(eventId: number, unitId: number, unit: UnitDraft): Promise<void> {
    await this.#client.query(`INSERT INTO units (name, grp, leader_name, leader_phone, quotas, slot_from, slot_to, event_id, id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [...unitValues(unit), eventId, unitId]);
  }
  updateUnit(eventId: number, unitId: number, unit: UnitDraft): Promise<boolean> {
    return this.#some(`UPDATE units SET name = $1, grp = $2, leader_name = $3, leader_phone = $4, quotas = $5,
      slot_from = $6, slot_to = $7 WHERE event_id = $8 AND id = $9`, [...unitValues(unit), eventId, unitId]);
  }
  async deleteUnit(eventId: number, unitId: number): Promise<void> {
    await this.#client.query('DELETE FROM units WHERE event_id = $1 AND id = $2', [eventId, unitId]);
  }
  async deleteShareLinksOfUnit(eventId: number, unitId: number): Promise<void> {
    await this.#client.query('DELETE FROM share_links WHERE event_id = $1 AND unit_id = $2', [eventId, unitId]);
  }

  async lockDesksOutside(eventId: number, kept: readonly string[]): Promise<string[]> {
    const { rows } = await this.#client.query<{ id: string }>(
      'SELECT id FROM desks WHERE event_id = $1 AND NOT (id = ANY($2::text[])) ORDER BY position FOR UPDATE', [eventId, [...kept]]);
    return rows.map((r) => r.id);
  }
  deskInUse(eventId: number, deskId: string): Promise<boolean> {
    return this.#some(`SELECT 1 FROM devices WHERE event_id = $1 AND desk_id = $2
      UNION ALL SELECT 1 FROM facts WHERE event_id = $1 AND desk_id = $2 LIMIT 1`, [eventId, deskId]);
  }
  /**
   * Kept desks are updated in place rather than deleted and inserted again, so a pairing that
   * holds a kept desk's row (FOR KEY SHARE) is not refused.
   */
  async writeDesks(eventId: number, desks: readonly Desk[]): Promise<void> {
    const kept = desks.map((d) => d.id);
    await this.#client.query('DELETE FROM desks WHERE event_id = $1 AND NOT (id = ANY($2::text[]))', [eventId, kept]);
    await this.#client.query(`INSERT INTO desks (event_id, id, name, position)
      SELECT $1::bigint, d.id, d.name, d.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)
      ON CONFLICT (event_id, id) DO UPDATE SET name = excluded.name, position = excluded.position`,
    [eventId, kept, desks.map((d) => d.name)]);
  }

  async participant(eventId: number, no: number): Promise<Participant | undefined> {
    const { rows } = await this.#client.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 AND no = $2`, [eventId, no]);
    return rows[0] && participantFromRow(rows[0]);
  }
  isRevoked(eventId: number, no: number): Promise<boolean> {
    return this.#some('SELECT 1 FROM revoked_codes WHERE event_id = $1 AND no = $2', [eventId, no]);
  }
  async revoke(eventId: number, no: number): Promise<void> {
    await this.#client.query('INSERT INTO revoked_codes (event_id, no) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, no]);
  }
  phoneTaken(eventId: number, phone: string): Promise<boolean> {
    return this.#some('SELECT 1 FROM participants WHERE event_id = $1 AND phone = $2 LIMIT 1', [eventId, phone]);
  }
  async activePeopleOfUnit(eventId: number, unitId: number): Promise<number> {
    const { rows } = await this.#client.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM participants p WHERE p.event_id = $1
      AND p.unit_id = $2 AND NOT EXISTS (SELECT 1 FROM revoked_codes r WHERE r.event_id = $1 AND r.no = p.no)`, [eventId, unitId]);
    return rows[0]!.count;
  }
  async addPeople(eventId: number, people: readonly NewParticipant[], origin: PersonOrigin): Promise<number> {
    const { rows } = await this.#client.query<{ last: number }>('SELECT COALESCE(MAX(no), 0) AS last FROM participants WHERE event_id = $1', [eventId]);
    const last = rows[0]!.last;
    // WITH ORDINALITY keeps the rows' order, so the code numbers follow the file.
    await this.#client.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, birth_year, origin)
      SELECT $1::bigint, $2::bigint + p.ord, p.name, p.phone, p.unit_id, p.category, p.id_number, p.birth_year, $8::text
      FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $9::int[]) WITH ORDINALITY
        AS p(name, phone, unit_id, category, id_number, birth_year, ord)
      ORDER BY p.ord`,
    [eventId, last, people.map((p) => p.name), people.map((p) => p.phone), people.map((p) => p.unitId),
      people.map((p) => p.category), people.map((p) => p.idNumber ?? null), origin, people.map((p) => p.birthYear ?? null)]);
    return last + 1;
  }
  async copyPerson(eventId: number, no: number, origin: PersonOrigin): Promise<number> {
    const { rows } = await this.#client.query<{ no: number }>('SELECT MAX(no) + 1 AS no FROM participants WHERE event_id = $1', [eventId]);
    const next = rows[0]!.no;
    await this.#client.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, birth_year, origin)
      SELECT event_id, $3, name, phone, unit_id, category, id_number, birth_year, $4 FROM participants WHERE event_id = $1 AND no = $2`,
    [eventId, no, next, origin]);
    return next;
  }
  async clearIdNumber(eventId: number, no: number): Promise<void> {
    await this.#client.query('UPDATE participants SET id_number = NULL WHERE event_id = $1 AND no = $2', [eventId, no]);
  }
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): Promise<IngestResult> {
    return ingestFactsWith(this.#client, eventId, facts, receivedAt);
  }

  /** FOR UPDATE on the code row: two desks racing for one code on two processes cannot both win. */
  async lockPairingCode(codeHash: string, now: number): Promise<number | undefined> {
    const { rows } = await this.#client.query<{ event_id: number }>(
      'SELECT event_id FROM pairing_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE', [codeHash, now]);
    return rows[0]?.event_id;
  }
  /** KEY SHARE: a desk list being saved at this moment cannot drop the desk before the device lands. */
  holdDesk(eventId: number, deskId: string): Promise<boolean> {
    return this.#some('SELECT 1 FROM desks WHERE event_id = $1 AND id = $2 FOR KEY SHARE', [eventId, deskId]);
  }
  async spendPairingCode(codeHash: string, now: number): Promise<void> {
    await this.#client.query('UPDATE pairing_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL', [now, codeHash]);
  }
  async pairDevice(eventId: number, device: NewDevice, now: number): Promise<void> {
    await this.#client.query(UPSERT_DEVICE, [device.id, eventId, device.deskId, device.name, device.tokenHash, now, device.appVersion ?? null]);
  }

  async ensureAccount(username: string, now: number): Promise<void> {
    await this.#client.query('INSERT INTO coordinators (username, created_at) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING', [username, now]);
  }
  async writeSetupToken(username: string, tokenHash: string, expiresAt: number): Promise<void> {
    await this.#client.query('UPDATE coordinators SET setup_token_hash = $1, setup_expires_at = $2 WHERE username = $3',
      [tokenHash, expiresAt, username]);
  }
  /** FOR UPDATE: a setup token is spent once even when two processes receive it at the same moment. */
  async lockSetupToken(tokenHash: string, now: number): Promise<string | undefined> {
    const { rows } = await this.#client.query<{ username: string }>(
      'SELECT username FROM coordinators WHERE setup_token_hash = $1 AND setup_expires_at > $2 FOR UPDATE', [tokenHash, now]);
    return rows[0]?.username;
  }
  async writePassword(username: string, hash: string, salt: string): Promise<void> {
    await this.#client.query(`UPDATE coordinators SET password_hash = $1, password_salt = $2,
      setup_token_hash = NULL, setup_expires_at = NULL WHERE username = $3`, [hash, salt, username]);
  }
  async endSessions(username: string): Promise<void> {
    await this.#client.query('DELETE FROM sessions WHERE username = $1', [username]);
  }
  async deleteExpiredSessions(now: number): Promise<void> {
    await this.#client.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }
  async addSession(session: { idHash: string; username: string; expiresAt: number }): Promise<void> {
    await this.#client.query('INSERT INTO sessions (id_hash, username, expires_at) VALUES ($1, $2, $3)',
      [session.idHash, session.username, session.expiresAt]);
  }
}
