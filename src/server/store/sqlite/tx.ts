// The rules' primitives on the embedded store: plain statements, answered synchronously, so a
// whole rule runs inside one better-sqlite3 transaction. The "locks" are plain reads here:
// BEGIN IMMEDIATE already makes the transaction the only writer.
import type Database from 'better-sqlite3';
import type { UnitDraft } from '../../../shared/event-setup.ts';
import type { Desk, EventInfo, Fact, Participant } from '../../../shared/schemas.ts';
import type { IngestResult, NewDevice, NewParticipant } from '../store.ts';
import type { PersonOrigin, StoreTx } from '../rules/tx.ts';
import type { SqliteFactLog } from './facts.ts';
import { PARTICIPANT_COLUMNS, participantFromRow, type ParticipantRow } from '../rows.ts';

const unitValues = (unit: UnitDraft) => [unit.name, unit.group || null, unit.leaderName || null, unit.leaderPhone || null,
  JSON.stringify(unit.quotas), unit.slot?.from ?? null, unit.slot?.to ?? null];

/** StoreTx over SqliteStore's connection; valid only inside its transaction. */
export class SqliteTx implements StoreTx {
  readonly #db: Database.Database;
  readonly #facts: SqliteFactLog;

  constructor(db: Database.Database, facts: SqliteFactLog) {
    this.#db = db;
    this.#facts = facts;
  }

