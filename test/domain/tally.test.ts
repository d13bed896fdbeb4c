import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tallyByUnit, type TallyScope, type UnitTally } from '../../src/domain/tally.ts';
import type { Fact } from '../../src/shared/schemas.ts';
import { admitFact, bacKanAt, person, UNITS, voidFact, walkInFact } from './fixtures.ts';

const ARRIVED: TallyScope = { checkpoint: 'arrived' };

/** unitId → distinct people, the number the big screen shows. */
function counts(tallies: Map<number, UnitTally>): Record<number, number> {
  return Object.fromEntries([...tallies].map(([unitId, t]) => [unitId, t.count]));
}

/** category → count for one unit. */
function categories(tallies: Map<number, UnitTally>, unitId: number): Record<string, number> {
  const unit = tallies.get(unitId);
  if (!unit) throw new Error(`no tally for unit ${unitId}`);
  return Object.fromEntries([...unit.byCategory].map(([category, c]) => [category, c.count]));
}

describe('tallyByUnit', () => {
  it('counts distinct people per unit and carries every unit\'s quota, even with nobody yet', () => {
    const facts = [admitFact(person(1001)), admitFact(person(1002)), admitFact(person(1003)), admitFact(person(2001))];
    const tallies = tallyByUnit(facts, UNITS, ARRIVED);
    expect(counts(tallies)).toEqual({ 1: 3, 2: 1, 3: 0, 4: 0 });
    expect(tallies.get(1)).toMatchObject({ unitId: 1, quota: 110, walkIns: 0 });
    expect(tallies.get(3)).toMatchObject({ quota: 250, count: 0 });
  });

  it('counts a person admitted at two desks once', () => {
    const facts = [
      admitFact(person(1001), { deskId: 'ban-1', deviceId: 'tablet-01', at: bacKanAt(8, 40) }),
      admitFact(person(1001), { deskId: 'ban-2', deviceId: 'tablet-02', at: bacKanAt(8, 41) }),
      admitFact(person(1001), { deskId: 'ban-2', deviceId: 'tablet-02', at: bacKanAt(8, 41) }), // a retry
    ];
    expect(counts(tallyByUnit(facts, UNITS, ARRIVED))).toMatchObject({ 1: 1 });
  });

  it('does not count a voided admission', () => {
    const admitted = admitFact(person(2001));
    expect(counts(tallyByUnit([admitted], UNITS, ARRIVED))).toMatchObject({ 2: 1 });
    expect(counts(tallyByUnit([admitted, voidFact(admitted)], UNITS, ARRIVED))).toMatchObject({ 2: 0 });
  });

  it('still counts a person whose other admission stands, whatever the order of the log', () => {
    const mistaken = admitFact(person(2001), { deskId: 'ban-1', at: bacKanAt(8, 50) });
    const undo = voidFact(mistaken);
    const again = admitFact(person(2001), { deskId: 'ban-2', deviceId: 'tablet-02', at: bacKanAt(9, 5) });
    for (const log of [[mistaken, undo, again], [again, mistaken, undo], [undo, again, mistaken], [mistaken, again, undo]]) {
      expect(counts(tallyByUnit(log, UNITS, ARRIVED))).toMatchObject({ 2: 1 });
    }
  });

  it('counts per category against each category\'s quota', () => {
    const facts = [3001, 3002, 3101, 3102, 3103, 3103].map((no) => admitFact(person(no)));
    const tallies = tallyByUnit(facts, UNITS, ARRIVED);
    expect(categories(tallies, 3)).toEqual({ 'giáo viên': 2, 'học sinh': 3 });
    expect(tallies.get(3)!.byCategory.get('giáo viên')).toEqual({ count: 2, quota: 50 });
    expect(tallies.get(3)!.byCategory.get('học sinh')).toEqual({ count: 3, quota: 200 });
    expect(tallies.get(3)!.count).toBe(5);
  });

  it('narrows to one desk or one device', () => {
    const facts = [
      admitFact(person(1001), { deskId: 'ban-1', deviceId: 'tablet-01' }),
      admitFact(person(1002), { deskId: 'ban-1', deviceId: 'tablet-03' }),
      admitFact(person(1003), { deskId: 'ban-2', deviceId: 'tablet-02' }),
      admitFact(person(2001), { deskId: 'ban-2', deviceId: 'tablet-02' }),
    ];
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'arrived', deskId: 'ban-1' }))).toEqual({ 1: 2, 2: 0, 3: 0, 4: 0 });
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'arrived', deskId: 'ban-2' }))).toEqual({ 1: 1, 2: 1, 3: 0, 4: 0 });
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'arrived', deviceId: 'tablet-03' }))).toEqual({ 1: 1, 2: 0, 3: 0, 4: 0 });
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'arrived', deskId: 'ban-1', deviceId: 'tablet-02' }))).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
  });

  it('counts walk-ins in the unit and shows them separately', () => {
    const facts = [
      admitFact(person(4001)),
      walkInFact('Lục Văn Thắng', 4, 'nhân dân'),
      walkInFact('Lục Văn Thắng', 4, 'nhân dân'), // a namesake: a second walk-in is a second person
    ];
    const unit = tallyByUnit(facts, UNITS, ARRIVED).get(4)!;
    expect(unit.count).toBe(3);
    expect(unit.walkIns).toBe(2);
    expect(unit.byCategory.get('nhân dân')!.count).toBe(3);
  });

  it('does not count a voided walk-in', () => {
    const walkIn = walkInFact('Hà Thị Nga', 4, 'nhân dân');
    const unit = tallyByUnit([walkIn, voidFact(walkIn)], UNITS, ARRIVED).get(4)!;
    expect(unit).toMatchObject({ count: 0, walkIns: 0 });
  });

  it('ignores facts of other checkpoints, and their undos do not touch this one', () => {
    const arrived = admitFact(person(1001), { checkpoint: 'arrived' });
    const donated = admitFact(person(1001), { checkpoint: 'donated', at: bacKanAt(9, 30) });
    const donatedOnly = admitFact(person(1002), { checkpoint: 'donated' });
    const facts = [arrived, donated, donatedOnly, voidFact(donated)];
    expect(counts(tallyByUnit(facts, UNITS, ARRIVED))).toMatchObject({ 1: 1 });
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'donated' }))).toMatchObject({ 1: 1 });
    expect(counts(tallyByUnit(facts, UNITS, { checkpoint: 'finished' }))).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
  });

  it('skips facts of a unit it was not given instead of failing', () => {
    const stray = { ...admitFact(person(1001)), unitId: 99 };
    expect(counts(tallyByUnit([stray, admitFact(person(2001))], UNITS, ARRIVED))).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0 });
  });

  it('gives the same tally for any order and any duplication of the log', () => {
    const first = admitFact(person(3101));
    const log: Fact[] = [
      first, voidFact(first), admitFact(person(3101), { deskId: 'ban-2' }),
      ...[1001, 1002, 2001, 3001, 3102].map((no) => admitFact(person(no))),
      walkInFact('Bế Văn Đàn', 2, 'cán bộ'),
    ];
    const reference = tallyByUnit(log, UNITS, ARRIVED);
    expect(counts(reference)).toEqual({ 1: 2, 2: 2, 3: 3, 4: 0 });
    fc.assert(fc.property(
      fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length }),
      fc.array(fc.nat({ max: log.length - 1 }), { maxLength: 20 }),
      (shuffled, repeats) => {
        const replayed = [...shuffled, ...repeats.map((i) => log[i]!)];
        expect(tallyByUnit(replayed, UNITS, ARRIVED)).toEqual(reference);
      },
    ));
  });
});
