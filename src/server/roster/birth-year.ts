// A roster's birth-year cell, as committees write it: a year ("1995"), a Vietnamese date of
// birth ("15/08/1995", "5/8/1995", "15-08-1995", "15.08.1995"), or an Excel date cell, which the
// file reader turns into ISO "1995-08-15". Only the year is kept: desks need no more to match
// a citizen ID card, and the full date is personal data the event does not need.

/** What a cell reads as; a problem names its kind so the message can say what to fix. */
export type BirthYearReading =
  | { kind: 'year'; year: number }
  | { kind: 'unreadable' }
  | { kind: 'not-a-day' }
  | { kind: 'out-of-range'; year: number };

/** The earliest birth year a roster may give (the same bound as a walk-in's). */
export const EARLIEST_BIRTH_YEAR = 1900;

const YEAR = /^\d{4}$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function yearOfDate(year: number, month: number, day: number): BirthYearReading {
  return isCalendarDay(year, month, day) ? { kind: 'year', year } : { kind: 'not-a-day' };
}

function parse(text: string): BirthYearReading {
  if (YEAR.test(text)) return { kind: 'year', year: Number(text) };
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return yearOfDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  const iso = ISO_DATE.exec(text);
  if (iso) return yearOfDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return { kind: 'unreadable' };
}

/** Reads a non-empty cell; `thisYear` bounds it from above (injected, so the rule is pure). */
export function readBirthYear(cell: string, thisYear: number): BirthYearReading {
  const reading = parse(cell.trim());
  if (reading.kind !== 'year') return reading;
  return reading.year < EARLIEST_BIRTH_YEAR || reading.year > thisYear ? { kind: 'out-of-range', year: reading.year } : reading;
}
