// What a tally screen downloads before it follows the live stream: the event, its units and
// desks, and how many people each unit registered. The same shape serves the coordinator's
// whole event and a unit leader's share link (one unit, no desks).
import * as z from 'zod/mini';
import { Desk, EventInfo, Unit } from './schemas.ts';

/** Whose board this is: the whole event, or one unit through a share link. */
export const BoardScope = z.union([
  z.object({ kind: z.literal('event') }),
  z.object({ kind: z.literal('unit'), unitId: z.int().check(z.positive()) }),
]);
export type BoardScope = z.infer<typeof BoardScope>;

/** GET /api/events/:id/board (coordinator, desk) and GET /api/share with X-Share-Token (anyone with the link). */
export const BoardMeta = z.object({
  scope: BoardScope,
  /** The package version: a newer one means units or the roster changed. */
  version: z.int().check(z.nonnegative()),
  event: EventInfo,
  units: z.array(Unit),
  desks: z.array(Desk),
  /** People on the roster per unit id (self-registered included): the "registered" checkpoint. */
  registeredByUnit: z.record(z.string(), z.int().check(z.nonnegative())),
  serverTime: z.int(),
});
export type BoardMeta = z.infer<typeof BoardMeta>;

/** POST /api/events/:id/units/:unitId/shares: the link is shown once; only its hash is kept. */
export const ShareLinkOffer = z.object({ id: z.string(), unitId: z.int(), url: z.string(), createdAt: z.int() });
export type ShareLinkOffer = z.infer<typeof ShareLinkOffer>;

/** GET /api/events/:id/shares: the coordinator's list, with no tokens in it. */
export const ShareLinkRow = z.object({ id: z.string(), unitId: z.int(), createdAt: z.int(), revoked: z.boolean() });
export type ShareLinkRow = z.infer<typeof ShareLinkRow>;

/** The header a share viewer sends its token in (never the path: proxies log paths). */
export const SHARE_TOKEN_HEADER = 'X-Share-Token';
