// Event set-up wire shapes: what the coordinator's screen sends to create or edit an event, its
// units and desks, and the self-registration settings. Parsed on both sides.
import * as z from 'zod/mini';
import { Checkpoint, ClockTime, Desk, LocalDate, Quota, Slot } from './schemas.ts';

/** The time zone every seed event uses; a new event starts with it. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An event's own fields as the coordinator edits them (the id comes from the server). */
export const EventDraft = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  venue: z.string().check(z.trim(), z.maxLength(300)),
  date: LocalDate,
  timeZone: z._default(z.string().check(z.minLength(1), z.maxLength(60)), DEFAULT_TIME_ZONE),
  opensAt: ClockTime,
  arriveBy: z.optional(ClockTime),
  startsAt: z.optional(ClockTime),
  checkpoints: z.array(Checkpoint).check(z.minLength(1), z.maxLength(4)),
  targets: z.record(z.string(), z.int().check(z.nonnegative())),
});
export type EventDraft = z.infer<typeof EventDraft>;

/** A unit as edited; without an id it is a new unit. */
export const UnitDraft = z.object({
  id: z.optional(z.int().check(z.positive())),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  group: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  leaderName: z.optional(z.string().check(z.trim(), z.maxLength(120))),
  leaderPhone: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  quotas: z.array(Quota).check(z.minLength(1), z.maxLength(20),
    // One quota may go without a category; once it is split, every part is named.
    z.refine((quotas) => quotas.length === 1 || quotas.every((q) => q.category.trim() !== ''), { message: 'every split quota needs a category' })),
  slot: z.optional(Slot),
});
export type UnitDraft = z.infer<typeof UnitDraft>;

/** The event's desks in display order; each id must be unique. */
export const DeskList = z.array(Desk).check(z.minLength(1), z.maxLength(200));

/** Self-registration: open or not, until when (epoch ms), and per-unit caps the coordinator chose. */
export const RegistrationSettings = z.object({
  open: z.boolean(),
  closesAt: z.optional(z.int()),
  /** unit id → most registrations (roster people of the unit included); absent means no cap. */
  caps: z.record(z.string().check(z.regex(/^\d+$/)), z.int().check(z.nonnegative())),
});
export type RegistrationSettings = z.infer<typeof RegistrationSettings>;

/** Creating an event: its fields, and optionally its desks (one "Bàn 1" otherwise). */
export const NewEventRequest = z.object({ event: EventDraft, desks: z.optional(DeskList) });

/** POST /api/events/:id/registrations: a person registers themselves on the public page. */
export const RegistrationRequest = z.object({
  unitId: z.int().check(z.positive()),
  /** "" for a unit whose quota has no category. */
  category: z.string().check(z.maxLength(60)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  phone: z.string().check(z.trim(), z.minLength(9), z.maxLength(20)),
});
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

/** What the person gets back: their code, as text and as a PNG to save. */
export const RegistrationResponse = z.object({
  no: z.int(),
  name: z.string(),
  unitName: z.string(),
  category: z.string(),
  code: z.string(),
  /** data:image/png;base64,… of the QR, ready to save. */
  qrPng: z.string(),
});
export type RegistrationResponse = z.infer<typeof RegistrationResponse>;
