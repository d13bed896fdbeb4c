// Text a person typed or a file carried, cleaned before anything stores it: no control
// characters or NUL, no bidirectional overrides (a U+202E in a venue once reversed a printed
// report), and no zero-width characters except the joiners a name may need. Used by the schemas.
import * as z from 'zod/mini';

// C0 and C1 controls and DEL; tabs and line breaks become spaces in these one-line fields.
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible marks.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF\u180E]/g;
const ZERO_WIDTH_BUT_JOINERS = /[\u200B\u2060\uFEFF\u180E]/g;

/** The cleaned text; `name` keeps ZWJ/ZWNJ, which some scripts' names need. */
export function cleanText(text: string, { name = false }: { name?: boolean } = {}): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '')
    .replace(name ? ZERO_WIDTH_BUT_JOINERS : ZERO_WIDTH, '');
}

/**
 * A schema issue's message in both languages, carried as JSON in zod's one message string;
 * the server's request reader unpacks it (issueText) so the client shows the Vietnamese.
 */
export const bilingual = (vi: string, en: string): string => JSON.stringify({ vi, en });

/** The two languages of an issue message made by `bilingual`, or undefined for zod's own. */
export function issueText(message: string): { vi: string; en: string } | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(message) as { vi?: unknown; en?: unknown };
    return typeof parsed.vi === 'string' && typeof parsed.en === 'string' ? { vi: parsed.vi, en: parsed.en } : undefined;
  } catch {
    return undefined;
  }
}

/** A cleaned, trimmed one-line string of `min`..`max` characters, with its limit said in both languages. */
export function cleanString({ min = 0, max, name = false }: { min?: number; max: number; name?: boolean }) {
  return z.string().check(
    z.overwrite((text) => cleanText(text, { name })),
    z.trim(),
    z.minLength(min, { error: bilingual('Không được để trống.', 'Must not be empty.') }),
    z.maxLength(max, { error: bilingual(`Dài quá ${max} ký tự.`, `Longer than ${max} characters.`) }),
  );
}

/** Largest quota, target or registration cap: a hundred times the biggest drive in the plans. */
export const MAX_COUNT = 100_000;

/** A head count: a whole number from 0 to MAX_COUNT. */
export const Count = z.int().check(
  z.nonnegative({ error: bilingual('Số lượng không được âm.', 'A count cannot be negative.') }),
  z.lte(MAX_COUNT, { error: bilingual('Số lượng quá lớn (tối đa 100.000).', 'The count is too large (at most 100,000).') }),
);

/** "0912 345 678", "+84 912345678", "912345678" (Excel dropped the 0) → "0912345678"; else as typed. */
export function normalizePhone(raw: string): string {
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
  else if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`;
  return digits;
}

/** Vietnamese mobile and landline numbers: 10 digits (or 11 for old landlines), leading 0. */
export const PHONE = /^0\d{9,10}$/;

/** A phone as an import accepts it: normalized, then 10–11 digits with a leading 0. */
export const PhoneNumber = z.string().check(
  z.overwrite(normalizePhone),
  z.regex(PHONE, { error: bilingual('Số điện thoại không hợp lệ (cần 10 số, bắt đầu bằng 0).', 'Not a valid phone (10 digits starting with 0).') }),
);

/** Whether "YYYY-MM-DD" names a day that exists (no 2024-13-45, no 0000-00-00), years 1900–2999. */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Latest instant a stored time may name (2100-01-01): far past any event, far inside what Date can print. */
export const MAX_INSTANT_MS = Date.UTC(2100, 0, 1);
