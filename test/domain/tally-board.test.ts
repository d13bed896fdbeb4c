import { describe, expect, it } from 'vitest';
import { arrivalsPer10Min, throughputByDesk } from '../../src/domain/arrivals.ts';
import { LiveTally } from '../../src/domain/live-tally.ts';
import { boardLines, targetProgress, type BoardInput } from '../../src/domain/tally-board.ts';
import { Unit } from '../../src/shared/schemas.ts';
import { BAC_KAN, PEOPLE, UNITS, admitFact, bacKanAt, person, voidFact, walkInFact } from './fixtures.ts';

// Two more wards, so "phường" is a group of three units (quota 20 each) as in the seeds.
const WARDS = [
  Unit.parse({ id: 5, name: 'Phường Đức Xuân', group: 'phường', quotas: [{ category: 'nhân dân', quota: 20 }] }),
  Unit.parse({ id: 6, name: 'Phường Nguyễn Thị Minh Khai', group: 'phường', quotas: [{ category: 'nhân dân', quota: 20 }] }),
];
const ALL_UNITS = [...UNITS, ...WARDS];
const ward = (no: number, unitId: number) => ({ ...person(4001), no, unitId });

function board(overrides: Partial<BoardInput> & { facts?: Parameters<LiveTally['addAll']>[0] } = {}) {
  const tally = new LiveTally(BAC_KAN, ALL_UNITS).addAll(overrides.facts ?? []);
  return boardLines({ event: BAC_KAN, units: ALL_UNITS, tally, checkpoint: 'arrived', now: bacKanAt(9, 50), sort: 'name', ...overrides });
}

describe('boardLines', () => {
  it('rolls the wards up into one line with their sum, expandable to each ward', () => {
    const lines = board({ facts: [admitFact(ward(4001, 4)), admitFact(ward(5001, 5)), admitFact(ward(5002, 5))] });
    const group = lines.find((l) => l.key === 'g:phường')!;
    expect(group).toMatchObject({ name: 'phường', count: 3, quota: 60, percent: 5 });
    expect(group.members.map((m) => [m.name, m.count])).toEqual([
      ['Phường Đức Xuân', 2], ['Phường Nguyễn Thị Minh Khai', 0], ['Phường Sông Cầu', 1],
    ]);
    expect(lines.filter((l) => l.key.startsWith('u:4') || l.key === 'u:5')).toEqual([]);
    expect(lines).toHaveLength(4);
  });

  it('shows each category against its own quota, a walk-in in a category without quota too', () => {
    const education = board({
      facts: [admitFact(person(3001)), admitFact(person(3101)), admitFact(person(3102)), walkInFact('Lò Văn Sáng', 3, 'phụ huynh')],
    }).find((l) => l.key === 'u:3')!;
    expect(education.categories).toEqual([
      { category: 'giáo viên', count: 1, quota: 50 },
      { category: 'học sinh', count: 2, quota: 200 },
      { category: 'phụ huynh', count: 1, quota: 0 },
    ]);
    expect(education).toMatchObject({ count: 4, quota: 250, walkIns: 1, leaderName: 'Hoàng Thị Thu' });
  });

  it('never counts a voided admission or a second desk’s scan of the same person', () => {
    const first = admitFact(person(1001), { deskId: 'ban-1' });
    const again = admitFact(person(1001), { deskId: 'ban-2', at: bacKanAt(8, 50) });
    const undone = admitFact(person(1002));
    const line = board({ facts: [first, again, undone, voidFact(undone)] }).find((l) => l.key === 'u:1')!;
    expect(line).toMatchObject({ count: 1, quota: 110, percent: 0 });
  });

  it('sorts behind first: unfilled before filled, a closing slot on top, then the least filled', () => {
    const facts = [admitFact(person(4001)), ...[1, 2, 3].map((i) => admitFact(ward(6000 + i, 6)))];
    // 09:50: the city units' slot (08:30–10:00) closes in 10 minutes.
    const keys = board({ facts, sort: 'behind' }).map((l) => l.key);
    expect(keys.slice(0, 2).sort()).toEqual(['u:1', 'u:2']);
    expect(keys.slice(2)).toEqual(['u:3', 'g:phường']);
    const byPercent = board({ facts, sort: 'percent' }).map((l) => l.key);
    expect(byPercent[0]).toBe('g:phường');
  });

  it('reports each unit’s slot state and minutes left at the event’s clock', () => {
    const at = (hh: number, mm: number) => board({ now: bacKanAt(hh, mm) }).find((l) => l.key === 'u:1')!.slot;
    expect(at(8, 0)).toEqual({ state: 'upcoming', minutesLeft: undefined });
    expect(at(9, 0)).toEqual({ state: 'open', minutesLeft: 60 });
    expect(at(9, 48)).toEqual({ state: 'closing', minutesLeft: 12 });
    expect(at(10, 1)).toEqual({ state: 'closed', minutesLeft: undefined });
  });

  it('finds a unit typed without diacritics, and every unit of a group by the group’s name', () => {
    expect(board({ query: 'cong an' }).map((l) => l.name)).toEqual(['Công an thành phố']);
    expect(board({ query: 'duc xuan' }).map((l) => l.key)).toEqual(['u:5']);
    expect(board({ query: 'phuong' }).map((l) => l.key)).toEqual(['u:5', 'u:6', 'u:4']);
  });

  it('sorts names in Vietnamese dictionary order (Đ after D, Ô after O)', () => {
    const names = board({ sort: 'name' }).map((l) => l.name);
    expect(names).toEqual(['Công an thành phố', 'Đoàn Thanh niên thành phố', 'Phòng Giáo dục và Đào tạo', 'phường']);
  });
});

