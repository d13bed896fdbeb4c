import { describe, expect, it } from 'vitest';
import { eventTimeProblems, slotProblems } from '../../src/domain/event-checks.ts';

describe('times that contradict each other', () => {
  it('warns when the arrival deadline or the start is before opening', () => {
    expect(eventTimeProblems({ opensAt: '07:00', arriveBy: '06:30' }).map((p) => [p.kind, p.severity]))
      .toEqual([['deadline-before-opening', 'warn']]);
    expect(eventTimeProblems({ opensAt: '07:00', arriveBy: '06:30' })[0]!.vi).toContain('06:30');
    expect(eventTimeProblems({ opensAt: '07:00', startsAt: '06:00' }).map((p) => p.kind)).toEqual(['start-before-opening']);
    expect(eventTimeProblems({ opensAt: '07:00', arriveBy: '07:00', startsAt: '07:30' })).toEqual([]);
  });
  it('refuses a slot that ends before (or when) it starts, and warns on one before opening', () => {
    expect(slotProblems({ from: '10:00', to: '08:30' }).map((p) => [p.kind, p.severity])).toEqual([['slot-inverted', 'refuse']]);
    expect(slotProblems({ from: '08:30', to: '08:30' }).map((p) => p.kind)).toEqual(['slot-inverted']);
    expect(slotProblems({ from: '06:00', to: '08:00' }, '07:00').map((p) => [p.kind, p.severity])).toEqual([['slot-before-opening', 'warn']]);
    expect(slotProblems({ from: '08:30', to: '10:00' }, '07:00')).toEqual([]);
    expect(slotProblems(undefined, '07:00')).toEqual([]);
  });
});
