// The live tally's starting point: distinct people per unit and checkpoint, derived from the
// whole log with the same tallyByUnit the desks use, so server and desks cannot disagree.
import { tallyByUnit } from '../../domain/tally.ts';
import type { Checkpoint, Fact, Unit } from '../../shared/schemas.ts';

/** One unit's count at a checkpoint. */
export interface UnitCount {
  unitId: number;
  count: number;
  quota: number;
  walkIns: number;
  byCategory: Array<{ category: string; count: number; quota: number }>;
}

/** One checkpoint: every unit plus the totals over units. */
export interface CheckpointTally {
  checkpoint: Checkpoint;
  total: number;
  quota: number;
  walkIns: number;
  units: UnitCount[];
}

/** What the `snapshot` SSE event and GET /api/events/:id/tally carry. */
export interface TallySnapshot {
  eventId: number;
  /** The seq the counts include; `fact` events with a higher id come on top. */
  cursor: number;
  /** Facts in the log (admissions, voids and duplicates alike). */
  facts: number;
  checkpoints: CheckpointTally[];
}

function checkpointTally(facts: readonly Fact[], units: readonly Unit[], checkpoint: Checkpoint): CheckpointTally {
  const byUnit = tallyByUnit(facts, units, { checkpoint });
  const counts: UnitCount[] = [...byUnit.values()].map((t) => ({
    unitId: t.unitId, count: t.count, quota: t.quota, walkIns: t.walkIns,
    byCategory: [...t.byCategory].map(([category, c]) => ({ category, count: c.count, quota: c.quota })),
  }));
  const sum = (pick: (u: UnitCount) => number): number => counts.reduce((total, u) => total + pick(u), 0);
  return { checkpoint, total: sum((u) => u.count), quota: sum((u) => u.quota), walkIns: sum((u) => u.walkIns), units: counts };
}

/** Counts every checkpoint of the event over its log. */
export function tallySnapshot(args: {
  eventId: number; cursor: number; facts: readonly Fact[]; units: readonly Unit[]; checkpoints: readonly Checkpoint[];
}): TallySnapshot {
  return {
    eventId: args.eventId,
    cursor: args.cursor,
    facts: args.facts.length,
    checkpoints: args.checkpoints.map((checkpoint) => checkpointTally(args.facts, args.units, checkpoint)),
  };
}
