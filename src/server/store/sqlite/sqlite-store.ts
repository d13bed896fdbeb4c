// The embedded store: one SQLite file per server, enough for a venue or a province.
// Synchronous better-sqlite3 under the async-friendly Store port.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as z from 'zod/mini';
import {
  Desk, EventInfo, EventPackage, EventSummary, Participant, Unit, type Fact,
} from '../../../shared/schemas.ts';
import type { RosterChange, ServerFact } from '../../../shared/sync.ts';
import type { FactReview } from '../../../shared/fact-review.ts';
import { SqliteAccounts } from './accounts.ts';
import { SqliteDevices } from './devices.ts';
import { SqliteFactLog } from './facts.ts';
import { SqliteClaims } from './claims.ts';
import { SqliteShares } from './shares.ts';
import { migrate } from './migrations.ts';
import { backupInWorker } from './backup-copy.ts';
import { SqliteRoster } from './roster.ts';
import { SqliteEventEdit } from './event-edit.ts';
import { SqliteTx } from './tx.ts';
import { PARTICIPANT_COLUMNS, participantFromRow, summaryFromRow, type ParticipantRow, type SummaryRow } from '../rows.ts';
import * as access from '../rules/access-rules.ts';
import * as edit from '../rules/event-edit-rules.ts';
import * as roster from '../rules/roster-rules.ts';
import { drainSync, rolledBack, type Rule } from '../rules/run.ts';
import type { RuleEngine, StoreTx } from '../rules/tx.ts';
import type { RegistrationSettings, UnitDraft } from '../../../shared/event-setup.ts';
import type {
  ShareLinkRecord, CoordinatorRecord, DeleteUnitOutcome, DeviceRecord, DeviceSeen, EventKeys, ImportOutcome, SaveDesksOutcome, IngestResult, NewDevice, NewEvent, NewParticipant,
  RedeemResult, ReissueOutcome, RosterIdentity, SelfRegisterOutcome, Store,
} from '../store.ts';

interface EventRow {
  id: number; name: string; venue: string; date: string; time_zone: string;
  opens_at: string; arrive_by: string | null; starts_at: string | null;
  checkpoints: string; targets: string; version: number;
}
interface UnitRow {
  id: number; name: string; grp: string | null; leader_name: string | null;
  leader_phone: string | null; quotas: string; slot_from: string | null; slot_to: string | null;
}

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function eventFromRow(row: EventRow): EventInfo {
  return EventInfo.parse({
    id: row.id, name: row.name, venue: row.venue, date: row.date, timeZone: row.time_zone,
    opensAt: row.opens_at, arriveBy: orUndefined(row.arrive_by), startsAt: orUndefined(row.starts_at),
    checkpoints: JSON.parse(row.checkpoints), targets: JSON.parse(row.targets),
  });
}

function unitFromRow(row: UnitRow): Unit {
  const slot = row.slot_from !== null && row.slot_to !== null ? { from: row.slot_from, to: row.slot_to } : undefined;
  return Unit.parse({
    id: row.id, name: row.name, group: orUndefined(row.grp), leaderName: orUndefined(row.leader_name),
    leaderPhone: orUndefined(row.leader_phone), quotas: JSON.parse(row.quotas), slot,
  });
}


/**
 * The file holds names, phones and signing keys: created 0600 before SQLite opens it (its -wal
 * and -shm files copy the main file's mode), and tightened if an older server made it 0644.
 */
