// The check-in log in PostgreSQL: the same rules as sqlite-facts.ts (one transaction per batch,
// insert-or-ignore on the fact id, unrostered codes flagged, duplicate admissions marked), done
// set-wise so a 500-fact batch costs a handful of round trips instead of a thousand.
import type { Pool, PoolClient } from 'pg';
import type { Fact } from '../shared/schemas.ts';
import type { ServerFact } from '../shared/sync.ts';
import { inTransaction } from './pg-pool.ts';
import type { IngestResult } from './store.ts';

interface FactRow {
  seq: number; id: string; event_id: number; kind: string; person_key: string; unit_id: number;
  category: string; checkpoint: string; method: string; device_id: string; desk_id: string;
  device_time: number; clock_offset_ms: number; voids: string | null; walk_in: Fact['walkIn'] | null;
  unknown: boolean; received_at: number; duplicate: boolean;
}

/** Rows were written from parsed facts, so their enums are trusted on the way back out. */
function factFromRow(row: FactRow): ServerFact {
  const fact: ServerFact = {
    id: row.id, eventId: row.event_id, kind: row.kind as Fact['kind'], personKey: row.person_key,
    unitId: row.unit_id, category: row.category, checkpoint: row.checkpoint as Fact['checkpoint'],
    method: row.method as Fact['method'], deviceId: row.device_id, deskId: row.desk_id,
    deviceTime: row.device_time, clockOffsetMs: row.clock_offset_ms, seq: row.seq, receivedAt: row.received_at,
  };
  if (row.voids !== null) fact.voids = row.voids;
  if (row.walk_in !== null) fact.walkIn = row.walk_in;
  if (row.unknown) fact.unknown = true;
  if (row.duplicate) fact.duplicate = true;
  return fact;
}

// Insert-or-ignore on the id only: any other violation (a bad kind) fails the whole batch.
export const INSERT_FACTS = `
  INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method, device_id,
    desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
  SELECT $1::bigint, r.seq, r.id, r.kind, r.person_key, r.unit_id, r.category, r.checkpoint, r.method, r.device_id,
    r.desk_id, r.device_time, r.clock_offset_ms, r.voids, r.walk_in, r.unknown, $2::bigint
  FROM jsonb_to_recordset($3::jsonb) AS r(seq bigint, id text, kind text, person_key text, unit_id bigint,
    category text, checkpoint text, method text, device_id text, desk_id text, device_time bigint,
    clock_offset_ms bigint, voids text, walk_in jsonb, unknown boolean)
  ORDER BY r.seq
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq`;

/** Walk-ins carry their own key; any other key must be a code number on the event's roster. */
const isWalkInKey = (personKey: string): boolean => personKey.startsWith('w:');
const asCodeNumber = (personKey: string): number | undefined =>
  (/^\d{1,10}$/.test(personKey) ? Number(personKey) : undefined);

/**
 * The batch's admissions to flag for review, decided as SqliteFactLog#unrostered does: a key
 * that is neither a walk-in nor a code number on the roster. One indexed lookup per batch.
 */
async function unrosteredIds(client: PoolClient, eventId: number, facts: readonly Fact[]): Promise<Set<string>> {
  const admits = facts.filter((f) => f.kind === 'admit' && f.unknown !== true && !isWalkInKey(f.personKey));
  const numbers = [...new Set(admits.flatMap((f) => { const no = asCodeNumber(f.personKey); return no === undefined ? [] : [no]; }))];
  const rostered = new Set<number>();
  if (numbers.length > 0) {
    const { rows } = await client.query<{ no: number }>(
      'SELECT no FROM participants WHERE event_id = $1 AND no = ANY($2::bigint[])', [eventId, numbers]);
    for (const row of rows) rostered.add(row.no);
  }
  return new Set(admits.filter((f) => { const no = asCodeNumber(f.personKey); return no === undefined || !rostered.has(no); }).map((f) => f.id));
}

// The admissions of the touched (person, checkpoint) groups, with whether each was voided: the
// groups of the new admissions ($2, $3) and of the admissions the new voids name ($4). Each
// LATERAL (OFFSET 0 / LIMIT 1) stays a per-group index probe: its cost never grows with the
// log, whatever the planner's statistics say about a table that filled up a minute ago.
export const GROUP_ADMISSIONS = `
  WITH touched AS (
    SELECT person_key, checkpoint FROM unnest($2::text[], $3::text[]) AS u(person_key, checkpoint)
    UNION
    SELECT person_key, checkpoint FROM facts WHERE id = ANY($4::text[]) AND event_id = $1 AND kind = 'admit'
  ), g AS (SELECT person_key, checkpoint, row_number() OVER () AS ord FROM touched)
  SELECT g.ord, a.id, a.device_time + a.clock_offset_ms AS at, a.duplicate, v.voided IS NOT NULL AS voided
  FROM g CROSS JOIN LATERAL (SELECT id, device_time, clock_offset_ms, duplicate FROM facts
    WHERE event_id = $1 AND person_key = g.person_key AND checkpoint = g.checkpoint AND kind = 'admit' OFFSET 0) a
  LEFT JOIN LATERAL (SELECT 1 AS voided FROM facts
    WHERE voids = a.id AND event_id = $1 AND kind = 'void' LIMIT 1) v ON TRUE`;

interface AdmissionRow { ord: number; id: string; at: number; duplicate: boolean; voided: boolean }

/**
 * The duplicate flags that must change: in each group, ordered as standingAdmission() and
 * SqliteFactLog order them (corrected time, then id), the first admission not voided stands and
 * every later one not voided is a duplicate. Done for the whole group, whatever the arrival order.
 */
