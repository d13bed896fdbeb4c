import { describe, expect, it } from 'vitest';
import {
  admit, admitWalkIn, correctedTime, punctualityFor, refusalOf, standingAdmission,
} from '../../src/domain/admit.ts';
import { VERDICT_KINDS } from '../../src/shared/schemas.ts';
import { indexRoster } from '../../src/domain/roster.ts';
import { admitFact, BAC_KAN, bacKanAt, LANG_SON, person, UNITS, voidFact } from './fixtures.ts';

const MINUTE = 60_000;

describe('standingAdmission', () => {
  it('is the first admission on the server\'s clock, not on the device\'s', () => {
    // Tablet 01 runs five minutes fast: its 08:35 was really 08:30.
    const fastClock = admitFact(person(1001), { deviceId: 'tablet-01', at: bacKanAt(8, 35), clockOffsetMs: -5 * MINUTE });
    const trueClock = admitFact(person(1001), { deviceId: 'tablet-02', deskId: 'ban-2', at: bacKanAt(8, 32) });
    expect(correctedTime(fastClock)).toBe(bacKanAt(8, 30));
    expect(standingAdmission([trueClock, fastClock], 'arrived')).toBe(fastClock);
    expect(standingAdmission([fastClock, trueClock], 'arrived')).toBe(fastClock);
  });

  it('skips voided admissions and admissions at other checkpoints', () => {
    const first = admitFact(person(1001), { at: bacKanAt(8, 40) });
    const second = admitFact(person(1001), { at: bacKanAt(8, 45) });
    const donated = admitFact(person(1001), { checkpoint: 'donated', at: bacKanAt(8, 0) });
    expect(standingAdmission([first, second, donated], 'arrived')).toBe(first);
    expect(standingAdmission([first, second, donated, voidFact(first)], 'arrived')).toBe(second);
    expect(standingAdmission([first, voidFact(first)], 'arrived')).toBeUndefined();
    expect(standingAdmission([first, second], 'donated')).toBeUndefined();
    expect(standingAdmission([], 'arrived')).toBeUndefined();
  });
});

describe('admit', () => {
  const an = person(1001);
  const unit = UNITS.find((u) => u.id === an.unitId);
  const roster = indexRoster({ participants: [an], units: [...UNITS], revokedCodes: [] });
  const event = { date: BAC_KAN.date, timeZone: BAC_KAN.timeZone };
  const base = { reading: { kind: 'signed', codeNo: an.no } as const, roster, event, checkpoint: 'arrived' as const, at: bacKanAt(9, 15) };

  it('admits a rostered person seen for the first time, on time against the unit\'s slot', () => {
    expect(admit({ ...base, prior: [] })).toEqual({ kind: 'admitted', person: an, unit, punctuality: 'on-time' });
    expect(admit({ ...base, prior: [], at: bacKanAt(10, 30) })).toMatchObject({ kind: 'admitted', punctuality: 'late' });
  });

  it('says already, naming the first admission, on any later scan', () => {
    const first = admitFact(an, { deskId: 'ban-2', at: bacKanAt(8, 41) });
    const later = admitFact(an, { deskId: 'ban-1', at: bacKanAt(8, 57) });
    const verdict = admit({ ...base, prior: [later, first] });
    expect(verdict).toEqual({ kind: 'already', codeNo: an.no, person: an, unit, first });
    if (verdict.kind !== 'already') throw new Error('unreachable');
    expect(verdict.first.deskId).toBe('ban-2');
  });

  it('says voided for a revoked code, even when that code was admitted before', () => {
    const reissued = indexRoster({ participants: [an], units: [...UNITS], revokedCodes: [an.no] });
    expect(admit({ ...base, roster: reissued, prior: [] })).toEqual({ kind: 'voided', codeNo: an.no, person: an, unit });
    expect(admit({ ...base, roster: reissued, prior: [admitFact(an)] })).toEqual({ kind: 'voided', codeNo: an.no, person: an, unit });
  });

  it('admits a correctly signed code missing from the roster, flagged unknown', () => {
    expect(admit({ ...base, reading: { kind: 'signed', codeNo: 5555 }, prior: [] })).toEqual({ kind: 'unknown', codeNo: 5555 });
  });

  it('admits again after the admission was undone', () => {
    const mistaken = admitFact(an);
    expect(admit({ ...base, prior: [mistaken] }).kind).toBe('already');
    expect(admit({ ...base, prior: [mistaken, voidFact(mistaken)] })).toEqual({ kind: 'admitted', person: an, unit, punctuality: 'on-time' });
  });

  it('treats each checkpoint on its own: arrived does not make a donation already', () => {
    const arrived = admitFact(an, { checkpoint: 'arrived' });
    expect(admit({ ...base, checkpoint: 'donated', prior: [arrived] }).kind).toBe('admitted');
  });

  it('gives a code that is not ours its own verdict, whatever the log holds', () => {
    const held = [admitFact(an)];
    expect(admit({ ...base, reading: { kind: 'not-a-code' }, prior: held })).toEqual({ kind: 'not-a-code' });
    expect(admit({ ...base, reading: { kind: 'forged' }, prior: held })).toEqual({ kind: 'forged' });
    expect(admit({ ...base, reading: { kind: 'wrong-event', eventId: 7 }, prior: held })).toEqual({ kind: 'wrong-event', eventId: 7 });
  });

  it('admits a walk-in under the unit they chose, judged by its slot', () => {
    const walkIn = { name: 'Lê Thị Hoa', unitId: 1, category: 'đoàn viên' };
    expect(admitWalkIn({ walkIn, units: roster.units, event, at: bacKanAt(8, 0) })).toEqual({
      kind: 'admitted', person: { no: 0, name: 'Lê Thị Hoa', phone: '', unitId: 1, category: 'đoàn viên' }, unit, punctuality: 'early',
    });
  });
});

