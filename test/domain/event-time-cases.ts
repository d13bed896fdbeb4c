// The event-time computations the TZ test runs both in-process and in child processes
// started with other TZ settings; all inputs and outputs are zone-free numbers and strings.
import { arrivalsPer10Min } from '../../src/domain/arrivals.ts';
import { clockOf, punctuality, zonedInstant, zoneOffsetMs } from '../../src/domain/event-time.ts';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { slotState } from '../../src/domain/slot-state.ts';
import type { Fact } from '../../src/shared/schemas.ts';

const VN = 'Asia/Ho_Chi_Minh';
const BAC_KAN_DAY = '2024-07-10';
const LANG_SON_DAY = '2024-03-30';
const slot = { from: '08:30', to: '10:00' };
/** Epoch ms of a wall-clock time in Việt Nam (UTC+7 all year). */
const vn = (date: string, hh: number, mm: number, ss = 0, ms = 0): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hh - 7, mm, ss, ms);
};

/** The tally's view of the Bắc Kạn slot: on time / late counts, slot states, chart labels. */
function tallyCases(): Record<string, string | number> {
  const unit = { id: 1, name: 'Công an thành phố', quotas: [{ category: 'cán bộ', quota: 60 }], slot };
  const admit = (n: number, at: number): Fact => ({
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`, eventId: 1, kind: 'admit', personKey: String(n), unitId: 1,
    category: 'cán bộ', checkpoint: 'arrived', method: 'scan', deviceId: 'd', deskId: 'ban-1', deviceTime: at, clockOffsetMs: 0,
  });
  const event = { date: BAC_KAN_DAY, timeZone: VN };
  const tally = new LiveTally(event, [unit]).addAll([admit(1, vn(BAC_KAN_DAY, 10, 0)), admit(2, vn(BAC_KAN_DAY, 10, 1)), admit(3, vn(BAC_KAN_DAY, 8, 0))]);
  const counted = tally.unit('arrived', 1);
  const bars = arrivalsPer10Min({ admissions: tally.standing('arrived'), start: vn(BAC_KAN_DAY, 7, 0), now: vn(BAC_KAN_DAY, 10, 5), timeZone: VN });
  return {
    tallyOnTime: counted.onTime,
    tallyLate: counted.late,
    slot_08_29: slotState(unit, event, vn(BAC_KAN_DAY, 8, 29)).state,
    slot_09_45: slotState(unit, event, vn(BAC_KAN_DAY, 9, 45)).state,
    slot_09_45_01: slotState(unit, event, vn(BAC_KAN_DAY, 9, 45, 1)).state,
    slot_10_00_00_001: slotState(unit, event, vn(BAC_KAN_DAY, 10, 0, 0, 1)).state,
    chartFirst: bars[0]!.label,
    chartLast: bars.at(-1)!.label,
    chartAt_10_00: bars.find((b) => b.label === '10:00')!.count,
  };
}

/** Every case by name; the test compares this whole record against fixed expectations. */
export function evaluateCases(): Record<string, string | number> {
  const bacKan = (at: number) => punctuality({ at, date: BAC_KAN_DAY, timeZone: VN, slot });
  const langSon = (at: number) => punctuality({ at, date: LANG_SON_DAY, timeZone: VN, arriveBy: '07:00' });
  return {
    slotOpens: zonedInstant(BAC_KAN_DAY, '08:30', VN),
    slotCloses: zonedInstant(BAC_KAN_DAY, '10:00', VN),
    newYear: zonedInstant('2025-01-01', '00:00', VN),
    offsetVN: zoneOffsetMs(VN, vn(BAC_KAN_DAY, 9, 0)),
    at_08_29_59: bacKan(vn(BAC_KAN_DAY, 8, 29, 59)),
    at_08_29_59_999: bacKan(vn(BAC_KAN_DAY, 8, 29, 59, 999)),
    at_08_30: bacKan(vn(BAC_KAN_DAY, 8, 30)),
    at_10_00_00_000: bacKan(vn(BAC_KAN_DAY, 10, 0, 0, 0)),
    at_10_00_00_001: bacKan(vn(BAC_KAN_DAY, 10, 0, 0, 1)),
    at_10_01: bacKan(vn(BAC_KAN_DAY, 10, 1)),
    dayBefore_09_00: bacKan(vn('2024-07-09', 9, 0)),
    langSon_06_45: langSon(vn(LANG_SON_DAY, 6, 45)),
    langSon_07_00_00_000: langSon(vn(LANG_SON_DAY, 7, 0)),
    langSon_07_00_00_001: langSon(vn(LANG_SON_DAY, 7, 0, 0, 1)),
    langSon_08_00: langSon(vn(LANG_SON_DAY, 8, 0)),
    noDeadline: punctuality({ at: vn(BAC_KAN_DAY, 23, 0), date: BAC_KAN_DAY, timeZone: VN }),
    clock_08_30: clockOf(vn(BAC_KAN_DAY, 8, 30), VN),
    clock_10_00_00_001: clockOf(vn(BAC_KAN_DAY, 10, 0, 0, 1), VN),
    clock_midnight: clockOf(vn(BAC_KAN_DAY, 0, 0), VN),
    clock_23_59_59_999: clockOf(vn(BAC_KAN_DAY, 23, 59, 59, 999), VN),
    // A zone that changes its offset: the event's zone decides, not the device's.
    berlinBeforeSpringForward: zonedInstant('2024-03-31', '01:30', 'Europe/Berlin'),
    berlinNoonAfterSpringForward: zonedInstant('2024-03-31', '12:00', 'Europe/Berlin'),
    berlinClock: clockOf(Date.UTC(2024, 2, 31, 10, 0), 'Europe/Berlin'),
    newYorkNoonAfterFallBack: zonedInstant('2024-11-03', '12:00', 'America/New_York'),
    ...tallyCases(),
  };
}
