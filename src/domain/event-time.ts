// Wall-clock times of the event's own time zone, whatever zone the device is set to.

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Farthest instant a Date can hold (±100,000,000 days from 1970), less a day of zone offset. */
const LAST_INSTANT = 8.64e15 - 86_400_000;

/**
 * Whether an instant can be shown as a date at all. A fact's time comes from a desk's clock: one
 * stored before the bounds existed (or written by hand) must show as a marked time, not throw.
 */
export const isShowableInstant = (instant: number): boolean => Number.isFinite(instant) && Math.abs(instant) <= LAST_INSTANT;

/** What a report or page shows in place of a time no calendar holds. */
export const UNSHOWABLE_CLOCK = '--:--';

/** The zone's offset from UTC at an instant, in milliseconds; 0 for an instant no Date holds. */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  if (!isShowableInstant(instant)) return 0;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const instants = new Map<string, number>();

/** The instant at which a local date and "HH:MM" occur in the zone (memoized: it never changes). */
export function zonedInstant(date: string, clock: string, timeZone: string): number {
  const key = `${date} ${clock} ${timeZone}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = computeZonedInstant(date, clock, timeZone);
    instants.set(key, instant);
  }
  return instant;
}

function computeZonedInstant(date: string, clock: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset even on a day the zone changes it.
  const first = naive - zoneOffsetMs(timeZone, naive);
  return naive - zoneOffsetMs(timeZone, first);
}

/** The calendar date ("YYYY-MM-DD") of an instant in the zone: "today" for an event's own clock. */
export function localDateOf(instant: number, timeZone: string): string {
  const local = new Date(instant + zoneOffsetMs(timeZone, instant));
  return local.toISOString().slice(0, 10);
}

/** "HH:MM" of an instant on the event's wall clock. */
export function clockOf(instant: number, timeZone: string): string {
  if (!isShowableInstant(instant)) return UNSHOWABLE_CLOCK;
  const local = new Date(instant + zoneOffsetMs(timeZone, instant));
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** Where an arrival stands against the unit's slot or the event's deadline. */
export type Punctuality = 'early' | 'on-time' | 'late' | 'no-deadline';

/** The instants that decide punctuality: a slot's opening and end, or just a deadline. */
export interface Deadline {
  opens?: number;
  end: number;
}

/** A unit's slot, else the event's arrival deadline, as instants; undefined when neither. */
export function deadlineFor(args: { date: string; timeZone: string; slot?: { from: string; to: string }; arriveBy?: string }): Deadline | undefined {
  const { date, timeZone, slot, arriveBy } = args;
  if (slot) return { opens: zonedInstant(date, slot.from, timeZone), end: zonedInstant(date, slot.to, timeZone) };
  if (arriveBy) return { end: zonedInstant(date, arriveBy, timeZone) };
  return undefined;
}

/**
 * On time inside [opens, end] inclusive; late from the first millisecond after the end;
 * early before the slot opens. Compute the deadline once per unit when judging many arrivals.
 */
export function punctualityAt(at: number, deadline: Deadline | undefined): Punctuality {
  if (!deadline) return 'no-deadline';
  if (deadline.opens !== undefined && at < deadline.opens) return 'early';
  return at <= deadline.end ? 'on-time' : 'late';
}

/** Punctuality of one arrival against the unit's slot or the event's arrival deadline. */
export function punctuality(args: {
  at: number; date: string; timeZone: string; slot?: { from: string; to: string }; arriveBy?: string;
}): Punctuality {
  return punctualityAt(args.at, deadlineFor(args));
}
