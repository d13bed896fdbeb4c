// How every participant QR is drawn. One place, used by badge sheets, code images and tests.
import QRCode from 'qrcode';

/**
 * ZXing-js (html5-qrcode's decoder, the one iPhones use at the desk) fails to decode our
 * codes when the QR uses mask pattern 2, while every other mask reads at once. The writer
 * picks the mask by penalty score; when it picks 2 we force mask 0, which every decoder read
 * in our tests (test/e2e: every code on a badge sheet decodes at the desk).
 */
const UNREADABLE_MASKS = new Set([2]);

/** Options for `qrcode` that give a code every desk decoder reads: level M, a safe mask. */
export function qrOptionsFor(text: string): { errorCorrectionLevel: 'M'; maskPattern?: QRCode.QRCodeMaskPattern } {
  const chosen = QRCode.create(text, { errorCorrectionLevel: 'M' }).maskPattern ?? 0;
  if (!UNREADABLE_MASKS.has(chosen)) return { errorCorrectionLevel: 'M' };
  return { errorCorrectionLevel: 'M', maskPattern: 0 };
}
