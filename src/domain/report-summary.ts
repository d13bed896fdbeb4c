// The numbers behind every report (CSV and printed): per unit against its quota, and arrivals
// over time. Derived from the log through LiveTally, so a report and the live screen agree.
import type { Checkpoint, Desk, EventInfo, Fact, Participant, Unit } from '../shared/schemas.ts';
import { LiveTally } from './live-tally.ts';
import { zonedInstant } from './event-time.ts';
import { correctedTime } from './admit.ts';
import { arrivalsPer10Min, type ArrivalBucket } from './arrivals.ts';

/** Everything a report is made from: the event package's parts and the fact log. */
export interface ReportInput {
  event: EventInfo;
  units: readonly Unit[];
  desks: readonly Desk[];
  participants: readonly Participant[];
  facts: readonly Fact[];
}

/** The checkpoint that counts as "came": arrived if the event has it, else its first. */
export function arrivalCheckpoint(event: Pick<EventInfo, 'checkpoints'>): Checkpoint {
  return event.checkpoints.find((c) => c === 'arrived') ?? event.checkpoints.find((c) => c !== 'registered') ?? event.checkpoints[0]!;
}

/** One unit's results; `unitId` 0 collects admissions whose unit the desk did not know. */
export interface UnitSummary {
  unitId: number;
  name: string;
  group: string;
  slot: string;
  quota: number;
  quotaByCategory: Map<string, number>;
  /** On the roster, plus walk-ins registered on the spot (not undone). */
  registered: number;
  /** Distinct people per checkpoint of the event. */
  byCheckpoint: Map<Checkpoint, number>;
  /** Distinct people at the arrival checkpoint per category. */
  arrivedByCategory: Map<string, number>;
  onTime: number;
  late: number;
  walkIns: number;
}

/** The tally of a report's log, built once and shared by the unit table and the chart. */
export function reportTally(input: ReportInput): LiveTally {
  return new LiveTally(input.event, input.units).addAll(input.facts);
}

/** Every unit's summary in the package's order, then "unit not known" when anyone is filed there. */
export function unitSummaries(input: ReportInput, tally = reportTally(input)): UnitSummary[] {
  const arrival = arrivalCheckpoint(input.event);
  const rostered = new Map<number, number>();
  for (const p of input.participants) rostered.set(p.unitId, (rostered.get(p.unitId) ?? 0) + 1);
  const summary = (unitId: number, base: Pick<UnitSummary, 'name' | 'group' | 'slot' | 'quota' | 'quotaByCategory'>): UnitSummary => {
    const arrived = tally.unit(arrival, unitId);
    return {
      unitId, ...base,
      registered: (rostered.get(unitId) ?? 0) + arrived.walkIns,
      byCheckpoint: new Map(input.event.checkpoints.map((c) => [c, tally.unit(c, unitId).count])),
      arrivedByCategory: new Map(arrived.byCategory),
      onTime: arrived.onTime, late: arrived.late, walkIns: arrived.walkIns,
    };
  };
  const rows = input.units.map((u) => summary(u.id, {
    name: u.name, group: u.group ?? '', slot: u.slot ? `${u.slot.from}–${u.slot.to}` : '',
    quota: u.quotas.reduce((sum, q) => sum + q.quota, 0),
    quotaByCategory: new Map(u.quotas.map((q) => [q.category, q.quota])),
  }));
  const known = new Set(input.units.map((u) => u.id));
  const strays = new Set(input.facts.filter((f) => !known.has(f.unitId)).map((f) => f.unitId));
  // Facts filed under an id the package lacks (0 = signed code off the roster) are shown, not lost.
  for (const unitId of strays) {
    const row = summary(unitId, { name: '', group: '', slot: '', quota: 0, quotaByCategory: new Map() });
    if ([...row.byCheckpoint.values()].some((n) => n > 0)) rows.push(row);
  }
  return rows;
}

/** The sum of several unit summaries (the event's totals, or a group's). */
export function totalOf(rows: readonly UnitSummary[]): Omit<UnitSummary, 'unitId' | 'name' | 'group' | 'slot'> {
  const add = <K>(into: Map<K, number>, from: Map<K, number>) => { for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v); };
  const total = { quota: 0, quotaByCategory: new Map<string, number>(), registered: 0, byCheckpoint: new Map<Checkpoint, number>(), arrivedByCategory: new Map<string, number>(), onTime: 0, late: 0, walkIns: 0 };
  for (const r of rows) {
    total.quota += r.quota; total.registered += r.registered;
    total.onTime += r.onTime; total.late += r.late; total.walkIns += r.walkIns;
    add(total.quotaByCategory, r.quotaByCategory); add(total.byCheckpoint, r.byCheckpoint); add(total.arrivedByCategory, r.arrivedByCategory);
  }
  return total;
}

/** Units of one group in report order, with their subtotal; a unit without a group stands alone. */
export interface ReportGroup {
  group: string;
  rows: UnitSummary[];
  total: ReturnType<typeof totalOf>;
}

/**
 * The unit rows gathered by group, each group where its first unit stood (Bắc Kạn's 8 wards and
 * communes as one block with one subtotal line, as a report sent upward needs).
 */
export function groupSummaries(rows: readonly UnitSummary[]): ReportGroup[] {
  const groups = new Map<string, UnitSummary[]>();
  const order: string[] = [];
  rows.forEach((row, i) => {
    const key = row.group === '' ? `\u0000${i}` : row.group;
    if (!groups.has(key)) { groups.set(key, []); order.push(key); }
    groups.get(key)!.push(row);
  });
  return order.map((key) => {
    const members = groups.get(key)!;
    return { group: members[0]!.group, rows: members, total: totalOf(members) };
  });
}

/** Percent of the quota that came, rounded down (99.6 % is not 100 %); empty without a quota. */
export function fulfilledPercent(came: number, quota: number): string {
  return quota > 0 ? String(Math.floor((came * 100) / quota)) : '';
}

/** Arrivals per 10 minutes on the event's day; `outside` counts arrivals filed on another day (a tablet's clock off by days). */
export interface ArrivalChart {
  buckets: ArrivalBucket[];
  outside: number;
}

/**
 * The live chart's buckets (arrivalsPer10Min) over the arrivals of the event's local day, first to
 * last. Bounded to that day so one wrong clock cannot push the morning out of the chart.
 */
export function arrivalBuckets(input: ReportInput, options: { unitId?: number; tally?: LiveTally } = {}): ArrivalChart {
  const tally = options.tally ?? reportTally(input);
  const dayStart = zonedInstant(input.event.date, '00:00', input.event.timeZone);
  const dayEnd = dayStart + 24 * 3_600_000;
  const onTheDay: Fact[] = [];
  let outside = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const fact of tally.standing(arrivalCheckpoint(input.event))) {
    if (options.unitId !== undefined && fact.unitId !== options.unitId) continue;
    const at = correctedTime(fact);
    if (at < dayStart || at >= dayEnd) { outside++; continue; }
    onTheDay.push(fact);
    first = Math.min(first, at);
    last = Math.max(last, at);
  }
  if (onTheDay.length === 0) return { buckets: [], outside };
  return { buckets: arrivalsPer10Min({ admissions: onTheDay, start: first, now: last, timeZone: input.event.timeZone }), outside };
}
