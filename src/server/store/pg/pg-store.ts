// The national-scale store: PostgreSQL shared by any number of stateless server processes.
// Same Store port as SqliteStore, and the same rules, because both run those of ../rules/;
// this class only stores. Every answer is a promise.
import type { Pool } from 'pg';
import * as z from 'zod/mini';
import type { RegistrationSettings, UnitDraft } from '../../../shared/event-setup.ts';
import {
  Desk, EventInfo, EventSummary, Participant, Unit, type EventPackage, type Fact,
} from '../../../shared/schemas.ts';
import type { RosterChange, ServerFact } from '../../../shared/sync.ts';
import type { FactReview } from '../../../shared/fact-review.ts';
import { PgAccounts } from './accounts.ts';
import { PgDevices } from './devices.ts';
import { PgEventEdit } from './event-edit.ts';
import { PgFactLog } from './facts.ts';
import { PgClaims } from './claims.ts';
import { PgShares } from './shares.ts';
import { importEventDump, type EventDump, type ImportSummary } from './import-event.ts';
import { migratePg } from './migrations.ts';
import { createPool, inTransaction } from './pool.ts';
import { PgRoster } from './roster.ts';
import { PgTx } from './tx.ts';
import * as access from '../rules/access-rules.ts';
import * as edit from '../rules/event-edit-rules.ts';
import * as roster from '../rules/roster-rules.ts';
import { drainAsync, rolledBack, type Rule } from '../rules/run.ts';
import type { RuleEngine, StoreTx } from '../rules/tx.ts';
import {
  eventFromRow, insertEvent, PARTICIPANT_COLUMNS, participantFromRow, rosterSeqOf, unitFromRow,
  type EventRow, type ParticipantRow, type UnitRow,
} from './rows.ts';
import { summaryFromRow, type SummaryRow } from '../rows.ts';
import type {
  CoordinatorRecord, DeleteUnitOutcome, DeviceRecord, DeviceSeen, EventKeys, ImportOutcome, IngestResult, NewDevice, NewEvent, NewParticipant,
  RedeemResult, ReissueOutcome, RosterIdentity, SaveDesksOutcome, SelfRegisterOutcome, ShareLinkRecord, Store,
} from '../store.ts';

/** Advisory-lock key pair for work one process at a time must do, such as seeding an empty database. */
const STARTUP_LOCK = [0x6464, 2] as const;

/** Store backed by a PostgreSQL pool; open it with `PgStore.open(url)`, which migrates first. */
export class PgStore implements Store, RuleEngine {
  readonly #pool: Pool;
  readonly #facts: PgFactLog;
  readonly #devices: PgDevices;
  readonly #accounts: PgAccounts;
  readonly #shares: PgShares;
  readonly #claims: PgClaims;
  readonly #roster: PgRoster;
  readonly #edit: PgEventEdit;

  private constructor(pool: Pool) {
    this.#pool = pool;
    this.#facts = new PgFactLog(pool);
    this.#devices = new PgDevices(pool);
    this.#accounts = new PgAccounts(pool);
    this.#shares = new PgShares(pool);
    this.#claims = new PgClaims(pool);
    this.#roster = new PgRoster(pool);
    this.#edit = new PgEventEdit(pool);
  }

