// The national-scale store: PostgreSQL shared by any number of stateless server processes.
// Same Store port and the same rules as SqliteStore; every answer is a promise.
import type { Pool } from 'pg';
import * as z from 'zod/mini';
import {
  Desk, EventInfo, EventSummary, Participant, Unit, type EventPackage, type Fact,
} from '../shared/schemas.ts';
import type { RosterChange, ServerFact } from '../shared/sync.ts';
import { PgAccounts } from './pg-accounts.ts';
import { PgDevices } from './pg-devices.ts';
import { PgFactLog } from './pg-facts.ts';
import { PgShares } from './pg-shares.ts';
import { importEventDump, type EventDump, type ImportSummary } from './pg-import.ts';
import { migratePg } from './pg-migrations.ts';
import { createPool, inTransaction, type Queryable } from './pg-pool.ts';
import type {
  CoordinatorRecord, DeviceRecord, IngestResult, NewDevice, NewEvent, RedeemResult, ShareLinkRecord, Store,
} from './store.ts';

interface EventRow {
  id: number; name: string; venue: string; date: string; time_zone: string;
  opens_at: string; arrive_by: string | null; starts_at: string | null;
  checkpoints: unknown; targets: unknown; version: number;
}
interface UnitRow {
  id: number; name: string; grp: string | null; leader_name: string | null;
  leader_phone: string | null; quotas: unknown; slot_from: string | null; slot_to: string | null;
}
interface ParticipantRow { no: number; name: string; phone: string; unit_id: number; category: string }

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function eventFromRow(row: EventRow): EventInfo {
  return EventInfo.parse({
    id: row.id, name: row.name, venue: row.venue, date: row.date, timeZone: row.time_zone,
    opensAt: row.opens_at, arriveBy: orUndefined(row.arrive_by), startsAt: orUndefined(row.starts_at),
    checkpoints: row.checkpoints, targets: row.targets,
  });
}

function unitFromRow(row: UnitRow): Unit {
  const slot = row.slot_from !== null && row.slot_to !== null ? { from: row.slot_from, to: row.slot_to } : undefined;
  return Unit.parse({
    id: row.id, name: row.name, group: orUndefined(row.grp), leaderName: orUndefined(row.leader_name),
    leaderPhone: orUndefined(row.leader_phone), quotas: row.quotas, slot,
  });
}

// Rosters run to tens of thousands; the package as a whole is parsed again at the HTTP edge.
const participantFromRow = (row: ParticipantRow): Participant => ({
  no: row.no, name: row.name, phone: row.phone, unitId: row.unit_id, category: row.category,
});

const PARTICIPANT_COLUMNS = 'no, name, phone, unit_id, category';
/** Advisory-lock key pair for work one process at a time must do, such as seeding an empty database. */
const STARTUP_LOCK = [0x6464, 2] as const;

/** Inserts an event's rows in bulk (unnest), so a 20,000-person roster is a few statements. */
async function insertEvent(db: Queryable, { event, units, desks, participants, keys }: NewEvent): Promise<void> {
  await db.query(`INSERT INTO events (id, name, venue, date, time_zone, opens_at, arrive_by, starts_at, checkpoints, targets)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [event.id, event.name, event.venue, event.date, event.timeZone,
    event.opensAt, event.arriveBy ?? null, event.startsAt ?? null, JSON.stringify(event.checkpoints), JSON.stringify(event.targets)]);
  await db.query('INSERT INTO event_keys (event_id, public_key, private_key) VALUES ($1, $2, $3)', [event.id, keys.publicKey, keys.privateKey]);
  await db.query('INSERT INTO fact_cursors (event_id) VALUES ($1)', [event.id]);
  await db.query(`INSERT INTO units (event_id, id, name, grp, leader_name, leader_phone, quotas, slot_from, slot_to)
    SELECT $1::bigint, u.id, u.name, u.grp, u.leader_name, u.leader_phone, u.quotas, u.slot_from, u.slot_to
    FROM jsonb_to_recordset($2::jsonb) AS u(id bigint, name text, grp text, leader_name text, leader_phone text,
      quotas jsonb, slot_from text, slot_to text)`, [event.id, JSON.stringify(units.map((u) => ({
    id: u.id, name: u.name, grp: u.group ?? null, leader_name: u.leaderName ?? null, leader_phone: u.leaderPhone ?? null,
    quotas: u.quotas, slot_from: u.slot?.from ?? null, slot_to: u.slot?.to ?? null,
  })))]);
  await db.query(`INSERT INTO desks (event_id, id, name, position)
    SELECT $1::bigint, d.id, d.name, d.position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)`,
  [event.id, desks.map((d) => d.id), desks.map((d) => d.name)]);
  await db.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category)
    SELECT $1::bigint, p.* FROM unnest($2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[]) AS p`,
  [event.id, participants.map((p) => p.no), participants.map((p) => p.name), participants.map((p) => p.phone),
    participants.map((p) => p.unitId), participants.map((p) => p.category)]);
}

