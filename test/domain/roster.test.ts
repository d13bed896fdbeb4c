import { describe, expect, it } from 'vitest';
import { indexRoster, searchRoster } from '../../src/domain/roster.ts';
import type { Participant } from '../../src/shared/schemas.ts';

const people: Participant[] = [
  { no: 1, name: 'Nguyễn Văn An', phone: '0912 345 678', unitId: 1, category: 'Đại biểu' },
  { no: 2, name: 'Đặng Thị Đào', phone: '0987 654 321', unitId: 1, category: 'Đại biểu' },
  { no: 3, name: 'Trần Văn Anh', phone: '0351 111 222', unitId: 2, category: 'Đại biểu' },
  { no: 4, name: 'Lê Quang Ánh', phone: '0777 000 111', unitId: 2, category: 'Đại biểu' },
  { no: 5, name: 'Hoàng Thị Lan Anh', phone: '0868 222 333', unitId: 2, category: 'Đại biểu' },
];
const index = indexRoster({ participants: people, units: [], revokedCodes: [3] });

describe('searchRoster', () => {
  it('finds a name typed without diacritics', () => {
    expect(searchRoster(index, 'nguyen van a').map((p) => p.no)).toEqual([1]);
  });
  it('folds đ to d', () => {
    expect(searchRoster(index, 'dang thi dao').map((p) => p.name)).toEqual(['Đặng Thị Đào']);
    expect(searchRoster(index, 'ĐÀO').map((p) => p.no)).toEqual([2]);
  });
  it('puts word starts first and sorts by given name in Vietnamese order', () => {
    // "anh" starts a word in three names; "Ánh" folds to "anh" too. Anh before Ánh, and
    // two people called Anh by their full names.
    const names = searchRoster(index, 'anh').map((p) => p.name);
    expect(names).toEqual(['Hoàng Thị Lan Anh', 'Trần Văn Anh', 'Lê Quang Ánh']);
  });
  it('finds by phone digits whatever the separators', () => {
    expect(searchRoster(index, '0987.654').map((p) => p.no)).toEqual([2]);
    expect(searchRoster(index, '345 678').map((p) => p.no)).toEqual([1]);
  });
  it('ignores queries too short to mean anything', () => {
    expect(searchRoster(index, 'a')).toEqual([]);
    expect(searchRoster(index, '  ')).toEqual([]);
  });
  it('keeps revoked codes and units in the index', () => {
    expect(index.revoked.has(3)).toBe(true);
    expect(index.byNo.get(5)?.name).toBe('Hoàng Thị Lan Anh');
  });
});
