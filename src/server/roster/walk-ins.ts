// Walk-ins as the coordinator reviews them: derived from the log (admissions a desk registered
// on the spot, not undone), and resolved by re-keying their facts to a roster number — a void of
// each walk-in admission plus the same admission under the number — so the tally stays derived.
import { v7 as uuidv7 } from 'uuid';
import type { Fact } from '../../shared/schemas.ts';
import type { ServerFact } from '../../shared/sync.ts';
import type { WalkInRow } from '../../shared/coordinator.ts';

/** One person admitted as a walk-in, with what the desk typed: the shape the coordinator's list parses. */
export type WalkInEntry = WalkInRow;

/** The walk-ins still standing in the log, oldest first; a re-keyed (merged) walk-in is gone from it. */
export function walkInsOf(facts: readonly ServerFact[]): WalkInEntry[] {
  const voided = new Set(facts.filter((f) => f.kind === 'void').map((f) => f.voids));
  const byPerson = new Map<string, WalkInEntry>();
  for (const f of facts) {
    if (f.kind !== 'admit' || !f.personKey.startsWith('w:') || voided.has(f.id)) continue;
    const entry = byPerson.get(f.personKey);
    if (entry) { if (!entry.checkpoints.includes(f.checkpoint)) entry.checkpoints.push(f.checkpoint); continue; }
    const walkIn = f.walkIn;
    byPerson.set(f.personKey, {
      personKey: f.personKey, name: walkIn?.name ?? '?', ...(walkIn?.phone ? { phone: walkIn.phone } : {}),
      ...(walkIn?.birthYear !== undefined ? { birthYear: walkIn.birthYear } : {}),
      unitId: f.unitId, category: f.category, deskId: f.deskId, at: f.deviceTime + f.clockOffsetMs, checkpoints: [f.checkpoint],
    });
  }
  return [...byPerson.values()].sort((a, b) => a.at - b.at);
}

/**
 * The facts that move a walk-in's standing admissions to roster number `no`: for each, a void
 * and the same admission (desk, checkpoint, time) under the number, in the number's unit.
 */
export function rekeyFacts(facts: readonly ServerFact[], personKey: string, target: { no: number; unitId: number; category: string }, now: number): Fact[] {
  const voided = new Set(facts.filter((f) => f.kind === 'void').map((f) => f.voids));
  const out: Fact[] = [];
  for (const f of facts) {
    if (f.kind !== 'admit' || f.personKey !== personKey || voided.has(f.id)) continue;
    const base = { eventId: f.eventId, checkpoint: f.checkpoint, deviceId: 'coordinator', deskId: f.deskId, clockOffsetMs: 0 };
    out.push({ ...base, id: uuidv7(), kind: 'void', personKey, unitId: f.unitId, category: f.category, method: 'undo', voids: f.id, deviceTime: now });
    // Still method walk-in, with what the desk typed: the tally and reports keep the flag.
    out.push({ ...base, id: uuidv7(), kind: 'admit', personKey: String(target.no), unitId: target.unitId, category: target.category,
      method: 'walk-in', ...(f.walkIn ? { walkIn: f.walkIn } : {}), deviceTime: f.deviceTime + f.clockOffsetMs });
  }
  return out;
}
