// The sync wire format between desks and the server. Parsed on both sides.
import * as z from 'zod/mini';
import { ApiErrorCode } from './api-error.ts';
import { AdmitFact, Checkpoint, Desk, Fact, Participant, VoidFact } from './schemas.ts';
import { cleanString } from './text.ts';

/** Most facts a desk sends in one push. */
export const PUSH_BATCH_LIMIT = 500;

/** A desk's batch of facts. Idempotent on fact id: resending changes nothing. */
/**
 * The desk's own check before the event (domain/readiness.ts), as it last ran: ready or not and
 * each check's state, so the coordinator's device list can say which tablet is not ready.
 */
export const DeskReadiness = z.object({
  ready: z.boolean(),
  checks: z.array(z.object({
    id: z.string().check(z.maxLength(20)),
    state: z.enum(['ok', 'warn', 'fail']),
    value: z.string().check(z.maxLength(40)),
  })).check(z.maxLength(12)),
  /** Device clock when the check ran. */
  at: z.int(),
});
export type DeskReadiness = z.infer<typeof DeskReadiness>;

export const PushRequest = z.object({
  facts: z.array(Fact).check(z.maxLength(PUSH_BATCH_LIMIT)),
  /** How many facts the desk still holds unsent after this batch (shown to the coordinator). */
  pending: z.int().check(z.nonnegative()),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
  readiness: z.optional(DeskReadiness),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Why the server refused one fact of a push; each has words in both languages on the wire. */
export const FactRefusal = z.enum([
  'malformed', 'wrongEvent', 'wrongDevice', 'unknownDesk', 'registeredFromDesk', 'badCode', 'codeMismatch',
  'voidOtherDevice', 'timeOutOfRange',
]);
export type FactRefusal = z.infer<typeof FactRefusal>;

/**
 * One refused fact. `reason` is read as plain text so a newer server's reason still reaches the
 * desk with its words; the desk quarantines the fact instead of resending it forever.
 */
export const RefusedFact = z.object({
  id: z.string().check(z.maxLength(100)),
  reason: z.string().check(z.maxLength(40)),
  vi: z.string(),
  en: z.string(),
});
export type RefusedFact = z.infer<typeof RefusedFact>;

/**
 * The answer to a push, fact by fact: the good facts are stored even when others are refused.
 * Desks from before `refused` read `stored` as always and simply keep the refused ones queued.
 */
export const PushResponse = z.object({
  /** Ids of the batch the server now holds (already held ones included); the desk marks exactly these sent. */
  stored: z.array(z.uuid()),
  /** Facts of the batch the server will never store as sent; absent from older servers. */
  refused: z.optional(z.array(RefusedFact)),
  cursor: z.int().check(z.nonnegative()),
  serverTime: z.int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

/** How far a pushed fact's device time may be from the server's clock when it arrives. */
export const DEVICE_TIME_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** The schema has no clock, so the server checks this at push: a time days away is a broken clock. */
export const deviceTimeFitsServerClock = (fact: Pick<Fact, 'deviceTime'>, serverNow: number): boolean =>
  Math.abs(fact.deviceTime - serverNow) <= DEVICE_TIME_WINDOW_MS;

/**
 * What the server adds to a fact it holds: its order of arrival, when it arrived, and whether it
 * repeats a person. Its times are plain integers: a fact stored before the bounds existed must
 * still be served, or one odd row would fail every pull of the event forever.
 */
const ServerFields = {
  deviceTime: z.int(),
  clockOffsetMs: z.int(),
  seq: z.int().check(z.positive()),
  receivedAt: z.int(),
  /**
   * A later admission of a person already admitted at this checkpoint (another desk, offline).
   * Never stored: the server derives it on the way out of a pull (domain/standing.ts); desks ignore it.
   */
  duplicate: z.optional(z.boolean()),
};

/** A fact as the server holds it; still a union on `kind`, like the fact itself. */
export const ServerFact = z.discriminatedUnion('kind', [
  z.extend(AdmitFact, {
    ...ServerFields,
    /** Read as stored: walk-ins recorded before phones were checked must still reach every desk. */
    walkIn: z.optional(z.object({
      name: z.string(), unitId: z.int(), category: z.string(), phone: z.optional(z.string()),
      birthYear: z.optional(z.int()), gender: z.optional(z.enum(['male', 'female'])),
    })),
  }),
  z.extend(VoidFact, ServerFields),
]);
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

/** POST /api/events/:id/cccd-lookup: the 12-digit ID number of a chip card, sent once, never stored by the desk. */
export const CccdLookupRequest = z.object({ idNumber: z.string().check(z.regex(/^\d{12}$/)) });
/** Its answer: the code number of the roster person with that ID number, and nothing else. */
export const CccdLookupAnswer = z.object({ no: z.int().check(z.nonnegative()) });

/** POST /api/pair/event: which event a pairing code was made for (the code is not spent). */
export const PairingCodeQuery = z.object({ code: z.string().check(z.minLength(4), z.maxLength(64)) });
export const PairingCodeEvent = z.object({ eventId: z.int().check(z.positive()) });

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

/**
 * Errors always come as this shape, in both languages. A code this build does not know (a newer
 * server) reads as no code, so its words still reach the screen.
 */
export const ApiError = z.object({
  error: z.object({ vi: z.string(), en: z.string(), code: z.catch(z.optional(ApiErrorCode), undefined) }),
});
export type ApiError = z.infer<typeof ApiError>;