function flagChanges(rows: readonly AdmissionRow[]): { set: string[]; clear: string[] } {
  const groups = new Map<number, AdmissionRow[]>();
  for (const row of rows) groups.set(row.ord, [...(groups.get(row.ord) ?? []), row]);
  const set: string[] = [];
  const clear: string[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let standingSeen = false;
    for (const row of group) {
      const duplicate = !row.voided && standingSeen;
      if (!row.voided) standingSeen = true;
      if (row.duplicate !== duplicate) (duplicate ? set : clear).push(row.id);
    }
  }
  return { set, clear };
}

/** Re-marks the touched groups' duplicates inside the batch's transaction: one read, at most one write. */
async function settleDuplicates(client: PoolClient, eventId: number, added: readonly Fact[]): Promise<void> {
  const admits = added.filter((f) => f.kind === 'admit');
  const targets = added.flatMap((f) => (f.kind === 'void' && f.voids !== undefined ? [f.voids] : []));
  const { rows } = await client.query<AdmissionRow>(GROUP_ADMISSIONS,
    [eventId, admits.map((f) => f.personKey), admits.map((f) => f.checkpoint), targets]);
  const { set, clear } = flagChanges(rows);
  if (set.length + clear.length === 0) return;
  await client.query('UPDATE facts SET duplicate = (id = ANY($1::text[])) WHERE id = ANY($2::text[])', [set, [...set, ...clear]]);
}

/** A fact as a jsonb_to_recordset row, with the seq it will get if it is new and its review flag. */
const rowOf = (f: Fact, seq: number, unrostered: boolean) => ({
  seq, id: f.id, kind: f.kind, person_key: f.personKey, unit_id: f.unitId, category: f.category,
  checkpoint: f.checkpoint, method: f.method, device_id: f.deviceId, desk_id: f.deskId, device_time: f.deviceTime,
  clock_offset_ms: f.clockOffsetMs, voids: f.voids ?? null, walk_in: f.walkIn ?? null, unknown: f.unknown === true || unrostered,
});

/** The facts table behind PgStore. */
export class PgFactLog {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * One transaction per batch. Locking the event's cursor row first is what keeps seq order
   * equal to commit order across server processes, so a pull or a live stream never skips a fact.
   */
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): Promise<IngestResult> {
    return inTransaction(this.#pool, async (client) => {
      const unique = new Map<string, Fact>();
      for (const fact of facts) if (!unique.has(fact.id)) unique.set(fact.id, fact);
      // Read before taking the lock, so the lock is held for as few round trips as possible.
      const unrostered = await unrosteredIds(client, eventId, [...unique.values()]);
      const locked = await client.query<{ last_seq: number }>(
        'SELECT last_seq FROM fact_cursors WHERE event_id = $1 FOR UPDATE', [eventId]);
      const lastSeq = locked.rows[0]?.last_seq;
      if (lastSeq === undefined) {
        if (facts.length === 0) return { stored: [], inserted: 0, cursor: 0 };
        throw new Error(`facts for unknown event ${eventId}`);
      }
      // A fact held already is skipped by ON CONFLICT and leaves its seq unused: seqs may have gaps, as in SQLite.
      const rows = [...unique.values()].map((f, i) => rowOf(f, lastSeq + 1 + i, unrostered.has(f.id)));
      const inserted = await this.#insert(client, eventId, rows, receivedAt);
      const heldBefore = await this.#heldBy(client, eventId, [...unique.keys()].filter((id) => !inserted.has(id)));
      if (inserted.size > 0) {
        await settleDuplicates(client, eventId, [...unique.values()].filter((f) => inserted.has(f.id)));
        await client.query('UPDATE fact_cursors SET last_seq = $2 WHERE event_id = $1', [eventId, Math.max(...inserted.values())]);
      }
      const stored = [...unique.keys()].filter((id) => inserted.has(id) || heldBefore.has(id));
      return { stored, inserted: inserted.size, cursor: Math.max(lastSeq, ...inserted.values()) };
    });
  }

  /** Which of these ids (not inserted just now) this event already holds; ids held by another event are not stored. */
  async #heldBy(client: PoolClient, eventId: number, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await client.query<{ id: string }>('SELECT id FROM facts WHERE id = ANY($2::text[]) AND event_id = $1', [eventId, ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Inserts the new rows; returns id → seq of those actually stored (another event may have won a race for an id). */
  async #insert(client: PoolClient, eventId: number, rows: ReturnType<typeof rowOf>[], receivedAt: number): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const result = await client.query<{ id: string; seq: number }>(INSERT_FACTS, [eventId, receivedAt, JSON.stringify(rows)]);
    return new Map(result.rows.map((r) => [r.id, r.seq]));
  }

  async after(eventId: number, cursor: number, limit: number): Promise<ServerFact[]> {
    const { rows } = await this.#pool.query<FactRow>(
      'SELECT * FROM facts WHERE event_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [eventId, cursor, limit]);
    return rows.map(factFromRow);
  }

  /** One statement, so the log and its cursor are the same moment's. */
  async all(eventId: number): Promise<{ facts: ServerFact[]; cursor: number }> {
    const { rows } = await this.#pool.query<FactRow>('SELECT * FROM facts WHERE event_id = $1 ORDER BY seq', [eventId]);
    const facts = rows.map(factFromRow);
    return { facts, cursor: facts.at(-1)?.seq ?? 0 };
  }
}
