// The tally is derived from the log — distinct people per unit — never kept as counters.
import type { Checkpoint, Fact, Unit } from '../shared/schemas.ts';

/** One unit's distinct people at a checkpoint, overall and per category. */
export interface UnitTally {
  unitId: number;
  count: number;
  quota: number;
  byCategory: Map<string, { count: number; quota: number }>;
  walkIns: number;
}

/** Which facts count: all of them, or only one desk's or one device's. */
export interface TallyScope {
  checkpoint: Checkpoint;
  deskId?: string;
  deviceId?: string;
}

/**
 * Counts each person once per unit at the checkpoint. Voided admissions never count, and a
 * second admission of the same person (another desk, a retry, a merge) changes nothing.
 */
export function tallyByUnit(facts: Iterable<Fact>, units: readonly Unit[], scope: TallyScope): Map<number, UnitTally> {
  const voided = new Set<string>();
  const admits: Fact[] = [];
  for (const f of facts) {
    if (f.kind === 'void') { if (f.voids) voided.add(f.voids); continue; }
    if (f.checkpoint !== scope.checkpoint) continue;
    if (scope.deskId && f.deskId !== scope.deskId) continue;
    if (scope.deviceId && f.deviceId !== scope.deviceId) continue;
    admits.push(f);
  }
  const tallies = new Map<number, UnitTally>();
  for (const unit of units) {
    const byCategory = new Map(unit.quotas.map((q) => [q.category, { count: 0, quota: q.quota }]));
    const quota = unit.quotas.reduce((sum, q) => sum + q.quota, 0);
    tallies.set(unit.id, { unitId: unit.id, count: 0, quota, byCategory, walkIns: 0 });
  }
  const seen = new Set<string>();
  for (const f of admits) {
    if (voided.has(f.id) || seen.has(f.personKey)) continue;
    seen.add(f.personKey);
    const t = tallies.get(f.unitId);
    if (!t) continue;
    t.count++;
    if (f.method === 'walk-in') t.walkIns++;
    const cat = t.byCategory.get(f.category);
    if (cat) cat.count++;
  }
  return tallies;
}
