// The live tally's starting point: distinct people per unit and checkpoint, read off the
// server's LiveTally (event-tallies.ts), the same class the screens count with, so server and
// screens cannot disagree. O(units × checkpoints): the log was counted as it arrived.
import type { Checkpoint, Unit } from '../../shared/schemas.ts';
import type { HeldTally } from './event-tallies.ts';

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

function checkpointTally(held: HeldTally, checkpoint: Checkpoint): CheckpointTally {
  const counts: UnitCount[] = held.units.map((unit: Unit) => {
    const counted = held.tally.unit(checkpoint, unit.id);
    // Only the unit's own categories are listed, each against its quota, as the screens show them.
    const byCategory = unit.quotas.map((q) => ({ category: q.category, count: counted.byCategory.get(q.category) ?? 0, quota: q.quota }));
    const quota = unit.quotas.reduce((sum, q) => sum + q.quota, 0);
    return { unitId: unit.id, count: counted.count, quota, walkIns: counted.walkIns, byCategory };
  });
  const sum = (pick: (u: UnitCount) => number): number => counts.reduce((total, u) => total + pick(u), 0);
  return { checkpoint, total: sum((u) => u.count), quota: sum((u) => u.quota), walkIns: sum((u) => u.walkIns), units: counts };
}

/** Every checkpoint of the event, as the held tally counts it at its cursor. */
export function tallySnapshot(eventId: number, held: HeldTally): TallySnapshot {
  return {
    eventId,
    cursor: held.cursor,
    facts: held.facts,
    checkpoints: held.event.checkpoints.map((checkpoint) => checkpointTally(held, checkpoint)),
  };
}

/** The last snapshot's JSON per held tally: forty screens asking at once cost one build. */
const built = new WeakMap<HeldTally, { revision: number; json: string }>();

/** The snapshot as JSON text, built again only when the held tally changed since the last one. */
export function tallySnapshotJson(eventId: number, held: HeldTally): string {
  const last = built.get(held);
  if (last && last.revision === held.revision) return last.json;
  const json = JSON.stringify(tallySnapshot(eventId, held));
  built.set(held, { revision: held.revision, json });
  return json;
}
