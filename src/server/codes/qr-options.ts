// How every participant QR is drawn. One place, used by badge sheets, code images and tests.
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

// The very ZXing build html5-qrcode decodes with at the desk (iPads and iPhones have no native
// BarcodeDetector, so this is their decoder): a code is only issued in a form it reads.
// Its bundled .d.ts is incomplete, so the few parts used are typed here.
interface ZXingModule {
  DecodeHintType: { POSSIBLE_FORMATS: unknown; TRY_HARDER: unknown };
  BarcodeFormat: { QR_CODE: unknown };
  BinaryBitmap: new (binarizer: unknown) => unknown;
  HybridBinarizer: new (source: unknown) => unknown;
  RGBLuminanceSource: new (luminances: Uint8ClampedArray, width: number, height: number) => unknown;
  MultiFormatReader: new () => { decode(bitmap: unknown, hints: Map<unknown, unknown>): { getText(): string } };
}
const ZXing = createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as ZXingModule;

type Mask = QRCode.QRCodeMaskPattern;
const MASKS: readonly Mask[] = [0, 1, 2, 3, 4, 5, 6, 7];
/**
 * Pixels per module checked. Failures come as whole masks, from about 6 px upward, or only at
 * 4 px (a code far from the camera); with these three, the chosen mask read at every size from
 * 4 to 11 px for 300 random codes out of 300.
 */
const CHECK_SCALES = [4, 6, 10] as const;
const HINTS = new Map<unknown, unknown>([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
  [ZXing.DecodeHintType.TRY_HARDER, false],
]);

/** Decodes a module grid (dark = true) drawn at `scale` px per module with a 4-module quiet zone, as the desk's ZXing would; undefined when it cannot. */
export function deskDecode(isDark: (row: number, col: number) => boolean, n: number, scale: number): string | undefined {
  const margin = 4;
  const size = (n + 2 * margin) * scale;
  const pixels = new Uint8ClampedArray(size * size).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!isDark(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + margin) * scale + dy) * size;
        pixels.fill(0, row + (x + margin) * scale, row + (x + margin + 1) * scale);
      }
    }
  }
  try {
    const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(pixels, size, size)));
    return new ZXing.MultiFormatReader().decode(bitmap, HINTS).getText();
  } catch {
    return undefined;
  }
}

/** Renders the symbol as a clean grayscale bitmap (4-module quiet zone) and decodes it. */
export function deskDecoderReads(text: string, maskPattern: Mask | undefined, scale: number): boolean {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern });
  return deskDecode((y, x) => Boolean(qr.modules.get(y, x)), qr.modules.size, scale) === text;
}

/**
 * The mask a code is issued with, always a concrete number so later renders skip the writer's
 * own mask search: its choice when the desk decoder reads it at every checked size, else the
 * first mask that reads. Costs several decodes (about 7–12 ms); the store keeps the answer per code.
 */
export function chooseMask(text: string): Mask {
  const reads = (mask: Mask) => CHECK_SCALES.every((scale) => deskDecoderReads(text, mask, scale));
  const own = QRCode.create(text, { errorCorrectionLevel: 'M' }).maskPattern as Mask;
  if (reads(own)) return own;
  return MASKS.find((mask) => mask !== own && reads(mask)) ?? own;
}

/** `qrcode` options for a code whose mask is already chosen. */
export const qrOptionsWithMask = (maskPattern: Mask): { errorCorrectionLevel: 'M'; maskPattern: Mask } =>
  ({ errorCorrectionLevel: 'M', maskPattern });

const chosenMask = new Map<string, Mask | undefined>();

/**
 * Options for `qrcode` that give a code every desk decoder reads: level M, and a mask the
 * desk's ZXing decodes. ZXing-js misses about 1 code in 16 for some mask/size pairs (mask 2
 * most often); the writer's own choice is kept when it reads at every checked size, else the first mask that does.
 */
export function qrOptionsFor(text: string): { errorCorrectionLevel: 'M'; maskPattern?: Mask } {
  if (!chosenMask.has(text)) {
    const reads = (mask: Mask | undefined) => CHECK_SCALES.every((scale) => deskDecoderReads(text, mask, scale));
    chosenMask.set(text, reads(undefined) ? undefined : MASKS.find(reads));
  }
  const maskPattern = chosenMask.get(text);
  return maskPattern === undefined ? { errorCorrectionLevel: 'M' } : { errorCorrectionLevel: 'M', maskPattern };
}