  /** Runs a rule in one transaction on one connection; its primitives take the row locks its checks need. */
  async transaction<R>(rule: (tx: StoreTx) => Rule<R>): Promise<R> {
    try {
      return await inTransaction(this.#pool, (client) => drainAsync(rule(new PgTx(client))));
    } catch (error) {
      return rolledBack<R>(error);
    }
  }

  /** Connects and runs pending migrations (once, whichever process gets there first). */
  static async open(url: string, options: { poolSize?: number } = {}): Promise<PgStore> {
    const pool = createPool(url, options.poolSize);
    try {
      await migratePg(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStore(pool);
  }

  /** Runs `work` while holding a database-wide lock, so N processes starting at once seed an empty database once. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, $2)', [...STARTUP_LOCK]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [...STARTUP_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  /** Writes an event moved from the embedded store, all or nothing; refuses one that exists (EventExistsError). */
  importEvent(dump: EventDump): Promise<ImportSummary> {
    return inTransaction(this.#pool, (client) => importEventDump(client, dump, insertEvent));
  }

  // The log, devices, accounts and links live in their own modules; rules run through transaction().
  deskIdsOf(eventId: number) { return this.#claims.deskIds(eventId); }
  participantsByNo(eventId: number, nos: readonly number[]) { return this.#claims.participantsByNo(eventId, nos); }
  factsByIds(eventId: number, ids: readonly string[]) { return this.#claims.factsByIds(eventId, ids); }
  addFactReviews(eventId: number, reviews: readonly FactReview[]) { return this.#claims.addReviews(eventId, reviews); }
  factReviews(eventId: number) { return this.#claims.reviews(eventId); }

  ingestFacts(eventId: number, facts: readonly Fact[], receivedAt: number): Promise<IngestResult> {
    return this.#facts.ingest(eventId, facts, receivedAt);
  }
  factsAfter(eventId: number, cursor: number, limit: number): Promise<ServerFact[]> {
    return this.#facts.after(eventId, cursor, limit);
  }
  factsOf(eventId: number): Promise<{ facts: ServerFact[]; cursor: number }> {
    return this.#facts.all(eventId);
  }
  addPairingCode(eventId: number, codeHash: string, expiresAt: number): Promise<void> {
    return this.#devices.addCode(eventId, codeHash, expiresAt);
  }
  pairingCodeEvent(codeHash: string, now: number): Promise<number | undefined> {
    return this.#devices.codeEvent(codeHash, now);
  }
  redeemPairingCode(codeHash: string, device: NewDevice, now: number): Promise<RedeemResult> {
    return this.transaction((tx) => access.redeemPairingCode(tx, codeHash, device, now));
  }
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    return this.#devices.byTokenHash(tokenHash);
  }
  listDevices(eventId: number): Promise<DeviceRecord[]> {
    return this.#devices.ofEvent(eventId);
  }
  revokeDevice(eventId: number, deviceId: string, now: number): Promise<boolean> {
    return this.#devices.revoke(eventId, deviceId, now);
  }
  deviceIdTaken(deviceId: string): Promise<boolean> {
    return this.#devices.idTaken(deviceId);
  }
  touchDevice(eventId: number, deviceId: string, seen: DeviceSeen): Promise<void> {
    return this.#devices.touch(eventId, deviceId, seen);
  }
  listCoordinators(): Promise<CoordinatorRecord[]> {
    return this.#accounts.list();
  }
  getCoordinator(username: string): Promise<CoordinatorRecord | undefined> {
    return this.#accounts.get(username);
  }
  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): Promise<void> {
    return this.transaction((tx) => access.issueSetupToken(tx, username, tokenHash, expiresAt, now));
  }
  setPassword(username: string, hash: string, salt: string, now: number): Promise<void> {
    return this.transaction((tx) => access.setPassword(tx, username, hash, salt, now));
  }
  completeSetup(tokenHash: string, hash: string, salt: string, now: number): Promise<string | undefined> {
    return this.transaction((tx) => access.completeSetup(tx, tokenHash, hash, salt, now));
  }
  createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): Promise<void> {
    return this.transaction((tx) => access.createSession(tx, session));
  }
  sessionUser(idHash: string, now: number): Promise<string | undefined> {
    return this.#accounts.sessionUser(idHash, now);
  }
  deleteSession(idHash: string): Promise<void> {
    return this.#accounts.deleteSession(idHash);
  }
  addShareLink(link: { id: string; eventId: number; unitId: number; tokenHash: string; createdAt: number }): Promise<void> {
    return this.#shares.add(link);
  }
  shareLinkByTokenHash(tokenHash: string): Promise<ShareLinkRecord | undefined> {
    return this.#shares.byTokenHash(tokenHash);
  }
  listShareLinks(eventId: number): Promise<ShareLinkRecord[]> {
    return this.#shares.ofEvent(eventId);
  }
  revokeShareLink(id: string, now: number): Promise<boolean> {
    return this.#shares.revoke(id, now);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.#pool.query('SELECT 1 FROM events LIMIT 1')).rowCount === 0;
  }

  async createEvent(input: NewEvent): Promise<void> {
    await inTransaction(this.#pool, (client) => insertEvent(client, input));
  }

  async listEvents(): Promise<EventSummary[]> {
    const { rows } = await this.#pool.query<SummaryRow>('SELECT id, name, venue, date, archived_at FROM events ORDER BY date, id');
    return z.array(EventSummary).parse(rows.map(summaryFromRow));
  }

  async setArchived(eventId: number, at: number | undefined): Promise<boolean> {
    const { rowCount } = await this.#pool.query('UPDATE events SET archived_at = $1 WHERE id = $2', [at ?? null, eventId]);
    return (rowCount ?? 0) > 0;
  }

  async getEvent(eventId: number): Promise<EventInfo | undefined> {
    const { rows } = await this.#pool.query<EventRow>('SELECT * FROM events WHERE id = $1', [eventId]);
    return rows[0] && eventFromRow(rows[0]);
  }

  async unitsOf(eventId: number): Promise<Unit[]> {
    const { rows } = await this.#pool.query<UnitRow>('SELECT * FROM units WHERE event_id = $1 ORDER BY id', [eventId]);
    return rows.map(unitFromRow);
  }

  /** Read in one REPEATABLE READ transaction, so the roster, units and version belong together. */
  getPackage(eventId: number): Promise<EventPackage | undefined> {
    return inTransaction(this.#pool, async (db) => {
      await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const event = (await db.query<EventRow>('SELECT * FROM events WHERE id = $1', [eventId])).rows[0];
      if (!event) return undefined;
      const keys = (await db.query<{ public_key: string }>('SELECT public_key FROM event_keys WHERE event_id = $1', [eventId])).rows[0];
      if (!keys) throw new Error(`event ${eventId} has no key pair`);
      const units = (await db.query<UnitRow>('SELECT * FROM units WHERE event_id = $1 ORDER BY id', [eventId])).rows.map(unitFromRow);
      const desks = z.array(Desk).parse((await db.query('SELECT id, name FROM desks WHERE event_id = $1 ORDER BY position', [eventId])).rows);
      const participants = (await db.query<ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 ORDER BY no`, [eventId])).rows.map(participantFromRow);
      const revoked = (await db.query<{ no: number }>('SELECT no FROM revoked_codes WHERE event_id = $1 ORDER BY no', [eventId])).rows;
      return {
        version: event.version, event: eventFromRow(event), publicKey: keys.public_key,
        units, desks, participants, revokedCodes: revoked.map((r) => r.no), rosterSeq: await rosterSeqOf(db, eventId),
      };
    });
  }

  /** Read in one REPEATABLE READ transaction, so the changes and the latest seq agree. */
  rosterChangesAfter(eventId: number, after: number, limit: number): Promise<{ changes: RosterChange[]; rosterSeq: number }> {
    return inTransaction(this.#pool, async (db) => {
      await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await db.query<{ seq: number } & Omit<ParticipantRow, 'name'> & { name: string | null }>(
        `SELECT c.seq, c.no, p.name, p.phone, p.unit_id, p.category, p.birth_year FROM roster_changes c
         LEFT JOIN participants p ON p.event_id = c.event_id AND p.no = c.no
         WHERE c.event_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3`, [eventId, after, limit]);
      const changes = rows.map((r) => ({ seq: r.seq, no: r.no, participant: r.name === null ? null : participantFromRow(r as ParticipantRow) }));
      return { changes, rosterSeq: await rosterSeqOf(db, eventId) };
    });
  }

  async getPrivateKey(eventId: number): Promise<string | undefined> {
    const { rows } = await this.#pool.query<{ private_key: string }>('SELECT private_key FROM event_keys WHERE event_id = $1', [eventId]);
    return rows[0]?.private_key;
  }

  async getUnit(eventId: number, unitId: number): Promise<Unit | undefined> {
    const { rows } = await this.#pool.query<UnitRow>('SELECT * FROM units WHERE event_id = $1 AND id = $2', [eventId, unitId]);
    return rows[0] && unitFromRow(rows[0]);
  }

  async getParticipant(eventId: number, codeNo: number): Promise<Participant | undefined> {
    const { rows } = await this.#pool.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 AND no = $2`, [eventId, codeNo]);
    return rows[0] && participantFromRow(rows[0]);
  }

  async participantsOfUnit(eventId: number, unitId: number): Promise<Participant[]> {
    const { rows } = await this.#pool.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 AND unit_id = $2 ORDER BY no`, [eventId, unitId]);
    return rows.map(participantFromRow);
  }

  revokeCode(eventId: number, codeNo: number): Promise<boolean> {
    return this.transaction((tx) => roster.revokeCode(tx, eventId, codeNo));
  }

  // Roster reads and event set-up live in roster.ts and event-edit.ts; rules run through transaction().
  rosterIdentities(eventId: number): Promise<RosterIdentity[]> {
    return this.#roster.identities(eventId);
  }
  importParticipants(eventId: number, people: readonly NewParticipant[], expectedVersion: number): Promise<ImportOutcome> {
    return this.transaction((tx) => roster.importParticipants(tx, eventId, people, expectedVersion));
  }
  packageVersion(eventId: number): Promise<number | undefined> {
    return this.#roster.version(eventId);
  }
  reissueCode(eventId: number, codeNo: number): Promise<ReissueOutcome> {
    return this.transaction((tx) => roster.reissueCode(tx, eventId, codeNo));
  }
  codeMasks(eventId: number, nos: readonly number[]): Promise<Map<number, number>> {
    return this.#roster.masks(eventId, nos);
  }
  saveCodeMasks(eventId: number, masks: ReadonlyMap<number, number>): Promise<void> {
    return this.#roster.saveMasks(eventId, masks);
  }
  codesWithoutMask(eventId: number, limit: number): Promise<number[]> {
    return this.#roster.withoutMask(eventId, limit);
  }
  selfRegister(eventId: number, person: NewParticipant, options: { cap?: number; makeFact: (no: number) => Fact; now: number }): Promise<SelfRegisterOutcome> {
    return this.transaction((tx) => roster.selfRegister(tx, eventId, person, options));
  }
  resolveWalkIn(eventId: number, target: { adopt: NewParticipant } | { no: number }, options: { makeFacts: (person: Participant) => Fact[]; now: number }): Promise<{ no: number; cursor: number } | undefined> {
    return this.transaction((tx) => roster.resolveWalkIn(tx, eventId, target, options));
  }
  addEvent(input: { event: Omit<EventInfo, 'id'>; desks: Desk[]; keys: EventKeys }): Promise<number> {
    return this.#edit.addEvent(input);
  }
  updateEvent(eventId: number, event: Omit<EventInfo, 'id'>): Promise<boolean> {
    return this.transaction((tx) => edit.updateEvent(tx, eventId, event));
  }
  saveUnit(eventId: number, unit: UnitDraft): Promise<Unit | undefined> {
    return this.transaction((tx) => edit.saveUnit(tx, eventId, unit));
  }
  deleteUnit(eventId: number, unitId: number): Promise<DeleteUnitOutcome> {
    return this.transaction((tx) => edit.deleteUnit(tx, eventId, unitId));
  }
  saveDesks(eventId: number, desks: readonly Desk[]): Promise<SaveDesksOutcome> {
    return this.transaction((tx) => edit.saveDesks(tx, eventId, desks));
  }
  registrationOf(eventId: number): Promise<RegistrationSettings | undefined> {
    return this.#edit.registration(eventId);
  }
  setRegistration(eventId: number, settings: RegistrationSettings): Promise<boolean> {
    return this.#edit.setRegistration(eventId, settings);
  }

  /** Ends the pool; waits for queries in flight. */
  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
