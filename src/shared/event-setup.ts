// Event set-up wire shapes: what the coordinator's screen sends to create or edit an event, its
// units and desks, and the self-registration settings. Parsed on both sides.
import * as z from 'zod/mini';
import { Checkpoint, ClockTime, LocalDate, Slot } from './schemas.ts';
import { Count, MAX_INSTANT_MS, bilingual, cleanString } from './text.ts';

/** A quota as edited: its category cleaned ("" when the unit's quota is not split), its head count at most 100,000. */
export const QuotaDraft = z.object({ category: cleanString({ max: 60 }), quota: Count });

/** The time zone every seed event uses; a new event starts with it. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An event's own fields as the coordinator edits them (the id comes from the server). */
export const EventDraft = z.object({
  name: cleanString({ min: 1, max: 200 }),
  venue: cleanString({ max: 200 }),
  date: LocalDate,
  timeZone: z._default(z.string().check(z.minLength(1), z.maxLength(60)), DEFAULT_TIME_ZONE),
  opensAt: ClockTime,
  arriveBy: z.optional(ClockTime),
  startsAt: z.optional(ClockTime),
  checkpoints: z.array(Checkpoint).check(z.minLength(1), z.maxLength(4)),
  targets: z.record(z.string().check(z.maxLength(20)), Count),
});
export type EventDraft = z.infer<typeof EventDraft>;

/** A unit as edited; without an id it is a new unit. */
export const UnitDraft = z.object({
  id: z.optional(z.int().check(z.positive())),
  name: cleanString({ min: 1, max: 120 }),
  group: z.optional(cleanString({ max: 120 })),
  leaderName: z.optional(cleanString({ max: 120, name: true })),
  leaderPhone: z.optional(cleanString({ max: 20 })),
  quotas: z.array(QuotaDraft).check(z.minLength(1), z.maxLength(20),
    // One quota may go without a category; once it is split, every part is named.
    z.refine((quotas) => quotas.length === 1 || quotas.every((q) => q.category !== ''), { message: 'every split quota needs a category' })),
  slot: z.optional(Slot),
});
export type UnitDraft = z.infer<typeof UnitDraft>;

/** A desk as edited: a short id (it names the desk in every fact) and a name of at most 60 characters. */
export const DeskDraft = z.object({ id: cleanString({ min: 1, max: 40 }), name: cleanString({ min: 1, max: 60 }) });

/** Most desks an event may have. */
export const MAX_DESKS = 200;
/** Most units an event may have: the largest plan has about 300. */
export const MAX_UNITS = 1000;

/** The event's desks in display order; each id must be unique. */
export const DeskList = z.array(DeskDraft).check(z.minLength(1),
  z.maxLength(MAX_DESKS, { error: bilingual('Một sự kiện có tối đa 200 bàn.', 'An event has at most 200 desks.') }));

/** Self-registration: open or not, until when (epoch ms), and per-unit caps the coordinator chose. */
export const RegistrationSettings = z.object({
  open: z.boolean(),
  closesAt: z.optional(z.int().check(
    z.gte(0, { error: bilingual('Giờ đóng đăng ký không hợp lệ.', 'Not a valid closing time.') }),
    z.lte(MAX_INSTANT_MS, { error: bilingual('Giờ đóng đăng ký quá xa (sau năm 2100).', 'The closing time is too far away (after 2100).') }),
  )),
  /** unit id → most registrations (roster people of the unit included); absent means no cap. */
  caps: z.record(z.string().check(z.regex(/^\d{1,10}$/)), Count),
});
export type RegistrationSettings = z.infer<typeof RegistrationSettings>;

/** PUT /api/events/:id/archive: archive the event (kept whole, hidden from lists) or bring it back. */
export const ArchiveRequest = z.object({ archived: z.boolean() });

/** Creating an event: its fields, and optionally its desks (one "Bàn 1" otherwise). */
export const NewEventRequest = z.object({ event: EventDraft, desks: z.optional(DeskList) });

/** POST /api/events/:id/registrations: a person registers themselves on the public page. */
export const RegistrationRequest = z.object({
  unitId: z.int().check(z.positive()),
  /** "" for a unit whose quota has no category. */
  category: cleanString({ max: 60 }),
  name: cleanString({ min: 1, max: 120, name: true }),
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
