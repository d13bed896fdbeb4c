// The one rule for which admission stands (domain/standing.ts), and the live tally that uses it
// for a person admitted thousands of times: counted once, every other admission a duplicate.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { byStanding, isDuplicate, standingAdmission, standsBefore } from '../../src/domain/standing.ts';
import type { Fact } from '../../src/shared/schemas.ts';
import { BAC_KAN, UNITS, admitFact, bacKanAt, person, voidFact } from './fixtures.ts';

const withId = (fact: Fact, id: string): Fact => ({ ...fact, id });

describe('standing admission', () => {
  it('goes to the earliest corrected time, and on an exact tie to the smaller fact id', () => {
    const an = person(1001);
    const a = withId(admitFact(an, { at: bacKanAt(9, 0) }), '01900000-0000-7000-8000-00000000000b');
    const b = withId(admitFact(an, { at: bacKanAt(9, 0) }), '01900000-0000-7000-8000-00000000000a');
    // Same instant through a fast clock and its offset: a tie in corrected time.
    const c = withId(admitFact(an, { at: bacKanAt(9, 30), clockOffsetMs: -30 * 60_000 }), '01900000-0000-7000-8000-000000000009');
    expect(standsBefore(b, a)).toBe(true);
    expect(standsBefore(a, b)).toBe(false);
    expect(standingAdmission([a, b, c], 'arrived')?.id).toBe(c.id);
    expect(standingAdmission([a, b], 'arrived')?.id).toBe(b.id);
    expect([a, c, b].sort(byStanding).map((f) => f.id)).toEqual([c.id, b.id, a.id]);
  });

  it('is the same whatever order the log holds, and the live tally agrees with it', () => {
    const an = person(1001);
    const arb = fc.array(fc.record({ minute: fc.integer({ min: 0, max: 5 }), undo: fc.boolean() }), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(arb, fc.integer(), (plan, seed) => {
      const log: Fact[] = [];
      for (const step of plan) {
        const admit = admitFact(an, { at: bacKanAt(9, step.minute) });
        log.push(admit);
        if (step.undo) log.push(voidFact(admit));
      }
      const shuffled = [...log].sort((x, y) => ((x.id.charCodeAt(3) * seed) % 5) - ((y.id.charCodeAt(3) * seed) % 5));
      const standing = standingAdmission(log, 'arrived');
      expect(standingAdmission(shuffled, 'arrived')?.id).toBe(standing?.id);
      const tally = new LiveTally(BAC_KAN, UNITS).addAll(shuffled);
      const voided = new Set(log.filter((f) => f.kind === 'void').map((f) => f.voids));
      for (const f of log.filter((x) => x.kind === 'admit')) {
        expect(tally.isDuplicate(f)).toBe(isDuplicate(f, { voided: voided.has(f.id), standing }));
      }
      expect(tally.unit('arrived', an.unitId).count).toBe(standing ? 1 : 0);
    }), { numRuns: 200 });
  });
});

describe('LiveTally with one person admitted 10,000 times', () => {
  it('counts them once, ignores retried facts, and moves to the next admission when the standing one is undone', () => {
    const an = person(1001);
    const log = Array.from({ length: 10_000 }, (_, i) => admitFact(an, { at: bacKanAt(8, 45) + i * 1000, deskId: `ban-${1 + (i % 3)}` }));
    const tally = new LiveTally(BAC_KAN, UNITS);
    // Newest first, so every admission replaces the standing one: the worst order for a tally.
    for (const f of [...log].reverse()) tally.add(f);
    for (const f of log.slice(0, 100)) tally.add(f); // a desk resending
    expect(tally.unit('arrived', an.unitId)).toMatchObject({ count: 1, onTime: 1, late: 0 });
    expect(log.filter((f) => tally.isDuplicate(f))).toHaveLength(9_999);
    expect(tally.isDuplicate(log[0]!)).toBe(false);
    tally.add(voidFact(log[0]!));
    expect(tally.isDuplicate(log[0]!)).toBe(false);
    expect(tally.isDuplicate(log[1]!)).toBe(false);
    expect(log.filter((f) => tally.isDuplicate(f))).toHaveLength(9_998);
    expect(tally.unit('arrived', an.unitId).count).toBe(1);
    expect([...tally.standing('arrived')].map((f) => f.id)).toEqual([log[1]!.id]);
  });
});
