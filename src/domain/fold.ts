// Vietnamese text folded for search: no diacritics, đ → d, lower case, single spaces.

/** Folds a name or query so "nguyen van a" matches "Nguyễn Văn A". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Digits only, so "0912 345 678" and "0912.345.678" compare equal. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

// Tone-sensitive, case-blind: dictionary order puts Anh before Ánh, Đ after every D word.
const collator = new Intl.Collator('vi', { sensitivity: 'accent' });
/** Compares Vietnamese strings in dictionary order (Â after A, Đ after D, tones ordered). */
export const compareVietnamese = (a: string, b: string): number => collator.compare(a, b);