describe('targetProgress', () => {
  it('puts registered (roster plus walk-ins), arrived and donated side by side with the event’s targets', () => {
    const tally = new LiveTally(BAC_KAN, ALL_UNITS).addAll([
      admitFact(person(1001)), admitFact(person(1002)), walkInFact('Lò Văn Sáng', 3, 'học sinh'),
      // Donated without an arrival scan: counted at donated only.
      admitFact(person(2001), { checkpoint: 'donated' }),
    ]);
    const rows = targetProgress({ event: { checkpoints: ['arrived', 'donated'], targets: { registered: 500, donated: 441 } }, tally, registered: PEOPLE.length });
    expect(rows).toEqual([
      { checkpoint: 'registered', count: 11, target: 500, percent: 2 },
      { checkpoint: 'arrived', count: 3 },
      { checkpoint: 'donated', count: 1, target: 441, percent: 0 },
    ]);
  });
});

describe('arrivals and throughput', () => {
  it('counts arrivals per 10 minutes on the event’s clock, from the opening to now', () => {
    const facts = [bacKanAt(7, 0), bacKanAt(7, 9, 59), bacKanAt(7, 10), bacKanAt(7, 35)].map((at, i) => admitFact(PEOPLE[i]!, { at }));
    const bars = arrivalsPer10Min({ admissions: facts, start: bacKanAt(7, 0), now: bacKanAt(7, 41), timeZone: BAC_KAN.timeZone });
    expect(bars.map((b) => [b.label, b.count])).toEqual([['07:00', 2], ['07:10', 1], ['07:20', 0], ['07:30', 1], ['07:40', 0]]);
  });

  it('widens the chart to an arrival before the opening instead of dropping it', () => {
    const bars = arrivalsPer10Min({ admissions: [admitFact(person(1001), { at: bacKanAt(6, 52) })], start: bacKanAt(7, 0), now: bacKanAt(7, 5), timeZone: BAC_KAN.timeZone });
    expect(bars.map((b) => [b.label, b.count])).toEqual([['06:50', 1], ['07:00', 0]]);
  });

  it('uses corrected time: a tablet two hours slow still files its scans at the right 10 minutes', () => {
    const twoHours = 2 * 3600_000;
    const slow = admitFact(person(1001), { at: bacKanAt(7, 15) - twoHours, clockOffsetMs: twoHours });
    const bars = arrivalsPer10Min({ admissions: [slow], start: bacKanAt(7, 0), now: bacKanAt(7, 20), timeZone: BAC_KAN.timeZone });
    expect(bars.map((b) => b.count)).toEqual([0, 1, 0]);
  });

  it('gives people per minute per desk over the last 5 minutes only', () => {
    const now = bacKanAt(9, 0);
    const facts = [
      ...[1, 2, 3, 4, 5].map((s) => admitFact(PEOPLE[s]!, { deskId: 'ban-1', at: now - s * 30_000 })),
      admitFact(PEOPLE[6]!, { deskId: 'ban-2', at: now - 60_000 }),
      admitFact(PEOPLE[7]!, { deskId: 'ban-3', at: now - 5 * 60_000 }),
    ];
    expect(throughputByDesk(facts, now)).toEqual(new Map([['ban-1', 1], ['ban-2', 0.2]]));
  });
});
