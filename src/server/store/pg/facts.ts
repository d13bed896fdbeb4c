// The check-in log in PostgreSQL: one transaction per batch, insert-or-ignore on the fact's
// (event, id), unrostered codes flagged. A batch is one roster lookup, then one call of
// ingest_facts() (migrations.ts, version 9), which stores and moves the cursor as a single
// statement, all or nothing, touching only the batch's own rows. Duplicates are derived by
// readers (domain/standing.ts).
import type { Pool } from 'pg';
import type { Fact, WalkIn } from '../../../shared/schemas.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { Queryable } from './pool.ts';
import type { IngestResult } from '../store.ts';
import { asCodeNumber, factFromRow, isWalkInKey, type FactRowBase } from '../rows.ts';

type FactRow = FactRowBase & { walk_in: WalkIn | null };
const fromRow = (row: FactRow): ServerFact => factFromRow(row, row.walk_in);

/**
 * The batch's admissions to flag for review, decided as SqliteFactLog#unrostered does: a key
 * that is neither a walk-in nor a code number on the roster. One indexed lookup per batch.
 */
async function unrosteredIds(db: Queryable, eventId: number, facts: readonly Fact[]): Promise<Set<string>> {
  const admits = facts.filter((f) => f.kind === 'admit' && f.unknown !== true && !isWalkInKey(f.personKey));
  const numbers = [...new Set(admits.flatMap((f) => { const no = asCodeNumber(f.personKey); return no === undefined ? [] : [no]; }))];
  const rostered = new Set<number>();
  if (numbers.length > 0) {
    const { rows } = await db.query<{ no: number }>(
      'SELECT no FROM participants WHERE event_id = $1 AND no = ANY($2::bigint[])', [eventId, numbers]);
    for (const row of rows) rostered.add(row.no);
  }
  return new Set(admits.filter((f) => { const no = asCodeNumber(f.personKey); return no === undefined || !rostered.has(no); }).map((f) => f.id));
}

/** A fact as ingest_facts() reads it: its place in the batch (its seq, if new, is the cursor plus this) and its review flag. */
const rowOf = (f: Fact, ord: number, unrostered: boolean) => ({
  ord, id: f.id, kind: f.kind, person_key: f.personKey, unit_id: f.unitId, category: f.category,
  checkpoint: f.checkpoint, method: f.method, device_id: f.deviceId, desk_id: f.deskId, device_time: f.deviceTime,
  clock_offset_ms: f.clockOffsetMs, voids: f.kind === 'void' ? f.voids : null, walk_in: f.kind === 'admit' ? f.walkIn ?? null : null,
  unknown: (f.kind === 'admit' && f.unknown === true) || unrostered,
});

/**
 * One statement per batch: ingest_facts() locks the event's cursor row inside the database, which
 * keeps seq order equal to commit order across server processes (a pull or a live stream never
 * skips a fact) while holding the lock only as long as PostgreSQL itself works. `db` is the pool,
 * or a client whose transaction also adds the people the facts name (self-registration, walk-ins).
 */
export async function ingestFactsWith(db: Queryable, eventId: number, facts: readonly Fact[], receivedAt: number): Promise<IngestResult> {
  const unique = new Map<string, Fact>();
  for (const fact of facts) if (!unique.has(fact.id)) unique.set(fact.id, fact);
  if (unique.size === 0) {
    const { rows } = await db.query<{ last_seq: number }>('SELECT last_seq FROM fact_cursors WHERE event_id = $1', [eventId]);
    return { stored: [], inserted: 0, cursor: rows[0]?.last_seq ?? 0 };
  }
  const unrostered = await unrosteredIds(db, eventId, [...unique.values()]);
  const rows = [...unique.values()].map((f, i) => rowOf(f, i + 1, unrostered.has(f.id)));
  const { rows: [result] } = await db.query<{ out_inserted: string[]; out_cursor: number }>(
    'SELECT out_inserted, out_cursor FROM ingest_facts($1, $2, $3::jsonb)', [eventId, receivedAt, JSON.stringify(rows)]);
  const inserted = new Set(result!.out_inserted);
  // Facts are never deleted, so ids held before this batch are still held now.
  const heldBefore = await heldBy(db, eventId, [...unique.keys()].filter((id) => !inserted.has(id)));
  const stored = [...unique.keys()].filter((id) => inserted.has(id) || heldBefore.has(id));
  return { stored, inserted: inserted.size, cursor: result!.out_cursor };
}

/** Which of these ids this event holds: a fact is its event's and id's, another event's never counts. */
async function heldBy(db: Queryable, eventId: number, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM facts WHERE event_id = $1 AND id = ANY($2::text[])', [eventId, ids]);
  return new Set(rows.map((r) => r.id));
}

/** The facts table behind PgStore. */
export class PgFactLog {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /** Stores a batch on its own; see ingestFactsWith. */
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): Promise<IngestResult> {
    return ingestFactsWith(this.#pool, eventId, facts, receivedAt);
  }

  async after(eventId: number, cursor: number, limit: number): Promise<ServerFact[]> {
    const { rows } = await this.#pool.query<FactRow>(
      'SELECT * FROM facts WHERE event_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [eventId, cursor, limit]);
    return rows.map(fromRow);
  }

  /** One statement, so the log and its cursor are the same moment's. */
  async all(eventId: number): Promise<{ facts: ServerFact[]; cursor: number }> {
    const { rows } = await this.#pool.query<FactRow>('SELECT * FROM facts WHERE event_id = $1 ORDER BY seq', [eventId]);
    const facts = rows.map(fromRow);
    return { facts, cursor: facts.at(-1)?.seq ?? 0 };
  }
}
