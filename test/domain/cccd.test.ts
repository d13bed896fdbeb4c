import { describe, expect, it } from 'vitest';
import { looksLikeCccd, readCccd } from '../../src/domain/cccd.ts';

const CARD_2021 = '001095012345|123456789|Nguyễn Văn An|15081995|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|20042021';

describe('readCccd', () => {
  it('reads name, birth year and gender from a 2021 card, and nothing else', () => {
    const reading = readCccd(CARD_2021, 2026);
    expect(reading).toEqual({ kind: 'cccd', person: { name: 'Nguyễn Văn An', birthYear: 1995, gender: 'male' } });
    const kept = JSON.stringify(reading);
    for (const secret of ['001095012345', '123456789', 'Phố Huế', '20042021']) expect(kept).not.toContain(secret);
  });

  it('reads a 2024 card with an empty old ID and extra fields', () => {
    const text = '079301000123||Trần Thị Bích Ngọc|01012001|Nữ|Phường 1, Quận 3, TP Hồ Chí Minh|10052024|extra|more';
    expect(readCccd(text, 2026)).toEqual({ kind: 'cccd', person: { name: 'Trần Thị Bích Ngọc', birthYear: 2001, gender: 'female' } });
  });

  it('recognises a card by a 12-digit first field and at least 6 parts', () => {
    expect(looksLikeCccd(CARD_2021)).toBe(true);
    expect(looksLikeCccd('00109501234|x|A|15081995|Nam|addr|1')).toBe(false); // 11 digits
    expect(looksLikeCccd('001095012345|x|A|15081995|Nam')).toBe(false); // 5 parts
    expect(readCccd('NCF3 8-A.*', 2026)).toEqual({ kind: 'not-cccd' });
    expect(readCccd('https://example.vn/?a=1|2|3', 2026)).toEqual({ kind: 'not-cccd' });
  });

  it('names the malformed field', () => {
    const card = (fields: Partial<Record<2 | 3 | 4, string>>) => {
      const parts = CARD_2021.split('|');
      for (const [i, v] of Object.entries(fields)) parts[Number(i)] = v;
      return parts.join('|');
    };
    expect(readCccd(card({ 2: '' }), 2026)).toEqual({ kind: 'malformed', problem: 'name' });
    expect(readCccd(card({ 2: '12345' }), 2026)).toEqual({ kind: 'malformed', problem: 'name' });
    expect(readCccd(card({ 3: '31021995' }), 2026)).toEqual({ kind: 'malformed', problem: 'birth-date' });
    expect(readCccd(card({ 3: '1995-08-15' }), 2026)).toEqual({ kind: 'malformed', problem: 'birth-date' });
    expect(readCccd(card({ 3: '15082030' }), 2026)).toEqual({ kind: 'malformed', problem: 'birth-date' });
    expect(readCccd(card({ 4: 'X' }), 2026)).toEqual({ kind: 'malformed', problem: 'gender' });
    expect(readCccd(card({ 4: '' }), 2026)).toMatchObject({ kind: 'cccd', person: { gender: undefined } });
  });
});
