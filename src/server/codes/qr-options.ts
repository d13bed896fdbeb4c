// How every participant QR is drawn: one place, used by badge sheets, code images, the
// self-registration page and the tests' fake cameras.
//
// Level Q, from the benchmark's own data (`scan_hard_single_frame_ratio_level_{M,Q}`): on the hard
// set drawn at the same printed size, Q read 1.0 of single frames against M's 0.93, since a finger
// over a corner or a crease costs Q nothing, and the denser modules lost nothing on blur or small
// codes at the camera's native 1280×720. Badges printed earlier at level M still scan: the desk's
// zxing-cpp reads every level with every mask (test/ui/scanner/all-masks.test.ts).
//
// Each code still gets a mask chosen for it. zxing-cpp needs none, but a desk whose wasm cannot
// load falls back to html5-qrcode's ZXing-js, which misses about one code in nine at some module
// size between 4 and 11 px with the writer's own mask (22 of 200 at Q, 20 of 200 at M); with the
// chosen mask, none. The choice costs ~10 ms of decoding, so it runs in a worker thread
// (server/offload) and is stored once per code.
import { createRequire } from 'node:module';
import QRCode from 'qrcode';

/** The error-correction level of every code we draw. */
export const BADGE_LEVEL = 'Q';

// The very ZXing build html5-qrcode decodes with, the desk's fallback decoder.
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
 * 4 to 11 px for 200 random codes out of 200 (test/server/codes/signing.test.ts checks 120).
 */
const CHECK_SCALES = [4, 6, 10] as const;
const HINTS = new Map<unknown, unknown>([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
  [ZXing.DecodeHintType.TRY_HARDER, false],
]);

/** Decodes a module grid (dark = true) drawn at `scale` px per module with a 4-module quiet zone, as the fallback's ZXing would; undefined when it cannot. */
export function fallbackDecode(isDark: (row: number, col: number) => boolean, n: number, scale: number): string | undefined {
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

/** Renders the symbol as a clean grayscale bitmap (4-module quiet zone) and decodes it with the fallback's ZXing. */
export function fallbackReads(text: string, maskPattern: Mask | undefined, scale: number): boolean {
  const qr = QRCode.create(text, { errorCorrectionLevel: BADGE_LEVEL, maskPattern });
  return fallbackDecode((y, x) => Boolean(qr.modules.get(y, x)), qr.modules.size, scale) === text;
}

/**
 * The mask a code is issued with, always a concrete number so later renders skip the writer's
 * own mask search: its choice when the fallback reads it at every checked size, else the first
 * mask that reads. Costs several decodes (about 7–12 ms): worker threads run it, the store keeps it.
 */
export function chooseMask(text: string): Mask {
  const reads = (mask: Mask) => CHECK_SCALES.every((scale) => fallbackReads(text, mask, scale));
  const own = QRCode.create(text, { errorCorrectionLevel: BADGE_LEVEL }).maskPattern as Mask;
  if (reads(own)) return own;
  return MASKS.find((mask) => mask !== own && reads(mask)) ?? own;
}

/** `qrcode` options for a code whose mask is already chosen. */
export const qrOptionsWithMask = (maskPattern: Mask): { errorCorrectionLevel: typeof BADGE_LEVEL; maskPattern: Mask } =>
  ({ errorCorrectionLevel: BADGE_LEVEL, maskPattern });
