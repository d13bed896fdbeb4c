// Wire and storage shapes, defined once and parsed at every boundary (HTTP, Dexie, scans).
// zod/mini: the same schemas, tree-shakable, so the desk shell stays small.
import * as z from 'zod/mini';
import { PhoneNumber, bilingual, cleanString, isRealDate } from './text.ts';

/** "HH:MM" on a 24-hour clock, local to the event's time zone. */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
/** "YYYY-MM-DD", the event's local date, and a day that exists. */
export const LocalDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: bilingual('Ngày cần có dạng năm-tháng-ngày (2024-07-10).', 'A date is YYYY-MM-DD (2024-07-10).') }),
  z.refine(isRealDate, { error: bilingual('Ngày không có thật trên lịch.', 'No such day on the calendar.') }),
);

/** Checkpoints a person passes; closed so every switch over them is exhaustive. */
export const Checkpoint = z.enum(['registered', 'arrived', 'donated', 'finished']);
export type Checkpoint = z.infer<typeof Checkpoint>;

/** Every verdict a desk can show for a scan; the one list, so switches over it are exhaustive. */
export const VerdictKind = z.enum(['admitted', 'already', 'unknown', 'wrong-event', 'forged', 'not-a-code', 'voided']);
export type VerdictKind = z.infer<typeof VerdictKind>;
/** Every verdict kind once, in the schema's order: the list is the schema's, never a copy. */
export const VERDICT_KINDS: readonly VerdictKind[] = VerdictKind.options;

/** A window of the day inside which a unit is expected, e.g. 08:30–10:00. */
export const Slot = z.object({ from: ClockTime, to: ClockTime });
export type Slot = z.infer<typeof Slot>;

/** A quota; its category is "" when the unit's quota is not split ("100" people, no category). */
export const Quota = z.object({ category: z.string().check(z.maxLength(60)), quota: z.int().check(z.nonnegative()) });
export type Quota = z.infer<typeof Quota>;

export const Unit = z.object({
  id: z.int().check(z.positive()),
  name: z.string().check(z.minLength(1)),
  group: z.optional(z.string()),
  leaderName: z.optional(z.string()),
  leaderPhone: z.optional(z.string()),
  quotas: z.array(Quota).check(z.minLength(1)),
  slot: z.optional(Slot),
});
export type Unit = z.infer<typeof Unit>;

export const Desk = z.object({ id: z.string().check(z.minLength(1)), name: z.string().check(z.minLength(1)) });
export type Desk = z.infer<typeof Desk>;

/** A birth year as a roster or a citizen ID card gives it. */
export const BirthYear = z.int().check(z.gte(1900), z.lte(2100));

export const Participant = z.object({
  /** The number inside the person's code; unique within the event. */
  no: z.int().check(z.nonnegative()),
  name: z.string().check(z.minLength(1)),
  phone: z.string(),
  unitId: z.int().check(z.positive()),
  /** "" in a unit whose quota has no category. */
  category: z.string(),
  /**
   * From the roster's birth-year column, when it has one: only the year, never the full date. A desk
   * matches a citizen ID card (CCCD) by folded name and this year, since the ID number never reaches it.
   */
  birthYear: z.optional(BirthYear),
});
export type Participant = z.infer<typeof Participant>;

export const EventInfo = z.object({
  id: z.int().check(z.positive()),
  name: z.string().check(z.minLength(1)),
  venue: z.string(),
  date: LocalDate,
  timeZone: z.string().check(z.minLength(1)),
  opensAt: ClockTime,
  arriveBy: z.optional(ClockTime),
  startsAt: z.optional(ClockTime),
  /** The checkpoints a desk can record, in the order a person passes them. */
  checkpoints: z.array(Checkpoint).check(z.minLength(1)),
  targets: z.record(z.string(), z.int().check(z.nonnegative())),
});
export type EventInfo = z.infer<typeof EventInfo>;

