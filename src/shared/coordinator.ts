// The coordinator API's answers, declared once: the server parses each on the way out and the
// coordinator's screens parse it on the way in, so the two sides cannot drift apart.
import * as z from 'zod/mini';
import { Checkpoint } from './schemas.ts';
import { DeskReadiness } from './sync.ts';

/** GET /api/events/:id/devices: one paired device as the coordinator sees it. */
export const DeviceListing = z.object({
  id: z.string(),
  name: z.string(),
  deskId: z.string(),
  /** Server time of the device's last request; null before its first sync. */
  lastSeen: z.nullable(z.int()),
  appVersion: z.nullable(z.string()),
  /** Check-ins the device said it still holds unsent at its last push. */
  pending: z.int().check(z.nonnegative()),
  revoked: z.boolean(),
  /** The desk's own check before the event, as it last reported it with a push. */
  readiness: z.optional(DeskReadiness),
});
export type DeviceListing = z.infer<typeof DeviceListing>;

/** POST /api/events/:id/pairings: the one-time code, when it dies, and the link the QR encodes. */
export const PairingOffer = z.object({ code: z.string(), expiresAt: z.int(), pairUrl: z.string() });
export type PairingOffer = z.infer<typeof PairingOffer>;

/** POST /api/events/:id/participants/:no/reissue: the voided number, the new one, the new package version. */
export const Reissued = z.object({ oldNo: z.int(), no: z.int(), version: z.int().check(z.nonnegative()) });
export type Reissued = z.infer<typeof Reissued>;

/** An edit's answer (event fields, desk list): the package version desks will download next. */
export const PackageVersion = z.object({ version: z.int().check(z.nonnegative()) });
export type PackageVersion = z.infer<typeof PackageVersion>;

/** GET /api/events/:id/walk-ins: one person admitted on the spot and not yet on the roster. */
export const WalkInRow = z.object({
  personKey: z.string(),
  name: z.string(),
  phone: z.optional(z.string()),
  /** From a citizen ID card scanned at the desk; the roster keeps it when the walk-in is added. */
  birthYear: z.optional(z.int()),
  unitId: z.int(),
  category: z.string(),
  deskId: z.string(),
  /** Server-corrected time of the first admission, epoch ms. */
  at: z.int(),
  checkpoints: z.array(Checkpoint),
});
export type WalkInRow = z.infer<typeof WalkInRow>;
