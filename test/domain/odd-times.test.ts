// Issue 13, item 1: a fact's time is a desk's clock, and the log keeps whatever was stored. No
// report, tally or clock label may throw over a time no calendar holds; it shows a marked time.
import { describe, expect, it } from 'vitest';
import { EventInfo, type Fact } from '../../src/shared/schemas.ts';
import { clockOf, isShowableInstant } from '../../src/domain/event-time.ts';
import { formatDateTime } from '../../src/domain/report-format.ts';
import { participantRows, unitRows } from '../../src/domain/report-rows.ts';
import { scanLogRows } from '../../src/domain/scan-log-rows.ts';
import { arrivalBuckets, type ReportInput } from '../../src/domain/report-summary.ts';
import { arrivalsPer10Min } from '../../src/domain/arrivals.ts';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { admitFact, BAC_KAN, bacKanAt, PEOPLE, person, UNITS } from './fixtures.ts';

const EVENT = EventInfo.parse({ ...BAC_KAN, name: 'Hành trình đỏ 2024', venue: 'Bắc Kạn', checkpoints: ['arrived'], targets: {} });
const HUGE = 9007199254740991;
/** Stored facts skip the schema: these are what a raw row or an old server could hold. */
const odd = (no: number, deviceTime: number, clockOffsetMs = 0): Fact => ({ ...admitFact(person(no), { at: bacKanAt(9, 0) }), deviceTime, clockOffsetMs });

describe('times no calendar holds', () => {
  it('show as a marked time, never a RangeError', () => {
    for (const t of [HUGE, -HUGE, Number.NaN, 8.64e15]) {
      expect(isShowableInstant(t)).toBe(false);
      expect(formatDateTime(t, 'Asia/Ho_Chi_Minh')).toBe('--/--/---- --:--');
      expect(clockOf(t, 'Asia/Ho_Chi_Minh')).toBe('--:--');
    }
    expect(formatDateTime(bacKanAt(9, 5), 'Asia/Ho_Chi_Minh')).toBe('10/07/2024 09:05');
  });

  it('leave every report table and the tally whole, counting the person once', () => {
    const facts = [odd(1001, HUGE), odd(1002, bacKanAt(9, 0), HUGE), odd(1003, -HUGE), admitFact(person(2001), { at: bacKanAt(9, 10) })];
    const input: ReportInput = { event: EVENT, units: UNITS, desks: [{ id: 'ban-1', name: 'Bàn 1' }], participants: PEOPLE, facts };
    const people = participantRows(input, 'vi');
    const at = people.fields.indexOf('Có mặt lúc');
    expect(people.rows.find((r) => r[0] === '1001')![at]).toBe('--/--/---- --:--');
    expect(people.rows.find((r) => r[0] === '2001')![at]).toBe('10/07/2024 09:10');
    expect(scanLogRows(input, [], 'en').rows).toHaveLength(4);
    expect(unitRows(input, 'vi').rows.at(-1)).toBeDefined();
    // Off the day: counted as outside the chart, not drawn.
    expect(arrivalBuckets(input).outside).toBe(3);
    const tally = new LiveTally(EVENT, UNITS).addAll(facts);
    expect(tally.total('arrived')).toBe(4);
    expect(() => arrivalsPer10Min({ admissions: facts, start: bacKanAt(7, 0), now: bacKanAt(10, 0), timeZone: EVENT.timeZone })).not.toThrow();
  });
});
