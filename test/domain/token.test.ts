import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { decodeBase45, encodeBase45 } from '../../src/domain/base45.ts';
import {
  encodeToken, fromBase64Url, parseToken, signedBytes, toBase64Url, TOKEN_BYTES, TOKEN_VERSION, type SignatureCheck,
} from '../../src/domain/token.ts';
import { readCode, type CodeReading } from '../../src/domain/admit.ts';
import { makeEventKeys, mintCode, nobleVerifier, webCryptoVerifier } from '../support/codes.ts';
import { BAC_KAN, LANG_SON } from './fixtures.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const EVENT_ID = BAC_KAN.id;
const keys = makeEventKeys();
const strangerKeys = makeEventKeys();
const CODE_NO = 3101;
const code = mintCode(keys, EVENT_ID, CODE_NO);

// name, verifier, how many replacement characters to try per position (pure-JS
// @noble/curves needs ~1 ms a verify, so it gets a spread sample, WebCrypto all 44).
const VERIFIERS: ReadonlyArray<[string, SignatureCheck, number]> = [
  ['WebCrypto', webCryptoVerifier(keys.publicKeyRaw), 44],
  ['@noble/curves', nobleVerifier(keys.publicKeyRaw), 7],
];

/** Every single-byte change of the decoded token, with what a desk must make of it. */
function byteMutations(): Array<{ text: string; position: number; expected: CodeReading['kind'] }> {
  const bytes = decodeBase45(code);
  if (!bytes) throw new Error('minted code does not decode');
  const out: Array<{ text: string; position: number; expected: CodeReading['kind'] }> = [];
  for (let position = 0; position < bytes.length; position++) {
    for (const flip of [0x01, 0x02, 0x10, 0x80, 0xff, 0x5a]) {
      const changed = bytes.slice();
      changed[position] = changed[position]! ^ flip;
      // Byte 0 is the version, 1–4 the event, the rest is covered by the signature.
      const expected = position === 0 ? 'not-a-code' : position <= 4 ? 'wrong-event' : 'forged';
      out.push({ text: encodeBase45(changed), position, expected });
    }
  }
  return out;
}

/** Changes of one character of the QR text to `perPosition` other characters of the alphabet. */
function characterMutations(perPosition: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const others = [...ALPHABET].filter((ch) => ch !== code[i]);
    const step = others.length / perPosition;
    for (let k = 0; k < perPosition; k++) {
      const ch = others[Math.floor((k * step + i) % others.length)]!;
      out.push(code.slice(0, i) + ch + code.slice(i + 1));
    }
    const lower = code[i]!.toLowerCase();
    if (lower !== code[i]) out.push(code.slice(0, i) + lower + code.slice(i + 1));
  }
  return out;
}

describe('token format', () => {
  it('is 73 bytes, 110 characters of the QR alphanumeric alphabet, and parses back', () => {
    expect(TOKEN_BYTES).toBe(73);
    expect(code).toHaveLength(110);
    expect([...code].every((ch) => ALPHABET.includes(ch))).toBe(true);
    const parsed = parseToken(code);
    expect(parsed).not.toBeNull();
    expect(parsed!.eventId).toBe(EVENT_ID);
    expect(parsed!.codeNo).toBe(CODE_NO);
    expect(parsed!.signed).toEqual(signedBytes(EVENT_ID, CODE_NO));
    expect(parsed!.signature).toHaveLength(64);
  });

  it('carries the version, then event and code number big-endian', () => {
    expect([...signedBytes(0x01020304, 0xa0b0c0d0)]).toEqual([TOKEN_VERSION, 1, 2, 3, 4, 0xa0, 0xb0, 0xc0, 0xd0]);
    const extreme = mintCode(keys, 0xffffffff, 0xffffffff);
    expect(parseToken(extreme)).toMatchObject({ eventId: 0xffffffff, codeNo: 0xffffffff });
  });

  it('refuses to assemble parts of the wrong length', () => {
    expect(() => encodeToken(new Uint8Array(8), new Uint8Array(64))).toThrow();
    expect(() => encodeToken(signedBytes(1, 1), new Uint8Array(63))).toThrow();
  });

  it('does not parse another version, whatever the signature', () => {
    const bytes = decodeBase45(code)!;
    bytes[0] = TOKEN_VERSION + 1;
    expect(parseToken(encodeBase45(bytes))).toBeNull();
  });

  it('round-trips the public key through base64url exactly as Node writes it', () => {
    const text = toBase64Url(keys.publicKeyRaw);
    expect(text).toBe(Buffer.from(keys.publicKeyRaw).toString('base64url'));
    expect(text).not.toMatch(/[+/=]/);
    expect(fromBase64Url(text)).toEqual(keys.publicKeyRaw);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }));
  });
});

