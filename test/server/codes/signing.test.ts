import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { parseToken } from '../../../src/domain/token.ts';
import { generateEventKeys, privateKeyFromStored, signCode } from '../../../src/server/codes/signing.ts';
import { verifiesWith } from '../store/temp-store.ts';

describe('signing', () => {
  const keys = generateEventKeys();
  const privateKey = privateKeyFromStored(keys.privateKey);

  it('exports the public key as raw 32 bytes in base64url', () => {
    expect(keys.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(32);
  });

  it('makes 110-character codes that parse back and verify with the public key', () => {
    for (const [eventId, codeNo] of [[1, 0], [1, 1], [3, 4242], [0xffff_ffff, 0xffff_ffff]] as const) {
      const code = signCode(privateKey, eventId, codeNo);
      expect(code).toHaveLength(110);
      const parsed = parseToken(code);
      expect(parsed).toMatchObject({ eventId, codeNo });
      expect(verifiesWith(keys.publicKey, parsed!.signed, parsed!.signature)).toBe(true);
    }
  });

  it('is rejected under another event key or with a changed number', () => {
    const code = signCode(privateKey, 1, 7);
    const parsed = parseToken(code)!;
    expect(verifiesWith(generateEventKeys().publicKey, parsed.signed, parsed.signature)).toBe(false);
    const tampered = Uint8Array.from(parsed.signed);
    tampered[8] = 8;
    expect(verifiesWith(keys.publicKey, tampered, parsed.signature)).toBe(false);
  });

  it('fits QR version 7 or lower at level M, in alphanumeric mode', () => {
    for (let codeNo = 1; codeNo <= 200; codeNo++) {
      const qr = QRCode.create(signCode(privateKey, 2, codeNo), { errorCorrectionLevel: 'M' });
      expect(qr.version).toBeLessThanOrEqual(7);
      const modes = qr.segments.map((s) => s.mode.id);
      expect(modes).toContain('Alphanumeric');
      // The encoder may split off a run of digits as Numeric; never Byte, which would cost a version.
      expect(modes.every((m) => m === 'Alphanumeric' || m === 'Numeric')).toBe(true);
    }
  });
});

describe('codes every desk decoder reads', () => {
  it('issues each code in a form the fallback (html5-qrcode’s ZXing) decodes at every module size from 4 to 11 px', async () => {
    const { chooseMask, fallbackReads: deskDecoderReads } = await import('../../../src/server/codes/qr-options.ts');
    const { generateEventKeys, privateKeyFromStored, signCode } = await import('../../../src/server/codes/signing.ts');
    const key = privateKeyFromStored(generateEventKeys().privateKey);
    const unreadableAsWriterChose: number[] = [];
    for (let no = 1; no <= 120; no++) {
      const code = signCode(key, 1, no);
      if (![6, 10].every((s) => deskDecoderReads(code, undefined, s))) unreadableAsWriterChose.push(no);
      const maskPattern = chooseMask(code);
      for (const scale of [4, 5, 7, 8, 9, 11]) expect(deskDecoderReads(code, maskPattern, scale), `code ${no} at ${scale} px`).toBe(true);
    }
    // The check is not idle: the writer's own mask choice fails for some codes.
    expect(unreadableAsWriterChose.length).toBeGreaterThan(0);
  }, 30_000); // ~1,000 decodes: about 3 s alone, past vitest's 5 s default when the sync tests share the CPU
});
