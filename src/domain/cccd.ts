// The chip citizen ID card (CCCD) QR: `|`-separated, 12-digit ID number first. 2021 cards:
// ID | old 9-digit ID | full name | birth date ddmmyyyy | gender | address | issue date;
// 2024 cards may add fields. Only what an event needs is read out: name, birth year, gender.
// The ID number, address and issue date are never returned, so nothing can store them
// (personal-data rules, Decree 13/2023).

/** What a desk may keep of a card. */
export interface CccdPerson {
  name: string;
  birthYear: number;
  gender: 'male' | 'female' | undefined;
}

/** Which field of a card-like text is wrong: the desk says so and writes nothing. */
export type CccdProblem = 'name' | 'birth-date' | 'gender';

export type CccdReading =
  | { kind: 'not-cccd' }
  | { kind: 'cccd'; person: CccdPerson }
  | { kind: 'malformed'; problem: CccdProblem };

const ID_NUMBER = /^\d{12}$/;
const NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;

/** True for text shaped like a CCCD QR (12-digit first field, at least 6 parts), valid or not. */
export function looksLikeCccd(text: string): boolean {
  const parts = text.trim().split('|');
  return parts.length >= 6 && ID_NUMBER.test(parts[0]!.trim());
}

function birthYearOf(ddmmyyyy: string, thisYear: number): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(ddmmyyyy.trim());
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && year <= thisYear ? year : undefined;
}

function genderOf(text: string): CccdPerson['gender'] | null {
  const g = text.trim().normalize('NFC').toLowerCase();
  if (g === 'nam' || g === 'male') return 'male';
  if (g === 'nữ' || g === 'nu' || g === 'female') return 'female';
  return g === '' ? undefined : null;
}

/** Reads a scanned text as a CCCD QR. `thisYear` bounds the birth year (injected: pure). */
export function readCccd(text: string, thisYear: number): CccdReading {
  if (!looksLikeCccd(text)) return { kind: 'not-cccd' };
  const parts = text.trim().split('|');
  const name = parts[2]!.trim().replace(/\s+/g, ' ').normalize('NFC');
  if (!name || name.length > 120 || !NAME.test(name)) return { kind: 'malformed', problem: 'name' };
  const birthYear = birthYearOf(parts[3]!, thisYear);
  if (birthYear === undefined) return { kind: 'malformed', problem: 'birth-date' };
  const gender = genderOf(parts[4]!);
  if (gender === null) return { kind: 'malformed', problem: 'gender' };
  return { kind: 'cccd', person: { name, birthYear, gender } };
}
