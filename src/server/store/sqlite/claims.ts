// What the claim rules read before a push is stored (desks, roster entries, held facts) and the
// review flags they write, on the embedded store. Reads and writes only: the rules are in server/facts.
import type Database from 'better-sqlite3';
import type { Fact, Participant } from '../../../shared/schemas.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { FactReview } from '../../../shared/fact-review.ts';
import { factFromRow, reviewFromRow, type FactRowBase, type ReviewRow } from '../rows.ts';

/** The claim lookups behind SqliteStore; shares its connection. */
export class SqliteClaims {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  deskIds(eventId: number): string[] {
    return this.#db.prepare('SELECT id FROM desks WHERE event_id = ? ORDER BY position').pluck().all(eventId) as string[];
  }

  /** json_each keeps it one statement whatever the batch's size. */
  participantsByNo(eventId: number, nos: readonly number[]): Participant[] {
    if (nos.length === 0) return [];
    const rows = this.#db.prepare(`SELECT no, name, phone, unit_id, category FROM participants
      WHERE event_id = ? AND no IN (SELECT value FROM json_each(?))`).all(eventId, JSON.stringify(nos)) as
      Array<{ no: number; name: string; phone: string; unit_id: number; category: string }>;
    return rows.map((r) => ({ no: r.no, name: r.name, phone: r.phone, unitId: r.unit_id, category: r.category }));
  }

  factsByIds(eventId: number, ids: readonly string[]): ServerFact[] {
    if (ids.length === 0) return [];
    const rows = this.#db.prepare('SELECT * FROM facts WHERE event_id = ? AND id IN (SELECT value FROM json_each(?))')
      .all(eventId, JSON.stringify(ids)) as Array<FactRowBase & { walk_in: string | null }>;
    return rows.map((r) => factFromRow(r, r.walk_in === null ? null : JSON.parse(r.walk_in) as Fact['walkIn']));
  }

  addReviews(eventId: number, reviews: readonly FactReview[]): void {
    const insert = this.#db.prepare(`INSERT INTO fact_reviews (event_id, fact_id, reason, claimed_unit_id, claimed_category, flagged_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.#db.transaction(() => {
      for (const r of reviews) insert.run(eventId, r.factId, r.reason, r.claimedUnitId ?? null, r.claimedCategory ?? null, r.flaggedAt);
    })();
  }

  reviews(eventId: number): FactReview[] {
    const rows = this.#db.prepare(`SELECT fact_id, reason, claimed_unit_id, claimed_category, flagged_at FROM fact_reviews
      WHERE event_id = ? ORDER BY flagged_at, fact_id, reason`).all(eventId) as ReviewRow[];
    return rows.map(reviewFromRow);
  }
}
