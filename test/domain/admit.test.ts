import { describe, expect, it } from 'vitest';
import {
  correctedTime, decideSigned, punctualityFor, standingAdmission, VERDICT_KINDS,
} from '../../src/domain/admit.ts';
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

describe('decideSigned', () => {
  const an = person(1001);
  const base = { codeNo: an.no, person: an, revoked: false, checkpoint: 'arrived' as const };

  it('admits a rostered person seen for the first time', () => {
    expect(decideSigned({ ...base, prior: [] })).toEqual({ kind: 'admit', person: an, unknown: false });
  });

  it('says already, naming the first admission, on any later scan', () => {
    const first = admitFact(an, { deskId: 'ban-2', at: bacKanAt(8, 41) });
    const later = admitFact(an, { deskId: 'ban-1', at: bacKanAt(8, 57) });
    const decision = decideSigned({ ...base, prior: [later, first] });
    expect(decision).toEqual({ kind: 'already', person: an, first });
    if (decision.kind !== 'already') throw new Error('unreachable');
    expect(decision.first.deskId).toBe('ban-2');
  });

  it('says voided for a revoked code, even when that code was admitted before', () => {
    expect(decideSigned({ ...base, revoked: true, prior: [] })).toEqual({ kind: 'voided', person: an });
    expect(decideSigned({ ...base, revoked: true, prior: [admitFact(an)] })).toEqual({ kind: 'voided', person: an });
  });

  it('admits a correctly signed code missing from the roster, flagged unknown', () => {
    expect(decideSigned({ codeNo: 5555, person: undefined, revoked: false, checkpoint: 'arrived', prior: [] }))
      .toEqual({ kind: 'admit', person: undefined, unknown: true });
  });

  it('admits again after the admission was undone', () => {
    const mistaken = admitFact(an);
    expect(decideSigned({ ...base, prior: [mistaken] }).kind).toBe('already');
    expect(decideSigned({ ...base, prior: [mistaken, voidFact(mistaken)] })).toEqual({ kind: 'admit', person: an, unknown: false });
  });

  it('treats each checkpoint on its own: arrived does not make a donation already', () => {
    const arrived = admitFact(an, { checkpoint: 'arrived' });
    expect(decideSigned({ ...base, checkpoint: 'donated', prior: [arrived] }).kind).toBe('admit');
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