function ownerOnly(filePath: string): void {
  if (filePath === ':memory:' || filePath === '') return;
  if (!existsSync(filePath)) closeSync(openSync(filePath, 'a', 0o600));
  for (const file of [filePath, `${filePath}-wal`, `${filePath}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

/** Store backed by a better-sqlite3 file; WAL + synchronous=FULL so an acknowledged write survives power loss. */
export class SqliteStore implements Store, RuleEngine {
  readonly #db: Database.Database;
  readonly #facts: SqliteFactLog;
  readonly #devices: SqliteDevices;
  readonly #accounts: SqliteAccounts;
  readonly #shares: SqliteShares;
  readonly #claims: SqliteClaims;
  readonly #roster: SqliteRoster;
  readonly #edit: SqliteEventEdit;
  readonly #tx: SqliteTx;

  constructor(filePath: string) {
    ownerOnly(filePath);
    this.#db = new Database(filePath);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('foreign_keys = ON');
    // Another process (the set-password CLI) may hold the write lock for a moment.
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
    this.#facts = new SqliteFactLog(this.#db);
    this.#devices = new SqliteDevices(this.#db);
    this.#accounts = new SqliteAccounts(this.#db);
    this.#shares = new SqliteShares(this.#db);
    this.#claims = new SqliteClaims(this.#db);
    this.#roster = new SqliteRoster(this.#db);
    this.#edit = new SqliteEventEdit(this.#db);
    this.#tx = new SqliteTx(this.#db, this.#facts);
  }

  /** Runs a rule in one BEGIN IMMEDIATE transaction, synchronously: no other request can interleave. */
  transaction<R>(rule: (tx: StoreTx) => Rule<R>): R {
    try {
      return this.#db.transaction(() => drainSync(rule(this.#tx))).immediate();
    } catch (error) {
      return rolledBack<R>(error);
    }
  }

  // The log, devices, accounts and links live in their own modules; rules run through transaction().
  deskIdsOf(eventId: number) { return this.#claims.deskIds(eventId); }
  participantsByNo(eventId: number, nos: readonly number[]) { return this.#claims.participantsByNo(eventId, nos); }
  factsByIds(eventId: number, ids: readonly string[]) { return this.#claims.factsByIds(eventId, ids); }
  addFactReviews(eventId: number, reviews: readonly FactReview[]) { return this.#claims.addReviews(eventId, reviews); }
  factReviews(eventId: number) { return this.#claims.reviews(eventId); }

  ingestFacts(eventId: number, facts: readonly Fact[], receivedAt: number): IngestResult {
    return this.#facts.ingest(eventId, facts, receivedAt);
  }
  factsAfter(eventId: number, cursor: number, limit: number): ServerFact[] {
    return this.#facts.after(eventId, cursor, limit);
  }
  factsOf(eventId: number): { facts: ServerFact[]; cursor: number } {
    return this.#facts.all(eventId);
  }
  addPairingCode(eventId: number, codeHash: string, expiresAt: number): void {
    this.#devices.addCode(eventId, codeHash, expiresAt);
  }
  pairingCodeEvent(codeHash: string, now: number): number | undefined {
    return this.#devices.codeEvent(codeHash, now);
  }
  redeemPairingCode(codeHash: string, device: NewDevice, now: number): RedeemResult {
    return this.transaction((tx) => access.redeemPairingCode(tx, codeHash, device, now));
  }
  deviceByTokenHash(tokenHash: string): DeviceRecord | undefined {
    return this.#devices.byTokenHash(tokenHash);
  }
  listDevices(eventId: number): DeviceRecord[] {
    return this.#devices.ofEvent(eventId);
  }
  revokeDevice(eventId: number, deviceId: string, now: number): boolean {
    return this.#devices.revoke(eventId, deviceId, now);
  }
  deviceIdTaken(deviceId: string): boolean {
    return this.#devices.idTaken(deviceId);
  }
  touchDevice(eventId: number, deviceId: string, seen: DeviceSeen): void {
    this.#devices.touch(eventId, deviceId, seen);
  }
  listCoordinators(): CoordinatorRecord[] {
    return this.#accounts.list();
  }
  getCoordinator(username: string): CoordinatorRecord | undefined {
    return this.#accounts.get(username);
  }
  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): void {
    return this.transaction((tx) => access.issueSetupToken(tx, username, tokenHash, expiresAt, now));
  }
  setPassword(username: string, hash: string, salt: string, now: number): void {
    return this.transaction((tx) => access.setPassword(tx, username, hash, salt, now));
  }
  completeSetup(tokenHash: string, hash: string, salt: string, now: number): string | undefined {
    return this.transaction((tx) => access.completeSetup(tx, tokenHash, hash, salt, now));
  }
  createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): void {
    return this.transaction((tx) => access.createSession(tx, session));
  }
  sessionUser(idHash: string, now: number): string | undefined {
    return this.#accounts.sessionUser(idHash, now);
  }
  deleteSession(idHash: string): void {
    this.#accounts.deleteSession(idHash);
  }
  addShareLink(link: { id: string; eventId: number; unitId: number; tokenHash: string; createdAt: number }): void {
    this.#shares.add(link);
  }
  shareLinkByTokenHash(tokenHash: string): ShareLinkRecord | undefined {
    return this.#shares.byTokenHash(tokenHash);
  }
  listShareLinks(eventId: number): ShareLinkRecord[] {
    return this.#shares.ofEvent(eventId);
  }
  revokeShareLink(id: string, now: number): boolean {
    return this.#shares.revoke(id, now);
  }

  isEmpty(): boolean {
    return this.#db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined;
  }

  createEvent(input: NewEvent): void {
    this.#db.transaction(() => this.#insertEvent(input))();
  }

  #insertEvent({ event, units, desks, participants, keys }: NewEvent): void {
    const db = this.#db;
    db.prepare(`INSERT INTO events (id, name, venue, date, time_zone, opens_at, arrive_by, starts_at, checkpoints, targets)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(event.id, event.name, event.venue, event.date, event.timeZone,
      event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints), JSON.stringify(event.targets));
    db.prepare('INSERT INTO event_keys (event_id, public_key, private_key) VALUES (?, ?, ?)')
      .run(event.id, keys.publicKey, keys.privateKey);
    const unitInsert = db.prepare(`INSERT INTO units (event_id, id, name, grp, leader_name, leader_phone, quotas, slot_from, slot_to)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const u of units) {
      unitInsert.run(event.id, u.id, u.name, u.group ?? null, u.leaderName ?? null, u.leaderPhone ?? null,
        JSON.stringify(u.quotas), u.slot?.from ?? null, u.slot?.to ?? null);
    }
    const deskInsert = db.prepare('INSERT INTO desks (event_id, id, name, position) VALUES (?, ?, ?, ?)');
    desks.forEach((d, position) => deskInsert.run(event.id, d.id, d.name, position));
    const personInsert = db.prepare('INSERT INTO participants (event_id, no, name, phone, unit_id, category, birth_year) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const p of participants) personInsert.run(event.id, p.no, p.name, p.phone, p.unitId, p.category, p.birthYear ?? null);
  }

  listEvents(): EventSummary[] {
    const rows = this.#db.prepare('SELECT id, name, venue, date, archived_at FROM events ORDER BY date, id').all() as SummaryRow[];
    return z.array(EventSummary).parse(rows.map(summaryFromRow));
  }

  setArchived(eventId: number, at: number | undefined): boolean {
    return this.#db.prepare('UPDATE events SET archived_at = ? WHERE id = ?').run(at ?? null, eventId).changes > 0;
  }

  getEvent(eventId: number): EventInfo | undefined {
    const row = this.#db.prepare('SELECT * FROM events WHERE id = ?').get(eventId) as EventRow | undefined;
    return row && eventFromRow(row);
  }

  unitsOf(eventId: number): Unit[] {
    return (this.#db.prepare('SELECT * FROM units WHERE event_id = ? ORDER BY id').all(eventId) as UnitRow[]).map(unitFromRow);
  }

  getPackage(eventId: number): EventPackage | undefined {
    const row = this.#db.prepare('SELECT * FROM events WHERE id = ?').get(eventId) as EventRow | undefined;
    if (!row) return undefined;
    const keys = this.#db.prepare('SELECT public_key FROM event_keys WHERE event_id = ?')
      .get(eventId) as { public_key: string } | undefined;
    if (!keys) throw new Error(`event ${eventId} has no key pair`);
    const units = (this.#db.prepare('SELECT * FROM units WHERE event_id = ? ORDER BY id').all(eventId) as UnitRow[]).map(unitFromRow);
    const desks = z.array(Desk).parse(this.#db.prepare('SELECT id, name FROM desks WHERE event_id = ? ORDER BY position').all(eventId));
    const participants = (this.#db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = ? ORDER BY no`)
      .all(eventId) as ParticipantRow[]).map(participantFromRow);
    const revoked = this.#db.prepare('SELECT no FROM revoked_codes WHERE event_id = ? ORDER BY no').pluck().all(eventId) as number[];
    return {
      version: row.version, event: eventFromRow(row), publicKey: keys.public_key,
      units, desks, participants, revokedCodes: revoked, rosterSeq: this.#rosterSeq(eventId),
    };
  }

  #rosterSeq(eventId: number): number {
    return (this.#db.prepare('SELECT max(seq) FROM roster_changes WHERE event_id = ?').pluck().get(eventId) as number | null) ?? 0;
  }

  rosterChangesAfter(eventId: number, after: number, limit: number): { changes: RosterChange[]; rosterSeq: number } {
    return this.#db.transaction(() => {
      const rows = this.#db.prepare(`SELECT c.seq, c.no, p.name, p.phone, p.unit_id, p.category, p.birth_year FROM roster_changes c
        LEFT JOIN participants p ON p.event_id = c.event_id AND p.no = c.no
        WHERE c.event_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`).all(eventId, after, limit) as Array<{ seq: number } & Omit<ParticipantRow, 'name'> & { name: string | null }>;
      const changes = rows.map((r) => ({ seq: r.seq, no: r.no, participant: r.name === null ? null : participantFromRow(r as ParticipantRow) }));
      return { changes, rosterSeq: this.#rosterSeq(eventId) };
    })();
  }

  getPrivateKey(eventId: number): string | undefined {
    return this.#db.prepare('SELECT private_key FROM event_keys WHERE event_id = ?').pluck().get(eventId) as string | undefined;
  }

  getUnit(eventId: number, unitId: number): Unit | undefined {
    const row = this.#db.prepare('SELECT * FROM units WHERE event_id = ? AND id = ?').get(eventId, unitId) as UnitRow | undefined;
    return row && unitFromRow(row);
  }

  getParticipant(eventId: number, codeNo: number): Participant | undefined {
    const row = this.#db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = ? AND no = ?`)
      .get(eventId, codeNo) as ParticipantRow | undefined;
    return row && participantFromRow(row);
  }

  participantsOfUnit(eventId: number, unitId: number): Participant[] {
    const rows = this.#db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = ? AND unit_id = ? ORDER BY no`)
      .all(eventId, unitId) as ParticipantRow[];
    return rows.map(participantFromRow);
  }

  revokeCode(eventId: number, codeNo: number): boolean {
    return this.transaction((tx) => roster.revokeCode(tx, eventId, codeNo));
  }

  rosterIdentities(eventId: number): RosterIdentity[] {
    return this.#roster.identities(eventId);
  }
  importParticipants(eventId: number, people: readonly NewParticipant[], expectedVersion: number): ImportOutcome {
    return this.transaction((tx) => roster.importParticipants(tx, eventId, people, expectedVersion));
  }
  packageVersion(eventId: number): number | undefined {
    return this.#roster.version(eventId);
  }

  addEvent(input: { event: Omit<EventInfo, 'id'>; desks: Desk[]; keys: EventKeys }): number {
    return this.#edit.addEvent(input);
  }
  updateEvent(eventId: number, event: Omit<EventInfo, 'id'>): boolean {
    return this.transaction((tx) => edit.updateEvent(tx, eventId, event));
  }
  saveUnit(eventId: number, unit: UnitDraft): Unit | undefined {
    return this.transaction((tx) => edit.saveUnit(tx, eventId, unit));
  }
  deleteUnit(eventId: number, unitId: number): DeleteUnitOutcome {
    return this.transaction((tx) => edit.deleteUnit(tx, eventId, unitId));
  }
  saveDesks(eventId: number, desks: readonly Desk[]): SaveDesksOutcome {
    return this.transaction((tx) => edit.saveDesks(tx, eventId, desks));
  }
  registrationOf(eventId: number): RegistrationSettings | undefined {
    return this.#edit.registration(eventId);
  }
  setRegistration(eventId: number, settings: RegistrationSettings): boolean {
    return this.#edit.setRegistration(eventId, settings);
  }
  selfRegister(eventId: number, person: NewParticipant, options: { cap?: number; makeFact: (no: number) => Fact; now: number }): SelfRegisterOutcome {
    return this.transaction((tx) => roster.selfRegister(tx, eventId, person, options));
  }
  resolveWalkIn(eventId: number, target: { adopt: NewParticipant } | { no: number }, options: { makeFacts: (person: Participant) => Fact[]; now: number }): { no: number; cursor: number } | undefined {
    return this.transaction((tx) => roster.resolveWalkIn(tx, eventId, target, options));
  }
  reissueCode(eventId: number, codeNo: number): ReissueOutcome {
    return this.transaction((tx) => roster.reissueCode(tx, eventId, codeNo));
  }
  codeMasks(eventId: number, nos: readonly number[]): Map<number, number> {
    return this.#roster.masks(eventId, nos);
  }
  saveCodeMasks(eventId: number, masks: ReadonlyMap<number, number>): void {
    this.#roster.saveMasks(eventId, masks);
  }
  codesWithoutMask(eventId: number, limit: number): number[] {
    return this.#roster.withoutMask(eventId, limit);
  }

  /** An online, consistent copy into `file`, made by a worker so pushes never wait for it. */
  backup(file: string): Promise<void> {
    return backupInWorker(this.#db.name, file);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
