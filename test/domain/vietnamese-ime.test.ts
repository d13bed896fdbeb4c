import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { imeCandidates, looksImeMangled } from '../../src/domain/vietnamese-ime.ts';
import { encodeToken, signedBytes } from '../../src/domain/token.ts';
import { typeThrough } from '../support/vietnamese-ime-sim.ts';

function token(eventId: number, codeNo: number, seed: number): string {
  const signature = new Uint8Array(64).map((_, i) => (i * 31 + seed * 17) & 0xff);
  return encodeToken(signedBytes(eventId, codeNo), signature);
}

describe('looksImeMangled', () => {
  it('sees Vietnamese letters that Base45 never has, and nothing in plain codes or text', () => {
    expect(looksImeMangled('AB1ÂC')).toBe(true);
    expect(looksImeMangled('ĐX')).toBe(true);
    expect(looksImeMangled('ƠK9')).toBe(true);
    expect(looksImeMangled(token(1, 5, 1))).toBe(false);
    expect(looksImeMangled('hello world')).toBe(false);
  });
});

describe('imeCandidates', () => {
  it('reads back Telex mangling, tone keys typed later in the word included', () => {
    expect(typeThrough('AADDOW', 'telex')).toBe('ÂĐƠ');
    expect(imeCandidates('ÂĐƠ', 6)).toContain('AADDOW');
    // Unikey puts the tone of "HOAS" on the O: the S came two letters after it.
    expect(imeCandidates('HÓA12', 6)).toContain('HOAS12');
    expect(imeCandidates('ẤB', 4)).toEqual(expect.arrayContaining(['AASB', 'AABS']));
  });

  it('reads back VNI mangling', () => {
    expect(typeThrough('A6D9O7A1', 'vni')).toBe('ÂĐƠÁ');
    expect(imeCandidates('ÂĐƠÁ', 8)).toContain('A6D9O7A1');
  });

  it('gives nothing when no reading has the length a code must have', () => {
    expect(imeCandidates('ÂB', 10)).toEqual([]);
  });

  it('finds the real code among the readings of any Telex- or VNI-mangled code', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 255 }),
      fc.constantFrom('telex' as const, 'vni' as const), (eventId, codeNo, seed, mode) => {
        const code = token(eventId, codeNo, seed);
        const mangled = typeThrough(code, mode);
        if (mangled === code) return;
        expect(looksImeMangled(mangled)).toBe(true);
        expect(imeCandidates(mangled, code.length)).toContain(code);
      }), { numRuns: 300 });
  });
});
