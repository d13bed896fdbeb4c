import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { behindAlerts, slotState } from '../../src/domain/slot-state.ts';
import { tallyByUnit } from '../../src/domain/tally.ts';
import type { Fact } from '../../src/shared/schemas.ts';
import { BAC_KAN, LANG_SON, PEOPLE, UNITS, admitFact, bacKanAt, person, voidFact, walkInFact } from './fixtures.ts';

const fresh = () => new LiveTally(BAC_KAN, UNITS);

describe('LiveTally', () => {
  it('counts the same people as the reference tally, whatever the order, duplicates included', () => {
    const logArb = fc.array(fc.record({
      who: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
      desk: fc.constantFrom('ban-1', 'ban-2', 'ban-3'),
      minute: fc.integer({ min: 0, max: 180 }),
      undo: fc.boolean(),
    }), { maxLength: 40 });
    fc.assert(fc.property(logArb, fc.integer(), (plan, seed) => {
      const log: Fact[] = [];
      for (const step of plan) {
        const admit = admitFact(PEOPLE[step.who]!, { deskId: step.desk, at: bacKanAt(7, 30) + step.minute * 60_000 });
        log.push(admit);
        if (step.undo) log.push(voidFact(admit));
      }
      const shuffled = [...log, ...log.slice(0, 5)].sort((a, b) => ((a.id.charCodeAt(9) * seed) % 7) - ((b.id.charCodeAt(9) * seed) % 7));
      const live = fresh().addAll(shuffled);
      const reference = tallyByUnit(log, UNITS, { checkpoint: 'arrived' });
      for (const unit of UNITS) expect(live.unit('arrived', unit.id).count).toBe(reference.get(unit.id)!.count);
      const again = fresh().addAll([...log].reverse());
      for (const unit of UNITS) expect(again.unit('arrived', unit.id)).toEqual(live.unit('arrived', unit.id));
    }), { numRuns: 150 });
  });

  it('uncounts a voided admission and counts the person again by a standing one, with its own timing', () => {
    const an = person(1001);
    const early = admitFact(an, { at: bacKanAt(9, 50), deskId: 'ban-1' });
    const later = admitFact(an, { at: bacKanAt(10, 5), deskId: 'ban-2' });
    const tally = fresh().addAll([early, later]);
    expect(tally.unit('arrived', 1)).toMatchObject({ count: 1, onTime: 1, late: 0 });
    tally.add(voidFact(early));
    expect(tally.unit('arrived', 1)).toMatchObject({ count: 1, onTime: 0, late: 1 });
    tally.add(voidFact(later));
    expect(tally.unit('arrived', 1)).toMatchObject({ count: 0, onTime: 0, late: 0 });
  });

  it('reads the slot edge in Hà Nội time: 10:00:00 is on time, 10:01 is late', () => {
    const tally = fresh().addAll([
      admitFact(person(1001), { at: bacKanAt(10, 0) }),
      admitFact(person(1002), { at: bacKanAt(10, 1) }),
      admitFact(person(1003), { at: bacKanAt(8, 0) }), // early for the 08:30 slot: not late
    ]);
    expect(tally.unit('arrived', 1)).toMatchObject({ count: 3, onTime: 2, late: 1 });
  });

  it('judges units without a slot against the event deadline', () => {
    const tally = new LiveTally(LANG_SON, UNITS).addAll([
      admitFact(person(3001), { at: Date.UTC(2024, 2, 29, 23, 55) }), // 06:55 local
      admitFact(person(3101), { at: Date.UTC(2024, 2, 30, 0, 10) }), // 07:10 local
    ]);
    expect(tally.unit('arrived', 3)).toMatchObject({ count: 2, onTime: 1, late: 1 });
    expect(tally.unit('arrived', 3).byCategory).toEqual(new Map([['giáo viên', 1], ['học sinh', 1]]));
  });

  it('counts a checkpoint reached without the earlier one at that checkpoint only', () => {
    const tally = fresh().addAll([admitFact(person(2001), { checkpoint: 'donated' })]);
    expect(tally.total('donated')).toBe(1);
    expect(tally.total('arrived')).toBe(0);
  });

  it('counts walk-ins in their unit and separately, and ignores a fact added twice', () => {
    const walkIn = walkInFact('Lý Thị Hồng Nhung', 4, 'nhân dân');
    const tally = fresh().addAll([walkIn, walkIn, admitFact(person(4001))]);
    expect(tally.unit('arrived', 4)).toMatchObject({ count: 2, walkIns: 1 });
    expect([...tally.standing('arrived')]).toHaveLength(2);
  });
});

describe('slots and alerts', () => {
  const police = UNITS[1]!;
  it('moves through upcoming, open, closing (under 15 minutes) and closed', () => {
    expect(slotState(police, BAC_KAN, bacKanAt(8, 29)).state).toBe('upcoming');
    expect(slotState(police, BAC_KAN, bacKanAt(8, 30)).state).toBe('open');
    expect(slotState(police, BAC_KAN, bacKanAt(9, 45)).state).toBe('open');
    expect(slotState(police, BAC_KAN, bacKanAt(9, 45, 1))).toMatchObject({ state: 'closing' });
    expect(slotState(police, BAC_KAN, bacKanAt(10, 0)).state).toBe('closing');
    expect(slotState(police, BAC_KAN, bacKanAt(10, 0, 1)).state).toBe('closed');
    expect(slotState(UNITS[2]!, BAC_KAN, bacKanAt(9, 0)).state).toBe('none');
  });

  it('lists units behind while their slot closes, least filled first, with minutes left', () => {
    const counts = new Map([[1, 100], [2, 12]]);
    const alerts = behindAlerts(UNITS, (id) => counts.get(id) ?? 0, BAC_KAN, bacKanAt(9, 48));
    expect(alerts.map((a) => [a.unit.name, a.count, a.quota, a.minutesLeft])).toEqual([
      ['Công an thành phố', 12, 60, 12],
      ['Đoàn Thanh niên thành phố', 100, 110, 12],
    ]);
    expect(behindAlerts(UNITS, () => 0, BAC_KAN, bacKanAt(9, 0))).toEqual([]);
  });
});