describe.each(VERIFIERS)('readCode with the %s verifier', (_name, verify, perPosition) => {
  const read = (text: string, eventId = EVENT_ID): Promise<CodeReading> => readCode({ text, eventId, verify });

  it('accepts a code the event key signed, with or without the scanner\'s trailing newline', async () => {
    expect(await read(code)).toEqual({ kind: 'signed', codeNo: CODE_NO });
    expect(await read(`${code}\r\n`)).toEqual({ kind: 'signed', codeNo: CODE_NO });
    expect(await read(mintCode(keys, EVENT_ID, 0))).toEqual({ kind: 'signed', codeNo: 0 });
  });

  it('calls a code of another event wrong-event and names that event', async () => {
    expect(await read(mintCode(keys, LANG_SON.id, CODE_NO))).toEqual({ kind: 'wrong-event', eventId: LANG_SON.id });
  });

  it('calls a code for this event signed by another key forged', async () => {
    expect(await read(mintCode(strangerKeys, EVENT_ID, CODE_NO))).toEqual({ kind: 'forged' });
  });

  it('rejects every single-byte change of the token, for the right reason', async () => {
    const mutations = byteMutations();
    expect(mutations).toHaveLength(73 * 6);
    const got = await Promise.all(mutations.map(async (m) => ({ position: m.position, kind: (await read(m.text)).kind })));
    expect(got).toEqual(mutations.map((m) => ({ position: m.position, kind: m.expected })));
  });

  it('never reads a one-character change of the text as signed', async () => {
    const texts = characterMutations(perPosition);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.length).toBeGreaterThanOrEqual(110 * perPosition);
    const readings = await Promise.all(texts.map((text) => read(text)));
    expect(readings.filter((r) => r.kind === 'signed')).toEqual([]);
    // All three refusals occur: bad Base45, a changed event id, a broken signature.
    expect(new Set(readings.map((r) => r.kind))).toEqual(new Set(['not-a-code', 'wrong-event', 'forged']));
  });

  it('calls any other text not-a-code and never throws', async () => {
    const texts = [
      '', ' ', '\n', 'https://hienmau.vn/dang-ky?ma=3101', 'Nguyễn Văn An - Đoàn Thanh niên',
      '{"eventId":2024071,"codeNo":3101}', 'A'.repeat(10_000), code.repeat(2), code.slice(0, 109), `${code}0`,
      code.slice(0, 55) + '\n' + code.slice(56), code.toLowerCase(), 'WIFI:S:HoiTruong;T:WPA;P:12345678;;',
    ];
    for (const text of texts) expect(await read(text), JSON.stringify(text.slice(0, 40))).toEqual({ kind: 'not-a-code' });
    await fc.assert(fc.asyncProperty(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.webUrl(), fc.string({ minLength: 5000, maxLength: 10_000 })),
      async (text) => {
        // Text that some stripping of its ends could bring to 110 characters is covered below.
        if (text.length >= 110 && text.trim().length <= 110) return;
        expect(await read(text)).toEqual({ kind: 'not-a-code' });
      },
    ), { numRuns: 300 });
  });

  it('never reads random 110-character Base45 text as signed', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 110, maxLength: 110 }), async (text) => {
      expect(['not-a-code', 'wrong-event', 'forged']).toContain((await read(text)).kind);
    }), { numRuns: 500 });
  });
});