describe('refusalOf', () => {
  it('keeps the code number of a signed code, the other event of a foreign one, and the text of anything else', () => {
    const first = admitFact(person(1001));
    expect(refusalOf({ kind: 'already', codeNo: 1001, person: person(1001), unit: undefined, first }, 'ignored')).toEqual({ reason: 'already', codeNo: 1001 });
    expect(refusalOf({ kind: 'voided', codeNo: 1001, person: undefined, unit: undefined }, undefined)).toEqual({ reason: 'voided', codeNo: 1001 });
    expect(refusalOf({ kind: 'wrong-event', eventId: 7 }, 'DD1...')).toEqual({ reason: 'wrong-event', otherEventId: 7 });
    expect(refusalOf({ kind: 'not-a-code' }, 'hello')).toEqual({ reason: 'not-a-code', text: 'hello' });
    expect(refusalOf({ kind: 'forged' }, 'DD1:forged')).toEqual({ reason: 'forged', text: 'DD1:forged' });
  });
});

describe('punctualityFor', () => {
  const bacKanEvent = { date: BAC_KAN.date, timeZone: BAC_KAN.timeZone, arriveBy: '07:00' };
  const slotted = UNITS.find((u) => u.slot)!;
  const unslotted = UNITS.find((u) => !u.slot)!;

  it('judges a unit with a slot by its slot, not by the event deadline', () => {
    expect(punctualityFor({ at: bacKanAt(8, 0), unit: slotted, event: bacKanEvent })).toBe('early');
    expect(punctualityFor({ at: bacKanAt(9, 15), unit: slotted, event: bacKanEvent })).toBe('on-time');
    expect(punctualityFor({ at: bacKanAt(10, 0, 0, 1), unit: slotted, event: bacKanEvent })).toBe('late');
  });

  it('judges a unit without a slot, or an unknown unit, by the event\'s arrival deadline', () => {
    expect(punctualityFor({ at: bacKanAt(6, 50), unit: unslotted, event: bacKanEvent })).toBe('on-time');
    expect(punctualityFor({ at: bacKanAt(8, 0), unit: unslotted, event: bacKanEvent })).toBe('late');
    expect(punctualityFor({ at: bacKanAt(8, 0), unit: undefined, event: bacKanEvent })).toBe('late');
    const langSonEvent = { date: LANG_SON.date, timeZone: LANG_SON.timeZone, arriveBy: LANG_SON.arriveBy };
    expect(punctualityFor({ at: Date.UTC(2024, 2, 29, 23, 59), unit: undefined, event: langSonEvent })).toBe('on-time');
    expect(punctualityFor({ at: Date.UTC(2024, 2, 30, 0, 1), unit: undefined, event: langSonEvent })).toBe('late');
  });

  it('has no deadline when neither the unit nor the event sets one', () => {
    const event = { date: BAC_KAN.date, timeZone: BAC_KAN.timeZone };
    expect(punctualityFor({ at: bacKanAt(23, 0), unit: unslotted, event })).toBe('no-deadline');
  });
});

describe('VERDICT_KINDS', () => {
  it('lists each of the seven verdicts once', () => {
    expect(new Set(VERDICT_KINDS)).toEqual(new Set(['admitted', 'already', 'unknown', 'wrong-event', 'forged', 'not-a-code', 'voided']));
    expect(VERDICT_KINDS).toHaveLength(7);
  });
});
