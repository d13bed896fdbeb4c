// How zxing-cpp reads our frames, in one place for the worker, the tests and the benchmark.
import type { ReaderOptions } from 'zxing-wasm/reader';

/**
 * QR only, try harder (more binarizer and finder passes). Rotation and the downscaled pass
 * cost little at 1280×720 and help with codes that fill the frame; no inverted pass: nobody
 * we serve prints light-on-dark codes.
 */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: false,
  tryRotate: true,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};
