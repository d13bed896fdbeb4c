import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVietnamese, digitsOf, foldVietnamese } from '../../src/domain/fold.ts';
import { PEOPLE } from './fixtures.ts';

describe('foldVietnamese', () => {
  it('lets a volunteer type a name without diacritics', () => {
    expect(foldVietnamese('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldVietnamese('nguyen van a')).toBe(foldVietnamese('Nguyễn Văn A'));
    expect(foldVietnamese('Đặng Thị Đào')).toBe('dang thi dao');
    expect(foldVietnamese('Trần Thị Bích Ngọc')).toBe('tran thi bich ngoc');
    expect(foldVietnamese('Lê Hoàng Dũng')).toBe('le hoang dung');
    expect(foldVietnamese('Phường Sông Cầu')).toBe('phuong song cau');
  });

  it('strips every Vietnamese vowel mark: breve, circumflex, horn and all five tones', () => {
    expect(foldVietnamese('ă â ê ô ơ ư đ')).toBe('a a e o o u d');
    expect(foldVietnamese('À Á Ả Ã Ạ Ằ Ắ Ẳ Ẵ Ặ Ầ Ấ Ẩ Ẫ Ậ')).toBe(Array(15).fill('a').join(' '));
    expect(foldVietnamese('ỜỚỞỠỢ ỪỨỬỮỰ ỲÝỶỸỴ')).toBe('ooooo uuuuu yyyyy');
  });

  it('folds NFC and NFD input the same way (text pasted from macOS or old Excel files)', () => {
    for (const { name } of PEOPLE) {
      const nfc = name.normalize('NFC');
      const nfd = name.normalize('NFD');
      expect(nfd).not.toBe(nfc);
      expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
      expect(foldVietnamese(nfc)).toMatch(/^[a-z ]+$/);
    }
  });

  it('collapses runs of white space and trims', () => {
    expect(foldVietnamese('  Nguyễn\u00a0 Văn\tAn \n')).toBe('nguyen van an');
  });

  it('is idempotent, so a folded index and a folded query meet', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
      const once = foldVietnamese(text);
      expect(foldVietnamese(once)).toBe(once);
    }));
  });
});

describe('digitsOf', () => {
  it('compares phone numbers whatever their separators', () => {
    expect(digitsOf('0912 345 678')).toBe('0912345678');
    expect(digitsOf('0912.345.678')).toBe('0912345678');
    expect(digitsOf('0912-345-678')).toBe('0912345678');
    expect(digitsOf('+84 912 345 678')).toBe('84912345678');
    expect(digitsOf('Nguyễn Văn An')).toBe('');
  });
});

describe('compareVietnamese', () => {
  const sorted = (names: readonly string[]): string[] => [...names].sort(compareVietnamese);

  it('sorts Đ after every D word and a toneless word before its toned twin', () => {
    expect(sorted(['Đào', 'Dũng', 'Ánh', 'Anh', 'Bình'])).toEqual(['Anh', 'Ánh', 'Bình', 'Dũng', 'Đào']);
    expect(sorted(['Ánh', 'Anh'])).toEqual(['Anh', 'Ánh']);
  });

  it('orders the five tones the way Vietnamese dictionaries do: ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['má', 'mạ', 'mả', 'mà', 'mã', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('follows the Vietnamese alphabet: a ă â b c d đ e ê … o ô ơ … u ư', () => {
    expect(sorted(['Ưng', 'Ơn', 'Ông', 'Ong', 'Ung', 'Ê', 'Em', 'Đức', 'Dương', 'Âu', 'Ăn', 'An', 'Bảo'])).toEqual(
      ['An', 'Ăn', 'Âu', 'Bảo', 'Dương', 'Đức', 'Em', 'Ê', 'Ong', 'Ông', 'Ơn', 'Ung', 'Ưng'],
    );
  });

  it('places Đ between D and E, where a code-point sort would not', () => {
    expect(compareVietnamese('Dương', 'Đào')).toBeLessThan(0);
    expect(compareVietnamese('Đào', 'Em')).toBeLessThan(0);
    expect(compareVietnamese('Đào', 'Dương')).toBeGreaterThan(0);
    // U+0110 sorts after Z by code point, the bug a plain sort() would have.
    expect(['Đào', 'Em'].sort()).toEqual(['Em', 'Đào']);
  });

  it('ignores case', () => {
    expect(compareVietnamese('nguyễn', 'NGUYỄN')).toBe(0);
  });
});
