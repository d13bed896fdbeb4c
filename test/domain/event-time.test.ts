import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { clockOf, zonedInstant } from '../../src/domain/event-time.ts';
import { evaluateCases } from './event-time-cases.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What every case must come to on any machine; instants written in UTC. */
const EXPECTED: Record<string, string | number> = {
  slotOpens: Date.UTC(2024, 6, 10, 1, 30),
  slotCloses: Date.UTC(2024, 6, 10, 3, 0),
  newYear: Date.UTC(2024, 11, 31, 17, 0),
  offsetVN: 7 * 3600_000,
  at_08_29_59: 'early',
  at_08_29_59_999: 'early',
  at_08_30: 'on-time',
  at_10_00_00_000: 'on-time',
  at_10_00_00_001: 'late',
  at_10_01: 'late',
  dayBefore_09_00: 'early',
  langSon_06_45: 'on-time',
  langSon_07_00_00_000: 'on-time',
  langSon_07_00_00_001: 'late',
  langSon_08_00: 'late',
  noDeadline: 'no-deadline',
  clock_08_30: '08:30',
  clock_10_00_00_001: '10:00',
  clock_midnight: '00:00',
  clock_23_59_59_999: '23:59',
  berlinBeforeSpringForward: Date.UTC(2024, 2, 31, 0, 30),
  berlinNoonAfterSpringForward: Date.UTC(2024, 2, 31, 10, 0),
  berlinClock: '12:00',
  newYorkNoonAfterFallBack: Date.UTC(2024, 10, 3, 17, 0),
  // The tally: 08:00 counts as early (on time), 10:00 on time, 10:01 late; 15 minutes left is still open.
  tallyOnTime: 2,
  tallyLate: 1,
  slot_08_29: 'upcoming',
  slot_09_45: 'open',
  slot_09_45_01: 'closing',
  slot_10_00_00_001: 'closed',
  chartFirst: '07:00',
  chartLast: '10:00',
  chartAt_10_00: 2,
};

describe('event time in the event\'s zone', () => {
  it('decides slot edges, the arrival deadline and wall clocks in this process', () => {
    expect(evaluateCases()).toEqual(EXPECTED);
  });

  // The device's own zone must not matter: a tablet set to Tokyo or New York time
  // still judges a Bắc Kạn arrival on Việt Nam's clock.
  it.each([
    ['America/New_York', 240],
    ['Asia/Tokyo', -540],
    ['UTC', 0],
  ])('gives the same answers on a machine set to TZ=%s', async (tz, offsetMinutes) => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['test/domain/event-time-probe.ts'], {
      cwd: ROOT, env: { ...process.env, TZ: tz }, timeout: 30_000,
    });
    const report = JSON.parse(stdout) as { machine: { offsetMinutes: number; zone: string }; cases: unknown };
    // The child really ran in that zone (July: New York is on EDT, UTC−4).
    expect(report.machine).toEqual({ offsetMinutes, zone: tz });
    expect(report.cases).toEqual(EXPECTED);
  }, 30_000);

  it('reads back the wall clock it was given, for any minute of any day', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }),
      (day, hh, mm) => {
        const date = day.toISOString().slice(0, 10);
        const clock = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
        const instant = zonedInstant(date, clock, 'Asia/Ho_Chi_Minh');
        expect(clockOf(instant, 'Asia/Ho_Chi_Minh')).toBe(clock);
        expect(new Date(instant + 7 * 3600_000).toISOString().slice(0, 16)).toBe(`${date}T${clock}`);
      },
    ), { numRuns: 500 });
  });
});
