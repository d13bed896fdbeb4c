// What the claim rules read before a push is stored (desks, roster entries, held facts) and the
// review flags they write, on the embedded store. Reads and writes only: the rules are in server/facts.
import type Database from 'better-sqlite3';
import type { Participant, WalkIn } from '../../../shared/schemas.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { FactReview } from '../../../shared/fact-review.ts';
import {
  factFromRow, PARTICIPANT_COLUMNS, participantFromRow, reviewFromRow, type FactRowBase, type ParticipantRow, type ReviewRow,
} from '../rows.ts';

/** The claim lookups behind SqliteStore; statements are prepared once per connection. */
export class SqliteClaims {
  readonly #db: Database.Database;
  readonly #desks: Database.Statement;
  readonly #people: Database.Statement;
  readonly #facts: Database.Statement;
  readonly #addReview: Database.Statement;
  readonly #reviews: Database.Statement;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#desks = db.prepare('SELECT id FROM desks WHERE event_id = ? ORDER BY position').pluck();
    // json_each keeps each lookup one statement whatever the batch's size.
    this.#people = db.prepare(`SELECT ${PARTICIPANT_COLUMNS} FROM participants
      WHERE event_id = ? AND no IN (SELECT value FROM json_each(?))`);
    // One probe of the (event_id, id) key per id: a fact is known by its event and id together.
    this.#facts = db.prepare('SELECT * FROM facts WHERE event_id = ? AND id IN (SELECT value FROM json_each(?))');
    this.#addReview = db.prepare(`INSERT INTO fact_reviews (event_id, fact_id, reason, claimed_unit_id, claimed_category, flagged_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    this.#reviews = db.prepare(`SELECT fact_id, reason, claimed_unit_id, claimed_category, flagged_at FROM fact_reviews
      WHERE event_id = ? ORDER BY flagged_at, fact_id, reason`);
  }

  /** The query plans of the lookups every push runs, for the test that keeps them on an index. */
  plans(): string[] {
    return [this.#people, this.#facts].flatMap((statement) =>
      (this.#db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(1, '[]') as Array<{ detail: string }>).map((r) => r.detail));
  }

  deskIds(eventId: number): string[] {
    return this.#desks.all(eventId) as string[];
  }

  participantsByNo(eventId: number, nos: readonly number[]): Participant[] {
    if (nos.length === 0) return [];
    return (this.#people.all(eventId, JSON.stringify(nos)) as ParticipantRow[]).map(participantFromRow);
  }

  factsByIds(eventId: number, ids: readonly string[]): ServerFact[] {
    if (ids.length === 0) return [];
    const rows = this.#facts.all(eventId, JSON.stringify(ids)) as Array<FactRowBase & { walk_in: string | null }>;
    return rows.map((r) => factFromRow(r, r.walk_in === null ? null : JSON.parse(r.walk_in) as WalkIn));
  }

  addReviews(eventId: number, reviews: readonly FactReview[]): void {
    this.#db.transaction(() => {
      for (const r of reviews) this.#addReview.run(eventId, r.factId, r.reason, r.claimedUnitId ?? null, r.claimedCategory ?? null, r.flaggedAt);
    })();
  }

  reviews(eventId: number): FactReview[] {
    return (this.#reviews.all(eventId) as ReviewRow[]).map(reviewFromRow);
  }
}
