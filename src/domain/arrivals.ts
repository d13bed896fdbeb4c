// Arrivals over time and desk throughput, from the counted admissions of a checkpoint.
import type { Fact } from '../shared/schemas.ts';
import { correctedTime } from './admit.ts';
import { clockOf } from './event-time.ts';

/** The chart's bar width. */
export const BUCKET_MS = 10 * 60_000;
/** Throughput is people per minute over this window. */
export const THROUGHPUT_WINDOW_MS = 5 * 60_000;
/** At most this many bars: a long day still fits one chart. */
const MAX_BUCKETS = 96;

/** One bar: people whose (corrected) arrival falls in [from, from + 10 min). */
export interface ArrivalBucket {
  from: number;
  /** "HH:MM" on the event's clock. */
  label: string;
  count: number;
}

/**
 * Arrivals per 10 minutes from `start` (the event's opening) to `now`, on the event's
 * clock; arrivals before `start` widen the chart to the left, never drop out of it.
 */
export function arrivalsPer10Min(args: { admissions: Iterable<Fact>; start: number; now: number; timeZone: string }): ArrivalBucket[] {
  const times: number[] = [];
  let first = args.start;
  let last = args.now;
  for (const f of args.admissions) {
    const at = correctedTime(f);
    times.push(at);
    if (at < first) first = at;
    if (at > last) last = at;
  }
  // Buckets align to whole 10 minutes, so labels read 07:00, 07:10, …
  const origin = Math.floor(first / BUCKET_MS) * BUCKET_MS;
  const buckets = Math.min(MAX_BUCKETS, Math.floor((last - origin) / BUCKET_MS) + 1);
  const from = Math.max(origin, (Math.floor(last / BUCKET_MS) - buckets + 1) * BUCKET_MS);
  const counts = new Array<number>(buckets).fill(0);
  for (const at of times) {
    const i = Math.floor((at - from) / BUCKET_MS);
    if (i >= 0 && i < buckets) counts[i]!++;
  }
  return counts.map((count, i) => ({ from: from + i * BUCKET_MS, label: clockOf(from + i * BUCKET_MS, args.timeZone), count }));
}

/** People per minute each desk admitted over the last 5 minutes (desks with none are absent). */
export function throughputByDesk(admissions: Iterable<Fact>, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of admissions) {
    const at = correctedTime(f);
    if (at > now - THROUGHPUT_WINDOW_MS && at <= now) counts.set(f.deskId, (counts.get(f.deskId) ?? 0) + 1);
  }
  const perMinute = new Map<string, number>();
  for (const [desk, n] of counts) perMinute.set(desk, n / (THROUGHPUT_WINDOW_MS / 60_000));
  return perMinute;
}