describe('readCode over the whole event id range', () => {
  // Regression (fixed in fc07964): readCode used to trim() the scanned text, but a Base45
  // code may itself start with a space: the first triplet is 256 + (eventId >>> 24), and
  // 306, 351, 396, 441, 486 are ≡ 36 (' ') mod 45, so every event id in [50·2^24, 51·2^24)
  // and the like (95, 140, 185, 230) got codes its own desks read as not-a-code. The last
  // character is always a digit 0–5, so only the leading side is at risk.
  it('accepts a correctly signed code whose text starts with a space (event ids 50·2^24 … 230·2^24)', async () => {
    const verify = webCryptoVerifier(keys.publicKeyRaw);
    const readings = await Promise.all([50, 95, 140, 185, 230].map(async (high) => {
      const eventId = high * 2 ** 24 + 7;
      const text = mintCode(keys, eventId, CODE_NO);
      expect(text.startsWith(' ')).toBe(true);
      return [
        { eventId, reading: await readCode({ text, eventId, verify }) },
        { eventId, reading: await readCode({ text: `${text}\r\n`, eventId, verify }) },
      ];
    }));
    expect(readings.flat().filter((r) => r.reading.kind !== 'signed')).toEqual([]);
  });

  it('never produces a code that ends in white space', () => {
    fc.assert(fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 1 }), fc.uint8Array({ minLength: 64, maxLength: 64 }),
      (eventId, codeNo, signature) => {
        const text = encodeToken(signedBytes(eventId, codeNo), signature);
        expect(text).toMatch(/[0-5]$/);
      }));
  });
});

describe('readCode with a misbehaving verifier', () => {
  it('calls the code forged when the verifier throws or rejects', async () => {
    const throwing: SignatureCheck = () => { throw new Error('no Ed25519 here'); };
    const rejecting: SignatureCheck = () => Promise.reject(new DOMException('NotSupportedError'));
    expect(await readCode({ text: code, eventId: EVENT_ID, verify: throwing })).toEqual({ kind: 'forged' });
    expect(await readCode({ text: code, eventId: EVENT_ID, verify: rejecting })).toEqual({ kind: 'forged' });
  });

  it('does not consult the verifier for text that is not ours or not this event\'s', async () => {
    let calls = 0;
    const counting: SignatureCheck = async () => { calls++; return true; };
    await readCode({ text: 'xin chào', eventId: EVENT_ID, verify: counting });
    await readCode({ text: mintCode(keys, LANG_SON.id, 1), eventId: EVENT_ID, verify: counting });
    expect(calls).toBe(0);
    await readCode({ text: code, eventId: EVENT_ID, verify: counting });
    expect(calls).toBe(1);
  });
});

describe('WebCrypto and @noble/curves agree', () => {
  it('give the same reading for the code and every mutation of it', async () => {
    const [webCrypto, noble] = [VERIFIERS[0]![1], VERIFIERS[1]![1]];
    const texts = [code, mintCode(strangerKeys, EVENT_ID, CODE_NO), ...byteMutations().map((m) => m.text)];
    const a = await Promise.all(texts.map((text) => readCode({ text, eventId: EVENT_ID, verify: webCrypto })));
    const b = await Promise.all(texts.map((text) => readCode({ text, eventId: EVENT_ID, verify: noble })));
    expect(a).toEqual(b);
    expect(a[0]).toEqual({ kind: 'signed', codeNo: CODE_NO });
  });

  it('derive the same public key from a seed as the test key maker does', () => {
    const seed = new Uint8Array(32).map((_, i) => i * 7);
    expect(makeEventKeys({ seed }).publicKeyRaw).toEqual(ed25519.getPublicKey(seed));
    expect(mintCode(makeEventKeys({ seed }), EVENT_ID, 1)).toBe(mintCode(makeEventKeys({ seed }), EVENT_ID, 1));
  });

  it('interoperate: a code signed with @noble/curves verifies under WebCrypto', async () => {
    const secretKey = ed25519.utils.randomSecretKey();
    const signed = signedBytes(EVENT_ID, 4001);
    const text = encodeToken(signed, ed25519.sign(signed, secretKey));
    const verify = webCryptoVerifier(ed25519.getPublicKey(secretKey));
    expect(await readCode({ text, eventId: EVENT_ID, verify })).toEqual({ kind: 'signed', codeNo: 4001 });
  });
});
