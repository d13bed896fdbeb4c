// Facts the server stored but wants a person to look at: a scan that carried no signed code
// (a desk from before codes were sent), a desk's unit/category that the roster contradicts, or an
// undo that arrived before the admission it names, so whose device it was could not be checked.
import * as z from 'zod/mini';
import { ServerFact } from './sync.ts';

/** Why a stored fact is listed for review; closed so the coordinator screen labels each. */
export const ReviewReason = z.enum(['unverified', 'claim-mismatch', 'void-unchecked']);
export type ReviewReason = z.infer<typeof ReviewReason>;

/** One flag on one stored fact, with what the desk claimed when the roster disagreed. */
export const FactReview = z.object({
  factId: z.uuid(),
  reason: ReviewReason,
  /** For `claim-mismatch`: the unit and category the desk sent (the fact holds the roster's). */
  claimedUnitId: z.optional(z.int().check(z.nonnegative())),
  claimedCategory: z.optional(z.string()),
  flaggedAt: z.int(),
});
export type FactReview = z.infer<typeof FactReview>;

/** GET /api/events/:id/reviews: the flags, oldest first, each with its fact as stored. */
export const ReviewList = z.object({
  reviews: z.array(z.extend(FactReview, { fact: z.optional(ServerFact) })),
});
export type ReviewList = z.infer<typeof ReviewList>;

/** POST /api/events/:id/facts/:factId/void: the void fact the server wrote for the coordinator. */
export const CoordinatorVoid = z.object({ voidId: z.uuid(), cursor: z.int().check(z.nonnegative()) });
export type CoordinatorVoid = z.infer<typeof CoordinatorVoid>;