  #exists(sql: string, ...params: unknown[]): boolean {
    return this.#db.prepare(sql).get(...params) !== undefined;
  }

  lockEvent(eventId: number): number | undefined {
    return this.#db.prepare('SELECT version FROM events WHERE id = ?').pluck().get(eventId) as number | undefined;
  }
  lockFactLog(): void {}
  bumpVersion(eventId: number): boolean {
    return this.#db.prepare('UPDATE events SET version = version + 1 WHERE id = ?').run(eventId).changes > 0;
  }
  writeEvent(eventId: number, event: Omit<EventInfo, 'id'>): boolean {
    return this.#db.prepare(`UPDATE events SET name = ?, venue = ?, date = ?, time_zone = ?, opens_at = ?, arrive_by = ?,
      starts_at = ?, checkpoints = ?, targets = ? WHERE id = ?`).run(event.name, event.venue, event.date, event.timeZone,
      event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints),
      JSON.stringify(event.targets), eventId).changes > 0;
  }

  lockUnit(eventId: number, unitId: number): boolean {
    return this.#exists('SELECT 1 FROM units WHERE event_id = ? AND id = ?', eventId, unitId);
  }
  unitHasFacts(eventId: number, unitId: number): boolean {
    return this.#exists('SELECT 1 FROM facts WHERE event_id = ? AND unit_id = ? LIMIT 1', eventId, unitId);
  }
  unitHasPeople(eventId: number, unitId: number): boolean {
    return this.#exists('SELECT 1 FROM participants WHERE event_id = ? AND unit_id = ? LIMIT 1', eventId, unitId);
  }
  nextUnitId(eventId: number): number {
    return this.#db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM units WHERE event_id = ?').pluck().get(eventId) as number;
  }
  insertUnit(eventId: number, unitId: number, unit: UnitDraft): void {
    this.#db.prepare(`INSERT INTO units (name, grp, leader_name, leader_phone, quotas, slot_from, slot_to, event_id, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...unitValues(unit), eventId, unitId);
  }
  updateUnit(eventId: number, unitId: number, unit: UnitDraft): boolean {
    return this.#db.prepare(`UPDATE units SET name = ?, grp = ?, leader_name = ?, leader_phone = ?, quotas = ?,
      slot_from = ?, slot_to = ? WHERE event_id = ? AND id = ?`).run(...unitValues(unit), eventId, unitId).changes > 0;
  }
  deleteUnit(eventId: number, unitId: number): void {
    this.#db.prepare('DELETE FROM units WHERE event_id = ? AND id = ?').run(eventId, unitId);
  }
  deleteShareLinksOfUnit(eventId: number, unitId: number): void {
    this.#db.prepare('DELETE FROM share_links WHERE event_id = ? AND unit_id = ?').run(eventId, unitId);
  }

  lockDesksOutside(eventId: number, kept: readonly string[]): string[] {
    return this.#db.prepare(`SELECT id FROM desks WHERE event_id = ? AND id NOT IN (SELECT value FROM json_each(?))
      ORDER BY position`).pluck().all(eventId, JSON.stringify(kept)) as string[];
  }
  deskInUse(eventId: number, deskId: string): boolean {
    return this.#exists(`SELECT 1 FROM devices WHERE event_id = ? AND desk_id = ?
      UNION ALL SELECT 1 FROM facts WHERE event_id = ? AND desk_id = ? LIMIT 1`, eventId, deskId, eventId, deskId);
  }
  writeDesks(eventId: number, desks: readonly Desk[]): void {
    this.#db.prepare('DELETE FROM desks WHERE event_id = ?').run(eventId);
    const insert = this.#db.prepare('INSERT INTO desks (event_id, id, name, position) VALUES (?, ?, ?, ?)');
    desks.forEach((d, i) => insert.run(eventId, d.id, d.name, i));
  }

  participant(eventId: number, no: number): Participant | undefined {
    const row = this.#db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = ? AND no = ?`)
      .get(eventId, no) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }
  isRevoked(eventId: number, no: number): boolean {
    return this.#exists('SELECT 1 FROM revoked_codes WHERE event_id = ? AND no = ?', eventId, no);
  }
  revoke(eventId: number, no: number): void {
    this.#db.prepare('INSERT OR IGNORE INTO revoked_codes (event_id, no) VALUES (?, ?)').run(eventId, no);
  }
  phoneTaken(eventId: number, phone: string): boolean {
    return this.#exists('SELECT 1 FROM participants WHERE event_id = ? AND phone = ?', eventId, phone);
  }
  activePeopleOfUnit(eventId: number, unitId: number): number {
    return this.#db.prepare(`SELECT COUNT(*) FROM participants WHERE event_id = ? AND unit_id = ?
      AND no NOT IN (SELECT no FROM revoked_codes WHERE event_id = ?)`).pluck().get(eventId, unitId, eventId) as number;
  }
  addPeople(eventId: number, people: readonly NewParticipant[], origin: PersonOrigin): number {
    const last = this.#db.prepare('SELECT COALESCE(MAX(no), 0) FROM participants WHERE event_id = ?').pluck().get(eventId) as number;
    const insert = this.#db.prepare(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, birth_year, origin)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    people.forEach((p, i) => insert.run(eventId, last + 1 + i, p.name, p.phone, p.unitId, p.category, p.idNumber ?? null, p.birthYear ?? null, origin));
    return last + 1;
  }
  copyPerson(eventId: number, no: number, origin: PersonOrigin): number {
    const next = (this.#db.prepare('SELECT MAX(no) FROM participants WHERE event_id = ?').pluck().get(eventId) as number) + 1;
    this.#db.prepare(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, birth_year, origin)
      SELECT event_id, ?, name, phone, unit_id, category, id_number, birth_year, ? FROM participants WHERE event_id = ? AND no = ?`)
      .run(next, origin, eventId, no);
    return next;
  }
  clearIdNumber(eventId: number, no: number): void {
    this.#db.prepare('UPDATE participants SET id_number = NULL WHERE event_id = ? AND no = ?').run(eventId, no);
  }
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): IngestResult {
    return this.#facts.ingest(eventId, facts, receivedAt);
  }

  lockPairingCode(codeHash: string, now: number): number | undefined {
    return this.#db.prepare('SELECT event_id FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?')
      .pluck().get(codeHash, now) as number | undefined;
  }
  holdDesk(eventId: number, deskId: string): boolean {
    return this.#exists('SELECT 1 FROM desks WHERE event_id = ? AND id = ?', eventId, deskId);
  }
  spendPairingCode(codeHash: string, now: number): void {
    this.#db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, codeHash);
  }
  pairDevice(eventId: number, device: NewDevice, now: number): void {
    this.#db.prepare(`INSERT INTO devices (id, event_id, desk_id, name, token_hash, created_at, last_seen, app_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (event_id, id) DO UPDATE SET desk_id = excluded.desk_id, name = excluded.name,
        token_hash = excluded.token_hash, last_seen = excluded.last_seen,
        app_version = COALESCE(excluded.app_version, app_version), revoked_at = NULL`)
      .run(device.id, eventId, device.deskId, device.name, device.tokenHash, now, now, device.appVersion ?? null);
  }

  ensureAccount(username: string, now: number): void {
    this.#db.prepare('INSERT OR IGNORE INTO coordinators (username, created_at) VALUES (?, ?)').run(username, now);
  }
  writeSetupToken(username: string, tokenHash: string, expiresAt: number): void {
    this.#db.prepare('UPDATE coordinators SET setup_token_hash = ?, setup_expires_at = ? WHERE username = ?').run(tokenHash, expiresAt, username);
  }
  lockSetupToken(tokenHash: string, now: number): string | undefined {
    return this.#db.prepare('SELECT username FROM coordinators WHERE setup_token_hash = ? AND setup_expires_at > ?')
      .pluck().get(tokenHash, now) as string | undefined;
  }
  writePassword(username: string, hash: string, salt: string): void {
    this.#db.prepare(`UPDATE coordinators SET password_hash = ?, password_salt = ?,
      setup_token_hash = NULL, setup_expires_at = NULL WHERE username = ?`).run(hash, salt, username);
  }
  endSessions(username: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
  }
  deleteExpiredSessions(now: number): void {
    this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }
  addSession(session: { idHash: string; username: string; expiresAt: number }): void {
    this.#db.prepare('INSERT INTO sessions (id_hash, username, expires_at) VALUES (?, ?, ?)').run(session.idHash, session.username, session.expiresAt);
  }
}
