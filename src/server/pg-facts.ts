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
// An admission is flagged unknown when its key is neither a walk-in (`w:…`) nor a code number
// on the event's roster, exactly as SqliteFactLog#unrostered decides.
const INSERT = `
  INSERT INTO facts (event_id, seq, id, kind, person_key, unit_id, category, checkpoint, method, device_id,
    desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
  SELECT $1::bigint, r.seq, r.id, r.kind, r.person_key, r.unit_id, r.category, r.checkpoint, r.method, r.device_id,
    r.desk_id, r.device_time, r.clock_offset_ms, r.voids, r.walk_in,
    r.unknown OR (r.kind = 'admit' AND left(r.person_key, 2) <> 'w:' AND NOT EXISTS (
      SELECT 1 FROM participants p WHERE p.event_id = $1
        AND p.no = CASE WHEN r.person_key ~ '^[0-9]{1,10}$' THEN r.person_key::bigint END)),
    $2::bigint
  FROM jsonb_to_recordset($3::jsonb) AS r(seq bigint, id text, kind text, person_key text, unit_id bigint,
    category text, checkpoint text, method text, device_id text, desk_id text, device_time bigint,
    clock_offset_ms bigint, voids text, walk_in jsonb, unknown boolean)
  ORDER BY r.seq
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq`;

// Same order as standingAdmission() and SqliteFactLog: corrected time, then id (byte order, as
// SQLite compares text). In each touched group the first admission not voided stands; every
// later one not voided is a duplicate. Only rows whose flag changes are written.
const SETTLE_DUPLICATES = `
  WITH touched AS (
    SELECT person_key, checkpoint FROM facts WHERE event_id = $1 AND id = ANY($2::text[]) AND kind = 'admit'
    UNION
    SELECT t.person_key, t.checkpoint FROM facts v
      JOIN facts t ON t.id = v.voids AND t.event_id = $1 AND t.kind = 'admit'
      WHERE v.event_id = $1 AND v.id = ANY($2::text[]) AND v.kind = 'void'
  ), admits AS (
    SELECT a.id, a.person_key, a.checkpoint, a.device_time + a.clock_offset_ms AS at,
      EXISTS (SELECT 1 FROM facts v WHERE v.voids = a.id AND v.kind = 'void' AND v.event_id = a.event_id) AS voided
    FROM facts a JOIN touched g ON a.person_key = g.person_key AND a.checkpoint = g.checkpoint
    WHERE a.event_id = $1 AND a.kind = 'admit'
  ), ranked AS (
    SELECT id, NOT voided AND COUNT(*) FILTER (WHERE NOT voided) OVER (PARTITION BY person_key, checkpoint
      ORDER BY at, id COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) > 0 AS duplicate
    FROM admits
  )
  UPDATE facts f SET duplicate = r.duplicate FROM ranked r WHERE f.id = r.id AND f.duplicate <> r.duplicate`;

/** A fact as a jsonb_to_recordset row, with the seq it will get if it is new. */
const rowOf = (f: Fact, seq: number) => ({
  seq, id: f.id, kind: f.kind, person_key: f.personKey, unit_id: f.unitId, category: f.category,
  checkpoint: f.checkpoint, method: f.method, device_id: f.deviceId, desk_id: f.deskId, device_time: f.deviceTime,
  clock_offset_ms: f.clockOffsetMs, voids: f.voids ?? null, walk_in: f.walkIn ?? null, unknown: f.unknown === true,
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
      const locked = await client.query<{ last_seq: number }>(
        'SELECT last_seq FROM fact_cursors WHERE event_id = $1 FOR UPDATE', [eventId]);
      const lastSeq = locked.rows[0]?.last_seq;
      if (lastSeq === undefined) {
        if (facts.length === 0) return { stored: [], inserted: 0, cursor: 0 };
        throw new Error(`facts for unknown event ${eventId}`);
      }
      const ids = [...new Set(facts.map((f) => f.id))];
      const held = await client.query<{ id: string; event_id: number }>('SELECT id, event_id FROM facts WHERE id = ANY($1::text[])', [ids]);
      const heldBy = new Map(held.rows.map((r) => [r.id, r.event_id]));
      const fresh = new Map<string, Fact>();
      for (const fact of facts) if (!heldBy.has(fact.id) && !fresh.has(fact.id)) fresh.set(fact.id, fact);
      const rows = [...fresh.values()].map((f, i) => rowOf(f, lastSeq + 1 + i));
      const inserted = await this.#insert(client, eventId, rows, receivedAt);
      if (inserted.size > 0) {
        await client.query(SETTLE_DUPLICATES, [eventId, [...inserted.keys()]]);
        await client.query('UPDATE fact_cursors SET last_seq = $2 WHERE event_id = $1', [eventId, Math.max(...inserted.values())]);
      }
      const stored = new Set<string>();
      for (const fact of facts) if (inserted.has(fact.id) || heldBy.get(fact.id) === eventId) stored.add(fact.id);
      return { stored: [...stored], inserted: inserted.size, cursor: Math.max(lastSeq, ...inserted.values()) };
    });
  }

  /** Inserts the new rows; returns id → seq of those actually stored (another event may have won a race for an id). */
  async #insert(client: PoolClient, eventId: number, rows: ReturnType<typeof rowOf>[], receivedAt: number): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const result = await client.query<{ id: string; seq: number }>(INSERT, [eventId, receivedAt, JSON.stringify(rows)]);
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
