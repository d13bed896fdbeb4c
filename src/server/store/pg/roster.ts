// Roster changes in PostgreSQL, with the same rules as sqlite-roster.ts. SQLite's single writer
// made "read the version, then write" safe; here each change first locks the event's row
// (FOR NO KEY UPDATE, which still lets facts and people referencing the event be inserted), so
// two server processes importing against the same version or taking the same next code number
// wait for each other instead of both succeeding.
import type { Pool, PoolClient } from 'pg';
import type { Fact, Participant } from '../../../shared/schemas.ts';
import { ingestFactsWith } from './facts.ts';
import { inTransaction } from './pool.ts';
import { PARTICIPANT_COLUMNS, participantFromRow, type ParticipantRow } from './rows.ts';
import type { ImportOutcome, NewParticipant, ReissueOutcome, RosterIdentity, SelfRegisterOutcome } from '../store.ts';

/** The event's package version with its row locked until the transaction ends; undefined for an unknown event. */
export async function lockedVersion(client: PoolClient, eventId: number): Promise<number | undefined> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM events WHERE id = $1 FOR NO KEY UPDATE', [eventId]);
  return rows[0]?.version;
}

/** Adds people after the highest code number and bumps the version; the caller holds the event's row lock. */
async function addPeople(client: PoolClient, eventId: number, people: readonly NewParticipant[], origin: string): Promise<number> {
  const { rows } = await client.query<{ last: number }>('SELECT COALESCE(MAX(no), 0) AS last FROM participants WHERE event_id = $1', [eventId]);
  const last = rows[0]!.last;
  // WITH ORDINALITY keeps the rows' order, so the code numbers follow the file.
  await client.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, origin)
    SELECT $1::bigint, $2::bigint + p.ord, p.name, p.phone, p.unit_id, p.category, p.id_number, $8::text
    FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) WITH ORDINALITY
      AS p(name, phone, unit_id, category, id_number, ord)
    ORDER BY p.ord`,
  [eventId, last, people.map((p) => p.name), people.map((p) => p.phone), people.map((p) => p.unitId),
    people.map((p) => p.category), people.map((p) => p.idNumber ?? null), origin]);
  await client.query('UPDATE events SET version = version + 1 WHERE id = $1', [eventId]);
  return last + 1;
}

/** Roster writes for PgStore; one transaction per method. */
export class PgRoster {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async version(eventId: number): Promise<number | undefined> {
    const { rows } = await this.#pool.query<{ version: number }>('SELECT version FROM events WHERE id = $1', [eventId]);
    return rows[0]?.version;
  }

  async identities(eventId: number): Promise<RosterIdentity[]> {
    const { rows } = await this.#pool.query<{ no: number; name: string; phone: string; id_number: string | null }>(
      'SELECT no, name, phone, id_number FROM participants WHERE event_id = $1 ORDER BY no', [eventId]);
    return rows.map((r) => (r.id_number === null ? { no: r.no, name: r.name, phone: r.phone }
      : { no: r.no, name: r.name, phone: r.phone, idNumber: r.id_number }));
  }

  /** The version check and the inserts are one transaction under the row lock: nothing lands on a roster the check did not see. */
  import(eventId: number, people: readonly NewParticipant[], expectedVersion: number): Promise<ImportOutcome> {
    return inTransaction(this.#pool, async (client): Promise<ImportOutcome> => {
      const version = await lockedVersion(client, eventId);
      if (version === undefined) return { kind: 'event-not-found' };
      if (version !== expectedVersion) return { kind: 'version-changed', version };
      const firstNo = await addPeople(client, eventId, people, 'import');
      return { kind: 'imported', firstNo, lastNo: firstNo + people.length - 1, version: version + 1 };
    });
  }

  async masks(eventId: number, nos: readonly number[]): Promise<Map<number, number>> {
    const { rows } = await this.#pool.query<{ no: number; qr_mask: number }>(
      'SELECT no, qr_mask FROM participants WHERE event_id = $1 AND qr_mask IS NOT NULL AND no = ANY($2::bigint[])', [eventId, [...nos]]);
    return new Map(rows.map((r) => [r.no, r.qr_mask]));
  }

  /** One statement; qr_mask is not a column desks hold, so the change-log trigger stays quiet. */
  async saveMasks(eventId: number, masks: ReadonlyMap<number, number>): Promise<void> {
    if (masks.size === 0) return;
    await this.#pool.query(`UPDATE participants p SET qr_mask = m.mask FROM unnest($2::bigint[], $3::int[]) AS m(no, mask)
      WHERE p.event_id = $1 AND p.no = m.no`, [eventId, [...masks.keys()], [...masks.values()]]);
  }

  async withoutMask(eventId: number, limit: number): Promise<number[]> {
    const { rows } = await this.#pool.query<{ no: number }>(
      'SELECT no FROM participants WHERE event_id = $1 AND qr_mask IS NULL ORDER BY no LIMIT $2', [eventId, limit]);
    return rows.map((r) => r.no);
  }

  reissue(eventId: number, codeNo: number): Promise<ReissueOutcome> {
    return inTransaction(this.#pool, async (client): Promise<ReissueOutcome> => {
      const version = await lockedVersion(client, eventId);
      if (version === undefined) return { kind: 'not-found' };
      const exists = await client.query('SELECT 1 FROM participants WHERE event_id = $1 AND no = $2', [eventId, codeNo]);
      if (exists.rowCount === 0) return { kind: 'not-found' };
      const revoked = await client.query('SELECT 1 FROM revoked_codes WHERE event_id = $1 AND no = $2', [eventId, codeNo]);
      if (revoked.rowCount !== 0) return { kind: 'already-reissued' };
      const { rows } = await client.query<{ no: number }>('SELECT MAX(no) + 1 AS no FROM participants WHERE event_id = $1', [eventId]);
      const no = rows[0]!.no;
      await client.query(`INSERT INTO participants (event_id, no, name, phone, unit_id, category, id_number, origin)
        SELECT event_id, $3, name, phone, unit_id, category, id_number, 'reissue' FROM participants WHERE event_id = $1 AND no = $2`,
      [eventId, codeNo, no]);
      // The ID number now belongs to the new entry; the old one stays only as a voided number.
      await client.query('UPDATE participants SET id_number = NULL WHERE event_id = $1 AND no = $2', [eventId, codeNo]);
      await client.query('INSERT INTO revoked_codes (event_id, no) VALUES ($1, $2)', [eventId, codeNo]);
      await client.query('UPDATE events SET version = version + 1 WHERE id = $1', [eventId]);
      return { kind: 'reissued', oldNo: codeNo, no, version: version + 1 };
    });
  }

  /** Under the row lock, so two people racing for the last place, or one phone twice, cannot both get in. */
  selfRegister(eventId: number, person: NewParticipant, options: { cap?: number; makeFact: (no: number) => Fact; now: number }): Promise<SelfRegisterOutcome> {
    return inTransaction(this.#pool, async (client): Promise<SelfRegisterOutcome> => {
      if (await lockedVersion(client, eventId) === undefined) return { kind: 'event-not-found' };
      const taken = await client.query('SELECT 1 FROM participants WHERE event_id = $1 AND phone = $2 LIMIT 1', [eventId, person.phone]);
      if (taken.rowCount !== 0) return { kind: 'phone-taken' };
      if (options.cap !== undefined) {
        // Re-issued codes leave a voided copy of the person behind; they are not counted twice.
        const { rows } = await client.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM participants p WHERE p.event_id = $1
          AND p.unit_id = $2 AND NOT EXISTS (SELECT 1 FROM revoked_codes r WHERE r.event_id = $1 AND r.no = p.no)`, [eventId, person.unitId]);
        if (rows[0]!.count >= options.cap) return { kind: 'unit-full' };
      }
      const no = await addPeople(client, eventId, [person], 'self');
      const { cursor } = await ingestFactsWith(client, eventId, [options.makeFact(no)], options.now);
      return { kind: 'registered', no, cursor };
    });
  }

  /** Adopting a walk-in and storing their re-keying facts commit together, or neither does. */
  resolveWalkIn(eventId: number, target: { adopt: NewParticipant } | { no: number },
    options: { makeFacts: (person: Participant) => Fact[]; now: number }): Promise<{ no: number; cursor: number } | undefined> {
    return inTransaction(this.#pool, async (client) => {
      let no: number;
      if ('adopt' in target) {
        if (await lockedVersion(client, eventId) === undefined) return undefined;
        no = await addPeople(client, eventId, [target.adopt], 'walk-in');
      } else no = target.no;
      const { rows } = await client.query<ParticipantRow>(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 AND no = $2`, [eventId, no]);
      if (!rows[0]) return undefined;
      const { cursor } = await ingestFactsWith(client, eventId, options.makeFacts(participantFromRow(rows[0])), options.now);
      return { no, cursor };
    });
  }
}
