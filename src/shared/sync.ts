// The sync wire format between desks and the server. Parsed on both sides.
import * as z from 'zod/mini';
import { Checkpoint, Desk, Fact, Participant } from './schemas.ts';
import { cleanString } from './text.ts';

/** Most facts a desk sends in one push. */
export const PUSH_BATCH_LIMIT = 500;

/** A desk's batch of facts. Idempotent on fact id: resending changes nothing. */
export const PushRequest = z.object({
  facts: z.array(Fact).check(z.maxLength(PUSH_BATCH_LIMIT)),
  /** How many facts the desk still holds unsent after this batch (shown to the coordinator). */
  pending: z.int().check(z.nonnegative()),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** Ids of the batch the server now holds (already held ones included); the desk marks exactly these sent. */
  stored: z.array(z.uuid()),
  cursor: z.int().check(z.nonnegative()),
  serverTime: z.int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** A fact as the server holds it: its order of arrival, when it arrived, and whether it repeats a person. */
export const ServerFact = z.extend(Fact, {
  /** Read as stored: walk-ins recorded before phones were checked must still reach every desk. */
  walkIn: z.optional(z.object({ name: z.string(), unitId: z.int(), category: z.string(), phone: z.optional(z.string()) })),
  seq: z.int().check(z.positive()),
  receivedAt: z.int(),
  /** A later admission of a person already admitted at this checkpoint (another desk, offline). */
  duplicate: z.optional(z.boolean()),
});
export type ServerFact = z.infer<typeof ServerFact>;

/** GET /api/events/:id/facts?after=<cursor>&limit=<n>: facts with seq > cursor, in seq order. */
export const PullResponse = z.object({
  facts: z.array(ServerFact),
  cursor: z.int().check(z.nonnegative()),
  more: z.boolean(),
  serverTime: z.int(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Most roster rows in one page of a package download. */
export const ROSTER_PAGE_LIMIT = 5000;

/** GET /api/events/:id/roster?after=<no>&limit=<n>: participants with no > after, in order. */
export const RosterPage = z.object({
  /** The package version these rows belong to; a desk restarts its download when it changes. */
  version: z.int().check(z.nonnegative()),
  participants: z.array(Participant),
  /** The `after` of the next page, or null when this was the last one. */
  next: z.nullable(z.int().check(z.nonnegative())),
});
export type RosterPage = z.infer<typeof RosterPage>;

/** Most roster changes in one page of a delta download; a longer delta downloads the roster whole. */
export const ROSTER_CHANGES_LIMIT = 5000;

/** One change to the roster: the person as they are now, or null when they were removed. */
export const RosterChange = z.object({
  seq: z.int().check(z.positive()),
  no: z.int().check(z.nonnegative()),
  participant: z.nullable(Participant),
});
export type RosterChange = z.infer<typeof RosterChange>;

/** GET /api/events/:id/roster/changes?after=<seq>&limit=<n>: roster changes with seq > after, in order. */
export const RosterChanges = z.object({
  changes: z.array(RosterChange),
  /** The event's latest change seq when this page was read. */
  rosterSeq: z.int().check(z.nonnegative()),
  more: z.boolean(),
});
export type RosterChanges = z.infer<typeof RosterChanges>;

/** GET /api/events/:id/desk-setup (public): what a desk chooses before it is paired. */
export const DeskSetupInfo = z.object({ desks: z.array(Desk), checkpoints: z.array(Checkpoint) });
export type DeskSetupInfo = z.infer<typeof DeskSetupInfo>;

export const PairRequest = z.object({
  code: z.string().check(z.minLength(4), z.maxLength(64)),
  deviceName: cleanString({ min: 1, max: 60 }),
  deskId: z.string().check(z.minLength(1), z.maxLength(40)),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
  /** The id the device made for itself: facts it recorded before pairing carry it already. */
  deviceId: z.optional(z.uuid()),
});
export type PairRequest = z.infer<typeof PairRequest>;

export const PairResponse = z.object({
  token: z.string().check(z.minLength(20)),
  deviceId: z.string(),
  eventId: z.int().check(z.positive()),
  deskId: z.string(),
});
export type PairResponse = z.infer<typeof PairResponse>;

/** Errors always come as this shape, in both languages. */
export const ApiError = z.object({ error: z.object({ vi: z.string(), en: z.string(), code: z.optional(z.string()) }) });
export type ApiError = z.infer<typeof ApiError>;
