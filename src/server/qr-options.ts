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

/** Renders the symbol as a clean grayscale bitmap (4-module quiet zone) and decodes it. */
export function deskDecoderReads(text: string, maskPattern: Mask | undefined, scale: number): boolean {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern });
  const n = qr.modules.size;
  const margin = 4;
  const size = (n + 2 * margin) * scale;
  const pixels = new Uint8ClampedArray(size * size).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + margin) * scale + dy) * size;
        pixels.fill(0, row + (x + margin) * scale, row + (x + margin + 1) * scale);
      }
    }
  }
  try {
    const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(pixels, size, size)));
    return new ZXing.MultiFormatReader().decode(bitmap, HINTS).getText() === text;
  } catch {
    return false;
  }
}

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
