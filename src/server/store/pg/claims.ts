// The claim lookups and review flags in PostgreSQL; reads and writes only, as sqlite/claims.ts.
import type { Pool } from 'pg';
import type { Participant, WalkIn } from '../../../shared/schemas.ts';
import type { ServerFact } from '../../../shared/sync.ts';
import type { FactReview } from '../../../shared/fact-review.ts';
import { factFromRow, reviewFromRow, type FactRowBase, type ReviewRow } from '../rows.ts';
import { PARTICIPANT_COLUMNS, participantFromRow, type ParticipantRow } from './rows.ts';

/** The claim lookups behind PgStore. */
export class PgClaims {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async deskIds(eventId: number): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>('SELECT id FROM desks WHERE event_id = $1 ORDER BY position', [eventId]);
    return rows.map((r) => r.id);
  }

  async participantsByNo(eventId: number, nos: readonly number[]): Promise<Participant[]> {
    if (nos.length === 0) return [];
    const { rows } = await this.#pool.query<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE event_id = $1 AND no = ANY($2::bigint[])`, [eventId, [...nos]]);
    return rows.map(participantFromRow);
  }

  async factsByIds(eventId: number, ids: readonly string[]): Promise<ServerFact[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query<FactRowBase & { walk_in: WalkIn | null }>(
      'SELECT * FROM facts WHERE event_id = $1 AND id = ANY($2::text[])', [eventId, [...ids]]);
    return rows.map((r) => factFromRow(r, r.walk_in));
  }

  async addReviews(eventId: number, reviews: readonly FactReview[]): Promise<void> {
    if (reviews.length === 0) return;
    await this.#pool.query(`INSERT INTO fact_reviews (event_id, fact_id, reason, claimed_unit_id, claimed_category, flagged_at)
      SELECT $1::bigint, r.fact_id, r.reason, r.claimed_unit_id, r.claimed_category, r.flagged_at
      FROM jsonb_to_recordset($2::jsonb) AS r(fact_id text, reason text, claimed_unit_id bigint, claimed_category text, flagged_at bigint)
      ON CONFLICT DO NOTHING`,
    [eventId, JSON.stringify(reviews.map((r) => ({
      fact_id: r.factId, reason: r.reason, claimed_unit_id: r.claimedUnitId ?? null, claimed_category: r.claimedCategory ?? null, flagged_at: r.flaggedAt,
    })))]);
  }

  async reviews(eventId: number): Promise<FactReview[]> {
    const { rows } = await this.#pool.query<ReviewRow>(
      `SELECT fact_id, reason, claimed_unit_id, claimed_category, flagged_at FROM fact_reviews
       WHERE event_id = $1 ORDER BY flagged_at, fact_id, reason`, [eventId]);
    return rows.map(reviewFromRow);
  }
}