/** The event's latest roster change, 0 before any. */
async function rosterSeqOf(db: Queryable, eventId: number): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM roster_changes WHERE event_id = $1', [eventId]);
  return rows[0]?.seq ?? 0;
}

/** Store backed by a PostgreSQL pool; open it with `PgStore.open(url)`, which migrates first. */
export class PgStore implements Store {
  readonly #pool: Pool;
  readonly #facts: PgFactLog;
  readonly #devices: PgDevices;
  readonly #accounts: PgAccounts;
  readonly #shares: PgShares;

  private constructor(pool: Pool) {
    this.#pool = pool;
    this.#facts = new PgFactLog(pool);
    this.#devices = new PgDevices(pool);
    this.#accounts = new PgAccounts(pool);
    this.#shares = new PgShares(pool);
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

  // The log, devices and accounts live in their own modules; these only delegate.
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
  redeemPairingCode(codeHash: string, device: NewDevice, now: number): Promise<RedeemResult> {
    return this.#devices.redeem(codeHash, device, now);
  }
  deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | undefined> {
    return this.#devices.byTokenHash(tokenHash);
  }
  listDevices(eventId: number): Promise<DeviceRecord[]> {
    return this.#devices.ofEvent(eventId);
  }
  revokeDevice(deviceId: string, now: number): Promise<boolean> {
    return this.#devices.revoke(deviceId, now);
  }
  touchDevice(eventId: number, deviceId: string, seen: { at: number; pending?: number; appVersion?: string }): Promise<void> {
    return this.#devices.touch(eventId, deviceId, seen);
  }
  listCoordinators(): Promise<CoordinatorRecord[]> {
    return this.#accounts.list();
  }
  getCoordinator(username: string): Promise<CoordinatorRecord | undefined> {
    return this.#accounts.get(username);
  }
  issueSetupToken(username: string, tokenHash: string, expiresAt: number, now: number): Promise<void> {
    return this.#accounts.issueSetupToken(username, tokenHash, expiresAt, now);
  }
  setPassword(username: string, hash: string, salt: string, now: number): Promise<void> {
    return this.#accounts.setPassword(username, hash, salt, now);
  }
  completeSetup(tokenHash: string, hash: string, salt: string, now: number): Promise<string | undefined> {
    return this.#accounts.completeSetup(tokenHash, hash, salt, now);
  }
  createSession(session: { idHash: string; username: string; expiresAt: number; now: number }): Promise<void> {
    return this.#accounts.createSession(session);
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
    const { rows } = await this.#pool.query('SELECT id, name, venue, date FROM events ORDER BY date, id');
    return z.array(EventSummary).parse(rows);
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
      const { rows } = await db.query<{ seq: number; no: number; name: string | null; phone: string; unit_id: number; category: string }>(
        `SELECT c.seq, c.no, p.name, p.phone, p.unit_id, p.category FROM roster_changes c
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
    return inTransaction(this.#pool, async (db) => {
      const bumped = await db.query('UPDATE events SET version = version + 1 WHERE id = $1', [eventId]);
      if (bumped.rowCount === 0) return false;
      await db.query('INSERT INTO revoked_codes (event_id, no) VALUES ($1, $2) ON CONFLICT DO NOTHING', [eventId, codeNo]);
      return true;
    });
  }

  /** Ends the pool; waits for queries in flight. */
  async close(): Promise<void> {
    if (!this.#pool.ended) await this.#pool.end();
  }
}
