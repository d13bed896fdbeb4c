import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventPackage, type Unit } from '../../../src/shared/schemas.ts';
import { buildDemoEvent, rosterSizeFor, seedDemoEvents } from '../../../src/server/demo/seed.ts';
import { DEMO_PLANS } from '../../../src/server/demo/plans.ts';
import { generateEventKeys } from '../../../src/server/codes/signing.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

const quotaOf = (unit: Unit): number => unit.quotas.reduce((sum, q) => sum + q.quota, 0);
const byName = (units: Unit[]): Map<string, Unit> => new Map(units.map((u) => [u.name, u]));

describe('demo seed', () => {
  let temp: TempStore;
  const packages: EventPackage[] = [];
  beforeAll(async () => {
    temp = await openTempStore();
    for (const id of [1, 2, 3]) packages.push(EventPackage.parse(await temp.store.getPackage(id)));
  });
  afterAll(() => temp.remove());

  const pkg = (id: number): EventPackage => {
    const found = packages.find((p) => p.event.id === id);
    if (!found) throw new Error(`no package ${id}`);
    return found;
  };

  it('creates the three events once, and never again on a non-empty store', async () => {
    expect((await temp.store.listEvents()).map((e) => e.id).sort()).toEqual([1, 2, 3]);
    expect(await seedDemoEvents(temp.store)).toBe(0);
    expect(await temp.store.listEvents()).toHaveLength(3);
  });

  it('gives Bắc Kạn the quotas, slot, targets and ward group of the plan', () => {
    const { event, units } = pkg(1);
    expect(event).toMatchObject({ date: '2024-07-10', opensAt: '07:00', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(event.checkpoints).toEqual(['arrived', 'donated']);
    expect(event.targets).toEqual({ registered: 500, donated: 441 });
    const units_ = byName(units);
    expect(quotaOf(units_.get('Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố')!)).toBe(110);
    expect(quotaOf(units_.get('Công an thành phố')!)).toBe(60);
    expect(quotaOf(units_.get('Phòng Giáo dục và Đào tạo thành phố')!)).toBe(100);
    expect(quotaOf(units_.get('Liên đoàn Lao động thành phố')!)).toBe(80);
    expect(quotaOf(units_.get('Ban Chỉ huy Quân sự thành phố')!)).toBe(10);
    const wards = units.filter((u) => u.group === 'Ban Chỉ đạo vận động HMTN 08 xã, phường');
    expect(wards).toHaveLength(8);
    expect(wards.every((u) => quotaOf(u) === 20)).toBe(true);
    expect(wards.reduce((s, u) => s + quotaOf(u), 0)).toBe(160);
    expect(wards.map((u) => u.name)).toContain('Xã Nông Thượng');
    expect(units.every((u) => u.slot?.from === '08:30' && u.slot.to === '10:00')).toBe(true);
    expect(units.every((u) => u.quotas.length === 1 && u.quotas[0]?.category === 'Người hiến máu')).toBe(true);
    expect(units.every((u) => u.leaderName && /^0\d{9}$/.test(u.leaderPhone ?? ''))).toBe(true);
  });

  it('gives Lạng Sơn per-category quotas and an arrival target equal to their sum', () => {
    const { event, units } = pkg(2);
    expect(event).toMatchObject({ opensAt: '06:00', arriveBy: '07:00', startsAt: '08:00', date: '2024-03-30' });
    expect(event.checkpoints).toEqual(['arrived', 'finished']);
    const education = byName(units).get('Phòng Giáo dục và Đào tạo thành phố');
    expect(education?.quotas).toEqual([{ category: 'Giáo viên', quota: 50 }, { category: 'Học sinh', quota: 200 }]);
    const wards = units.filter((u) => u.group === 'Các phường');
    const communes = units.filter((u) => u.group === 'Các xã');
    expect(wards.map(quotaOf)).toEqual([100, 100, 100, 100, 100]);
    expect(communes.map(quotaOf)).toEqual([50, 50, 50]);
    const quotas = Object.fromEntries(units.map((u) => [u.name, quotaOf(u)]));
    expect(quotas).toMatchObject({
      'Thành đoàn Lạng Sơn': 100, 'Liên đoàn Lao động thành phố': 100, 'Công an thành phố': 50,
      'Ban Chỉ huy Quân sự thành phố': 50, 'Sở Văn hóa, Thể thao và Du lịch': 100,
    });
    const total = units.reduce((s, u) => s + quotaOf(u), 0);
    expect(total).toBe(1300);
    expect(event.targets).toEqual({ arrived: total });
    expect(units.every((u) => u.slot === undefined)).toBe(true);
    expect(units.filter((u) => u !== education).every((u) => u.quotas[0]?.category === 'Đại biểu')).toBe(true);
  });

  it('gives Cần Thơ host units whose quotas sum to 200, slot 07:30–11:00', () => {
    const { event, units } = pkg(3);
    expect(event.targets).toEqual({ registered: 200, donated: 200 });
    expect(units.reduce((s, u) => s + quotaOf(u), 0)).toBe(200);
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining([
      'Đoàn cơ sở Sở Lao động – Thương binh và Xã hội', 'Đoàn cơ sở Bệnh viện Huyết học – Truyền máu', 'Chi đoàn cơ sở Sở Ngoại vụ',
    ]));
    expect(units.every((u) => u.slot?.from === '07:30' && u.slot.to === '11:00')).toBe(true);
  });

  it('fills every quota per category plus about 8 %, numbered from 1', () => {
    for (const { units, participants, desks } of packages) {
      expect(participants.map((p) => p.no)).toEqual(participants.map((_, i) => i + 1));
      expect(desks.map((d) => d.id)).toEqual(['ban-1', 'ban-2', 'ban-3', 'ban-4']);
      for (const unit of units) {
        for (const { category, quota } of unit.quotas) {
          const count = participants.filter((p) => p.unitId === unit.id && p.category === category).length;
          expect(count).toBe(rosterSizeFor(quota));
          expect(count).toBeGreaterThanOrEqual(quota);
        }
      }
    }
  });

  it('writes Vietnamese names with diacritics and ten-digit mobile numbers', () => {
    const people = packages.flatMap((p) => p.participants);
    expect(people.every((p) => /^0[3789]\d{8}$/.test(p.phone))).toBe(true);
    expect(people.every((p) => p.name.split(' ').length === 3)).toBe(true);
    const withDiacritics = people.filter((p) => /[^\x00-\x7f]/.test(p.name)).length;
    expect(withDiacritics / people.length).toBeGreaterThan(0.8);
  });

  it('puts exactly one Nguyễn Văn An and one Đặng Thị Đào in Bắc Kạn', () => {
    const names = pkg(1).participants.map((p) => p.name);
    expect(names.filter((n) => n === 'Nguyễn Văn An')).toHaveLength(1);
    expect(names.filter((n) => n === 'Đặng Thị Đào')).toHaveLength(1);
  });

  it('generates the same people every time', () => {
    const keys = generateEventKeys();
    for (const plan of DEMO_PLANS) {
      expect(buildDemoEvent(plan, keys)).toEqual(buildDemoEvent(plan, keys));
    }
    const stored = pkg(1).participants;
    expect(buildDemoEvent(DEMO_PLANS[0]!, keys).participants).toEqual(stored);
  });
});
