// Which admission of a person stands at a checkpoint, and so which later ones are duplicates.
// The one place this rule is written: the desk's verdict, the live tally, the reports and the
// server's pull answers all ask here, so no engine and no screen can settle it differently.
import type { Checkpoint, Fact } from '../shared/schemas.ts';

/** A fact's time on the server's clock: device time plus the offset measured at sync. */
export const correctedTime = (f: Pick<Fact, 'deviceTime' | 'clockOffsetMs'>): number => f.deviceTime + f.clockOffsetMs;

/**
 * True when `a` stands before `b`: the earlier corrected time, and on an exact tie the smaller
 * fact id (code-unit order, which for UUIDs is byte order), so every reader picks the same one.
 */
export function standsBefore(a: Pick<Fact, 'id' | 'deviceTime' | 'clockOffsetMs'>, b: Pick<Fact, 'id' | 'deviceTime' | 'clockOffsetMs'>): boolean {
  const at = correctedTime(a);
  const bt = correctedTime(b);
  return at < bt || (at === bt && a.id < b.id);
}

/** The order standsBefore defines, for sort(). */
export const byStanding = (a: Fact, b: Fact): number => (standsBefore(a, b) ? -1 : standsBefore(b, a) ? 1 : 0);

/** The admission that still stands for a person at a checkpoint: the first one not voided. */
export function standingAdmission(facts: readonly Fact[], checkpoint: Checkpoint): Fact | undefined {
  const voided = new Set<string>();
  for (const f of facts) if (f.kind === 'void' && f.voids) voided.add(f.voids);
  let standing: Fact | undefined;
  for (const f of facts) {
    if (f.kind !== 'admit' || f.checkpoint !== checkpoint || voided.has(f.id)) continue;
    if (!standing || standsBefore(f, standing)) standing = f;
  }
  return standing;
}

/**
 * A duplicate is an admission neither undone nor the standing one: the same person admitted
 * again, usually at a second desk while offline. Counted once, shown as a duplicate.
 */
export function isDuplicate(fact: Fact, context: { voided: boolean; standing: Fact | undefined }): boolean {
  return fact.kind === 'admit' && !context.voided && context.standing !== undefined && context.standing.id !== fact.id;
}
