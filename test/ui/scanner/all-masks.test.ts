// Every valid code, however it was drawn: each error-correction level (L, M, Q, H) with each
// of the 8 masks, resampled to 384 px as a camera would see it held still, is read by the
// desk's decoder (zxing-cpp, the worker's options). Also codes drawn by qrencode, an
// encoder independent of ours, at every level.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import QRCode from 'qrcode';
import { readQrImage as read } from '../../support/zxing-node.ts';
import { encodeToken, signedBytes } from '../../../src/domain/token.ts';

const LEVELS = ['L', 'M', 'Q', 'H'] as const;
const MASKS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
/** ImageMagick's own binary: /usr/local/bin/convert may be a stand-in on this machine. */
const CONVERT = '/usr/bin/convert';

function code(seed: number): string {
  return encodeToken(signedBytes(2, 1000 + seed), new Uint8Array(64).map((_, i) => (i * 37 + seed * 11) & 0xff));
}

/** The PNG scaled (bilinear, so modules land between pixels) to `size` px, then greyscale. */
function resampled(png: Buffer, size: number): Uint8Array {
  return new Uint8Array(execFileSync(CONVERT, ['png:-', '-filter', 'Triangle', '-resize', `${size}x${size}`, '-colorspace', 'Gray', 'png:-'], { input: png }));
}

describe('the desk decoder reads every level and mask', () => {
  it('all 32 combinations of level × mask, at 384 px', async () => {
    const missed: string[] = [];
    for (const level of LEVELS) {
      for (const mask of MASKS) {
        const text = code(mask + 8 * LEVELS.indexOf(level));
        expect(QRCode.create(text, { errorCorrectionLevel: level, maskPattern: mask }).maskPattern).toBe(mask);
        const png = await QRCode.toBuffer(text, { errorCorrectionLevel: level, maskPattern: mask, margin: 4, scale: 8, type: 'png' });
        const result = await read(resampled(png, 384));
        if (result?.text !== text || result.ecLevel !== level) missed.push(`${level}/mask ${mask}: ${result ? result.ecLevel : 'no read'}`);
      }
    }
    expect(missed).toEqual([]);
  }, 60_000);

  it('codes drawn by qrencode at every level, at 384 px', async () => {
    const missed: string[] = [];
    for (const level of LEVELS) {
      for (let seed = 0; seed < 8; seed++) {
        const text = code(100 + seed + 8 * LEVELS.indexOf(level));
        const png = execFileSync('qrencode', ['-l', level, '-s', '8', '-m', '4', '-o', '-', text]);
        const result = await read(resampled(png, 384));
        if (result?.text !== text) missed.push(`${level} #${seed}`);
      }
    }
    expect(missed).toEqual([]);
  }, 60_000);
});
