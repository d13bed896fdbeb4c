// What the coordinator's tally screen shows, as plain data: one line per unit (or per group
// of units, expandable), sorted and filtered, plus the event's targets. Pure: the screen, the
// projector and the unit leader's share view all render this, and the tests check it.
import type { Checkpoint, EventInfo, Unit } from '../shared/schemas.ts';
import { compareVietnamese, foldVietnamese } from './fold.ts';
import type { LiveTally, UnitCount } from './live-tally.ts';
import { slotState, type SlotState } from './slot-state.ts';

/** The orders a coordinator can ask for; `behind` puts the units to call first on top. */
export type BoardSort = 'behind' | 'percent' | 'name';
export const BOARD_SORTS: readonly BoardSort[] = ['behind', 'percent', 'name'];

/** One line of the board: a unit, or a group of units rolled up. */
export interface BoardLine {
  /** `u:<unit id>` or `g:<group name>`: stable across renders. */
  key: string;
  name: string;
  count: number;
  quota: number;
  /** Whole percent of the quota, floored; a unit without quota reads 100 once anyone came. */
  percent: number;
  categories: Array<{ category: string; count: number; quota: number }>;
  onTime: number;
  late: number;
  walkIns: number;
  /** A group shows its most urgent member's slot. */
  slot: { state: SlotState; minutesLeft?: number };
  leaderName?: string;
  leaderPhone?: string;
  /** The units of a group line (sorted like the board); empty for a unit line. */
  members: BoardLine[];
}

/** Everything one board needs; `now` is the server's clock as best known. */
export interface BoardInput {
  event: Pick<EventInfo, 'date' | 'timeZone'>;
  units: readonly Unit[];
  tally: LiveTally;
  checkpoint: Checkpoint;
  now: number;
  sort: BoardSort;
  /** Unit or group name, folded (diacritics optional); empty shows every unit. */
  query?: string;
}

const percentOf = (count: number, quota: number): number => (quota > 0 ? Math.floor((count * 100) / quota) : count > 0 ? 100 : 0);

function unitLine(unit: Unit, counted: UnitCount, event: BoardInput['event'], now: number): BoardLine {
  const quota = unit.quotas.reduce((sum, q) => sum + q.quota, 0);
  const categories = unit.quotas.map((q) => ({ category: q.category, count: counted.byCategory.get(q.category) ?? 0, quota: q.quota }));
  // A walk-in may name a category the unit has no quota for: shown, with quota 0.
  for (const [category, count] of counted.byCategory) {
    if (!unit.quotas.some((q) => q.category === category)) categories.push({ category, count, quota: 0 });
  }
  const { state, msLeft } = slotState(unit, event, now);
  return {
    key: `u:${unit.id}`, name: unit.name, count: counted.count, quota, percent: percentOf(counted.count, quota), categories,
    onTime: counted.onTime, late: counted.late, walkIns: counted.walkIns,
    slot: { state, minutesLeft: msLeft === undefined ? undefined : Math.ceil(msLeft / 60_000) },
    leaderName: unit.leaderName, leaderPhone: unit.leaderPhone, members: [],
  };
}

// Which slot states want the coordinator's attention first.
const URGENCY: Record<SlotState, number> = { closing: 0, open: 1, none: 2, closed: 2, upcoming: 3 };

function groupLine(name: string, members: BoardLine[]): BoardLine {
  const sum = (pick: (l: BoardLine) => number) => members.reduce((total, l) => total + pick(l), 0);
  const categories = new Map<string, { category: string; count: number; quota: number }>();
  for (const m of members) {
    for (const c of m.categories) {
      const into = categories.get(c.category) ?? { category: c.category, count: 0, quota: 0 };
      into.count += c.count; into.quota += c.quota;
      categories.set(c.category, into);
    }
  }
  const urgent = members.reduce((a, b) => (URGENCY[b.slot.state] < URGENCY[a.slot.state] ? b : a));
  const count = sum((l) => l.count);
  const quota = sum((l) => l.quota);
  return {
    key: `g:${name}`, name, count, quota, percent: percentOf(count, quota), categories: [...categories.values()],
    onTime: sum((l) => l.onTime), late: sum((l) => l.late), walkIns: sum((l) => l.walkIns), slot: urgent.slot, members,
  };
}

/** The comparator for a sort; `behind` = unfilled before filled, then closing slots, then least filled. */
export function compareLines(sort: BoardSort): (a: BoardLine, b: BoardLine) => number {
  const byName = (a: BoardLine, b: BoardLine) => compareVietnamese(a.name, b.name);
  switch (sort) {
    case 'name': return byName;
    case 'percent': return (a, b) => b.percent - a.percent || byName(a, b);
    case 'behind': return (a, b) => {
      const filled = Number(a.percent >= 100) - Number(b.percent >= 100);
      return filled || URGENCY[a.slot.state] - URGENCY[b.slot.state] || a.percent - b.percent || byName(a, b);
    };
  }
}

/**
 * The board's lines. Units sharing a group roll up into one line (the 8 wards and communes
 * of Bắc Kạn as one line of 160); a search lists the matching units one by one instead.
 */
export function boardLines(input: BoardInput): BoardLine[] {
  const { event, units, tally, checkpoint, now } = input;
  const compare = compareLines(input.sort);
  const lines = units.map((u) => unitLine(u, tally.unit(checkpoint, u.id), event, now));
  const query = foldVietnamese(input.query ?? '');
  if (query) {
    return lines.filter((l, i) => foldVietnamese(l.name).includes(query) || foldVietnamese(units[i]!.group ?? '').includes(query)).sort(compare);
  }
  const groups = new Map<string, BoardLine[]>();
  units.forEach((u, i) => { if (u.group) groups.set(u.group, [...(groups.get(u.group) ?? []), lines[i]!]); });
  const board: BoardLine[] = [];
  const rolledUp = new Set<string>();
  units.forEach((u, i) => {
    const members = u.group ? groups.get(u.group)! : undefined;
    if (!members || members.length < 2) board.push(lines[i]!);
    else if (!rolledUp.has(u.group!)) { rolledUp.add(u.group!); board.push(groupLine(u.group!, [...members].sort(compare))); }
  });
  return board.sort(compare);
}

/** One of the event's targets against what the log shows so far. */
export interface TargetProgress {
  checkpoint: Checkpoint;
  count: number;
  target?: number;
  percent?: number;
}

/**
 * Registered, then each checkpoint the desks record, with the event's target where it set one.
 * `registered` is the roster plus walk-ins (a walk-in registers on the spot).
 */
export function targetProgress(args: { event: Pick<EventInfo, 'checkpoints' | 'targets'>; tally: LiveTally; registered: number }): TargetProgress[] {
  const { event, tally } = args;
  const walkIns = event.checkpoints.reduce((most, c) => Math.max(most, tally.walkIns(c)), 0);
  const rows: TargetProgress[] = [{ checkpoint: 'registered', count: args.registered + walkIns }];
  for (const checkpoint of event.checkpoints) if (checkpoint !== 'registered') rows.push({ checkpoint, count: tally.total(checkpoint) });
  return rows.map((row) => {
    const target = event.targets[row.checkpoint];
    return target === undefined ? row : { ...row, target, percent: percentOf(row.count, target) };
  });
}
