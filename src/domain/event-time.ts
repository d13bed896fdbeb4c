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

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a local date and "HH:MM" occur in the zone. */
export function zonedInstant(date: string, clock: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset even on a day the zone changes it.
  const first = naive - zoneOffsetMs(timeZone, naive);
  return naive - zoneOffsetMs(timeZone, first);
}

/** "HH:MM" of an instant on the event's wall clock. */
export function clockOf(instant: number, timeZone: string): string {
  const local = new Date(instant + zoneOffsetMs(timeZone, instant));
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** Where an arrival stands against the unit's slot or the event's deadline. */
export type Punctuality = 'early' | 'on-time' | 'late' | 'no-deadline';

/**
 * On time inside [from, to] inclusive; late from the first millisecond after the end;
 * early before the slot opens. Without a slot, the event's arrival deadline decides.
 */
export function punctuality(args: {
  at: number; date: string; timeZone: string; slot?: { from: string; to: string }; arriveBy?: string;
}): Punctuality {
  const { at, date, timeZone, slot, arriveBy } = args;
  if (slot) {
    if (at < zonedInstant(date, slot.from, timeZone)) return 'early';
    return at <= zonedInstant(date, slot.to, timeZone) ? 'on-time' : 'late';
  }
  if (arriveBy) return at <= zonedInstant(date, arriveBy, timeZone) ? 'on-time' : 'late';
  return 'no-deadline';
}
