import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase45, encodeBase45 } from '../../src/domain/base45.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base45 (RFC 9285)', () => {
  // Section 4.3 and 4.4 of the RFC.
  const vectors: ReadonlyArray<[string, string]> = [
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ];

  it.each(vectors)('encodes %j as %j', (plain, encoded) => {
    expect(encodeBase45(utf8(plain))).toBe(encoded);
  });

  it.each(vectors)('decodes back to %j from %j', (plain, encoded) => {
    expect(decodeBase45(encoded)).toEqual(utf8(plain));
  });

  it('encodes the extreme pairs and single bytes', () => {
    expect(encodeBase45(new Uint8Array([]))).toBe('');
    expect(encodeBase45(new Uint8Array([0, 0]))).toBe('000');
    // 65535 = 15 + 16·45 + 32·2025 → 'F' 'G' 'W', least significant digit first.
    expect(encodeBase45(new Uint8Array([0xff, 0xff]))).toBe('FGW');
    expect(encodeBase45(new Uint8Array([0xff]))).toBe('U5');
    expect(decodeBase45('FGW')).toEqual(new Uint8Array([0xff, 0xff]));
    expect(decodeBase45('U5')).toEqual(new Uint8Array([0xff]));
    expect(decodeBase45('')).toEqual(new Uint8Array([]));
  });

  it('round-trips any bytes, with output only from the QR alphanumeric alphabet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase45(bytes);
        expect(text).toHaveLength(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect([...text].every((ch) => ALPHABET.includes(ch))).toBe(true);
        expect(decodeBase45(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects characters outside the alphabet, lower case included', () => {
    for (const text of ['bb8', 'BB#', 'B_8', 'ÀB8', 'BB8\n', '\u0000\u0000\u0000', 'BB8BB', '%69 vd92ex0']) {
      expect(decodeBase45(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('rejects a length that leaves one character over', () => {
    for (const text of ['B', 'BB8B', 'BB8BB8B', '%69 VD92EX0AB']) {
      expect(decodeBase45(text), text).toBeNull();
    }
  });

  it('rejects a triplet above 65535 and a pair above 255', () => {
    expect(decodeBase45('GGW')).toBeNull(); // 16 + 16·45 + 32·2025 = 65536
    expect(decodeBase45('::::')).toBeNull(); // 44 + 44·45 + 44·2025 per triplet
    expect(decodeBase45('V5')).toBeNull(); // 31 + 5·45 = 256
    expect(decodeBase45('BB8V5')).toBeNull(); // the bad tail spoils a good head
  });

  it('never throws on arbitrary text, and whatever it accepts re-encodes to the same text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 })), (text) => {
        const bytes = decodeBase45(text);
        if (bytes) expect(encodeBase45(bytes)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
