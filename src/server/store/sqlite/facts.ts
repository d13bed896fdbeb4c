// The check-in log in SQLite: batches stored in one transaction, insert-or-ignore on the
// fact's (event, id), so a retried, duplicated or interrupted push can never count anyone twice,
// and the same id in another event is another fact.
import type Database from 'better-sqlite3';
import type { Fact, WalkIn } from '../../../shared/schemas.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { IngestResult } from '../store.ts';
import { asCodeNumber, factFromRow, isWalkInKey, type FactRowBase } from '../rows.ts';

type FactRow = FactRowBase & { walk_in: string | null };
const fromRow = (row: FactRow): ServerFact => factFromRow(row, row.walk_in === null ? null : JSON.parse(row.walk_in) as WalkIn);

/** The facts table behind SqliteStore; statements are prepared once per connection. */
export class SqliteFactLog {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #held: Database.Statement;
  readonly #onRoster: Database.Statement;
  readonly #maxSeq: Database.Statement;
  readonly #after: Database.Statement;
  readonly #all: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    // Insert-or-ignore on (event, id) only: a replayed fact is skipped, any other violation fails the batch.
    this.#insert = db.prepare(`INSERT INTO facts (id, event_id, kind, person_key, unit_id, category, checkpoint,
      method, device_id, desk_id, device_time, clock_offset_ms, voids, walk_in, unknown, received_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, id) DO NOTHING`);
    this.#held = db.prepare('SELECT 1 FROM facts WHERE event_id = ? AND id = ?').pluck();
    this.#onRoster = db.prepare('SELECT 1 FROM participants WHERE event_id = ? AND no = ?').pluck();
    this.#maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM facts WHERE event_id = ?').pluck();
    this.#after = db.prepare('SELECT * FROM facts WHERE event_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.#all = db.prepare('SELECT * FROM facts WHERE event_id = ? ORDER BY seq');
  }

  /**
   * The query plans of every statement a push runs, for the test that keeps them index-only.
   * None reads a person's other admissions: that is what keeps a batch O(batch) however often
   * the log already holds the same person (issue 13).
   */
  plans(): string[] {
    return [this.#insert, this.#held, this.#onRoster, this.#maxSeq].flatMap((statement) =>
      (this.#db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...(statement.source.match(/\?/g) ?? []).map(() => null)) as Array<{ detail: string }>)
        .map((r) => r.detail));
  }

  /** One transaction per batch: this is what makes an acknowledged batch whole after a crash. */
  ingest(eventId: number, facts: readonly Fact[], receivedAt: number): IngestResult {
    return this.#db.transaction(() => {
      const stored = new Set<string>();
      let inserted = 0;
      for (const fact of facts) {
        if (this.#insertOne(eventId, fact, receivedAt)) {
          inserted++;
          stored.add(fact.id);
        } else if (this.#held.get(eventId, fact.id) !== undefined) {
          stored.add(fact.id);
        }
      }
      return { stored: [...stored], inserted, cursor: this.#maxSeq.get(eventId) as number };
    }).immediate();
  }

  #insertOne(eventId: number, f: Fact, receivedAt: number): boolean {
    // Only an admission is flagged for review; an undo names the same person and needs none.
    const unknown = f.kind === 'admit' && (f.unknown === true || this.#unrostered(eventId, f.personKey));
    const result = this.#insert.run(f.id, eventId, f.kind, f.personKey, f.unitId, f.category, f.checkpoint,
      f.method, f.deviceId, f.deskId, f.deviceTime, f.clockOffsetMs, f.kind === 'void' ? f.voids : null,
      f.kind === 'admit' && f.walkIn ? JSON.stringify(f.walkIn) : null, unknown ? 1 : 0, receivedAt);
    return result.changes === 1;
  }

  #unrostered(eventId: number, personKey: string): boolean {
    if (isWalkInKey(personKey)) return false;
    const no = asCodeNumber(personKey);
    return no === undefined || this.#onRoster.get(eventId, no) === undefined;
  }

  after(eventId: number, cursor: number, limit: number): ServerFact[] {
    return (this.#after.all(eventId, cursor, limit) as FactRow[]).map(fromRow);
  }

  /** One statement, so the log and its cursor are the same moment's. */
  all(eventId: number): { facts: ServerFact[]; cursor: number } {
    const facts = (this.#all.all(eventId) as FactRow[]).map(fromRow);
    return { facts, cursor: facts.at(-1)?.seq ?? 0 };
  }
}