/** Everything a desk needs to decide a scan offline. */
export const EventPackage = z.object({
  version: z.int().check(z.nonnegative()),
  event: EventInfo,
  /** Raw Ed25519 public key, base64url. The private key never leaves the server. */
  publicKey: z.string().check(z.minLength(40)),
  units: z.array(Unit),
  desks: z.array(Desk).check(z.minLength(1)),
  participants: z.array(Participant),
  /** Code numbers that were re-issued; a scan of one reads `voided`. */
  revokedCodes: z.array(z.int().check(z.nonnegative())),
  /** The roster's change cursor: a desk holding an older one fetches only what changed since. */
  rosterSeq: z.optional(z.int().check(z.nonnegative())),
});
export type EventPackage = z.infer<typeof EventPackage>;

export const EventSummary = z.extend(z.pick(EventInfo, { id: true, name: true, venue: true, date: true }), {
  /** Archived by a coordinator: kept whole, listed only behind "sự kiện đã qua". */
  archived: z.optional(z.boolean()),
});
export type EventSummary = z.infer<typeof EventSummary>;

/** How a fact came to be recorded at the desk. */
export const FactMethod = z.enum(['scan', 'lookup', 'walk-in', 'undo']);
export type FactMethod = z.infer<typeof FactMethod>;

/** A person registered at a desk, as the desk sends them: cleaned, and the phone checked like an import's. */
export const WalkIn = z.object({
  name: cleanString({ min: 1, max: 120, name: true }),
  unitId: z.int().check(z.positive()),
  category: cleanString({ max: 60 }),
  phone: z.optional(PhoneNumber),
  /** From a citizen ID card (CCCD): what an event needs of it, never the ID number or address. */
  birthYear: z.optional(BirthYear),
  gender: z.optional(z.enum(['male', 'female'])),
});
export type WalkIn = z.infer<typeof WalkIn>;

/** A desk's clock may be off from the server's by at most a day; more is a broken clock, not a time zone. */
export const MAX_CLOCK_OFFSET_MS = 24 * 60 * 60 * 1000;
/** No device time before 2020 or after 2100: outside that, date code would fail (issue 13). */
export const DEVICE_TIME_RANGE = { min: Date.UTC(2020, 0, 1), max: Date.UTC(2100, 0, 1) } as const;

/** The fields every fact carries, whatever its kind. */
const FactFields = {
  id: z.uuid(),
  eventId: z.int().check(z.positive()),
  /** Roster code number as a string, or `w:<fact id>` for a walk-in. */
  personKey: z.string().check(z.minLength(1)),
  /** 0 while the person's unit is not known (a signed code outside the desk's roster). */
  unitId: z.int().check(z.nonnegative()),
  category: z.string(),
  checkpoint: Checkpoint,
  method: FactMethod,
  deviceId: z.string().check(z.minLength(1)),
  deskId: z.string().check(z.minLength(1)),
  /** Device clock, epoch milliseconds; the server also wants it within two days of its own clock. */
  deviceTime: z.int().check(z.gte(DEVICE_TIME_RANGE.min), z.lte(DEVICE_TIME_RANGE.max)),
  /** Server time minus device time as last measured; 0 until the first sync. */
  clockOffsetMs: z.int().check(z.gte(-MAX_CLOCK_OFFSET_MS), z.lte(MAX_CLOCK_OFFSET_MS)),
};

/** A person admitted at a checkpoint. */
export const AdmitFact = z.object({
  ...FactFields,
  kind: z.literal('admit'),
  walkIn: z.optional(WalkIn),
  /** Signed correctly but not in this device's roster: admitted, flagged for review. */
  unknown: z.optional(z.boolean()),
  /**
   * The signed code text a scan read. The server checks its signature and number; a scan
   * without one (a desk from before this field) is stored and listed for review.
   */
  code: z.optional(z.string().check(z.maxLength(200))),
});
export type AdmitFact = z.infer<typeof AdmitFact>;

/** An undo: names the admission it cancels, which itself stays in the log. */
export const VoidFact = z.object({
  ...FactFields,
  kind: z.literal('void'),
  /** The id of the admission it cancels. */
  voids: z.uuid(),
});
export type VoidFact = z.infer<typeof VoidFact>;

/**
 * One entry of the append-only check-in log. Facts are never edited or deleted;
 * an undo is a new fact of kind `void` naming the fact it cancels.
 */
export const Fact = z.discriminatedUnion('kind', [AdmitFact, VoidFact]);
export type Fact = z.infer<typeof Fact>;
