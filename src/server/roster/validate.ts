// Row-by-row checking of an uploaded roster with zod: every problem with its row number, units
// and categories resolved against the event, duplicates found in the file and on the roster.
import * as z from 'zod/mini';
import { foldVietnamese } from '../../domain/fold.ts';
import type { Unit } from '../../shared/schemas.ts';
import { PHONE, cleanText, normalizePhone } from '../../shared/text.ts';
import { ImportField, type ImportProblem } from '../../shared/roster-import.ts';
import { problem } from './problems.ts';
import { EARLIEST_BIRTH_YEAR, readBirthYear } from './birth-year.ts';
import type { ResolvedMapping } from './mapping.ts';
import type { SheetRow } from './file.ts';
import type { NewParticipant, RosterIdentity } from '../store/store.ts';

/** The phone rule lives in shared/text.ts: a desk's walk-in is checked by the same one. */
export { normalizePhone, PHONE };

/** "001 203 004 567" → digits; a CCCD that Excel stored as a number lost its leading zeros (province 001–096): put them back. */
export function normalizeIdNumber(raw: string): string {
  const digits = raw.replace(/[\s.]/g, '');
  return /^\d{10,11}$/.test(digits) ? digits.padStart(12, '0') : digits;
}

/** CCCD (12 digits) or the older CMND (9 digits). */
const ID_NUMBER = /^(\d{12}|\d{9})$/;

/** One row as the mapping reads it; empty optional cells become undefined. */
const RowFields = z.object({
  name: z.string().check(z.overwrite((s) => cleanText(s, { name: true })), z.trim(), z.minLength(1), z.maxLength(120)),
  unit: z.optional(z.string().check(z.overwrite((s) => cleanText(s)))),
  category: z.optional(z.string().check(z.overwrite((s) => cleanText(s)), z.trim(), z.maxLength(60))),
  phone: z.optional(z.string().check(z.overwrite(normalizePhone), z.regex(PHONE))),
  idNumber: z.optional(z.string().check(z.overwrite(normalizeIdNumber), z.regex(ID_NUMBER))),
  /** Read by readBirthYear, whose answers need their own messages. */
  birthYear: z.optional(z.string()),
});

/** What the event already holds that an import must fit into. */
export interface RosterContext {
  units: readonly Unit[];
  /** Set for a one-unit file: every row joins this unit and no unit column is read. */
  unitId?: number;
  existing: readonly RosterIdentity[];
  /** The latest birth year a row may give (this year, from the caller's clock). */
  thisYear: number;
}

/** The rows ready to store, or the problems that stop the import (people is then empty). */
export interface Validated { people: NewParticipant[]; problems: ImportProblem[] }

const FIELDS: readonly ImportField[] = ImportField.options;

function fieldsOf(cells: readonly string[], index: ResolvedMapping['index']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of FIELDS) {
    const at = index[field];
    if (at === undefined) continue;
    const value = (cells[at] ?? '').trim();
    // An empty optional cell is an absent value; an empty name is a problem zod reports.
    if (value !== '' || field === 'name') out[field] = value;
  }
  return out;
}

function zodProblem(issue: z.core.$ZodIssue, raw: Record<string, string>, row: number): ImportProblem {
  const field = issue.path[0] as ImportField;
  const value = raw[field] ?? '';
  if (field === 'phone') return problem('badPhone', [value], { row, field });
  if (field === 'idNumber') return problem('badIdNumber', [value], { row, field });
  if (issue.code === 'too_big') return problem('tooLong', [field], { row, field });
  return problem('required', [field], { row, field });
}

/** The year a birth-year cell gives, or the problem that says what to fix; nothing for an empty cell. */
function birthYearOf(raw: string | undefined, thisYear: number, row: number): { year?: number; problem?: ImportProblem } {
  if (raw === undefined) return {};
  const at = { row, field: 'birthYear' as const };
  const reading = readBirthYear(raw, thisYear);
  switch (reading.kind) {
    case 'year': return { year: reading.year };
    case 'unreadable': return { problem: problem('badBirthYear', [raw], at) };
    case 'not-a-day': return { problem: problem('birthDateNotADay', [raw], at) };
    case 'out-of-range': return { problem: problem('birthYearOutOfRange', [reading.year, EARLIEST_BIRTH_YEAR, thisYear], at) };
  }
}

/** Unit and category lookups by folded name, so "phường sông cầu" finds "Phường Sông Cầu". */
function lookups(units: readonly Unit[]) {
  const byName = new Map(units.map((u) => [foldVietnamese(u.name), u]));
  const byId = new Map(units.map((u) => [u.id, u]));
  return { byName, byId };
}

function categoryOf(unit: Unit, raw: string | undefined, row: number): { category?: string; problem?: ImportProblem } {
  const allowed = unit.quotas.map((q) => q.category);
  // A unit whose one quota has no category takes everyone, whatever a shared file's column says.
  if (raw === undefined || (allowed.length === 1 && allowed[0] === '')) {
    return allowed.length === 1 ? { category: allowed[0] } : { problem: problem('categoryNeeded', [allowed.join(', ')], { row, field: 'category' }) };
  }
  const found = allowed.find((c) => foldVietnamese(c) === foldVietnamese(raw));
  return found ? { category: found } : { problem: problem('unknownCategory', [raw, allowed.join(', ')], { row, field: 'category' }) };
}

/** Checks every row; returns people only when no row has a problem (all or nothing starts here). */
export function validateRows(rows: readonly SheetRow[], resolved: ResolvedMapping, context: RosterContext): Validated {
  const { byName, byId } = lookups(context.units);
  const fixedUnit = context.unitId === undefined ? undefined : byId.get(context.unitId);
  const duplicates = new DuplicateFinder(context.existing);
  const people: NewParticipant[] = [];
  const problems: ImportProblem[] = [];
  for (const { rowNo: row, cells } of rows) {
    const raw = fieldsOf(cells, resolved.index);
    const birth = birthYearOf(raw['birthYear'], context.thisYear, row);
    const parsed = z.safeParse(RowFields, raw);
    if (!parsed.success) {
      const seen = new Set<PropertyKey>();
      for (const issue of parsed.error.issues) {
        if (seen.has(issue.path[0]!)) continue;
        seen.add(issue.path[0]!);
        problems.push(zodProblem(issue, raw, row));
      }
      if (birth.problem) problems.push(birth.problem);
      continue;
    }
    if (birth.problem) { problems.push(birth.problem); continue; }
    const fields = parsed.data;
    const unit = fixedUnit ?? (fields.unit === undefined ? undefined : byName.get(foldVietnamese(fields.unit)));
    if (!unit) {
      problems.push(fields.unit === undefined ? problem('required', ['unit'], { row, field: 'unit' }) : problem('unknownUnit', [fields.unit], { row, field: 'unit' }));
      continue;
    }
    const category = categoryOf(unit, fields.category, row);
    if (category.problem) { problems.push(category.problem); continue; }
    const person: NewParticipant = { name: fields.name.replace(/\s+/g, ' '), phone: fields.phone ?? '', unitId: unit.id, category: category.category! };
    if (fields.idNumber !== undefined) person.idNumber = fields.idNumber;
    if (birth.year !== undefined) person.birthYear = birth.year;
    const duplicate = duplicates.check(person, row);
    if (duplicate) { problems.push(duplicate); continue; }
    people.push(person);
  }
  return { people: problems.length === 0 ? people : [], problems };
}

/** Remembers phones and ID numbers seen, in the roster first and then row by row. */
class DuplicateFinder {
  readonly #phones = new Map<string, { row?: number; no?: number; name: string }>();
  readonly #ids = new Map<string, { row?: number; no?: number; name: string }>();

  constructor(existing: readonly RosterIdentity[]) {
    for (const p of existing) {
      if (p.phone) this.#phones.set(p.phone, { no: p.no, name: p.name });
      if (p.idNumber) this.#ids.set(p.idNumber, { no: p.no, name: p.name });
    }
  }

  check(person: NewParticipant, row: number): ImportProblem | undefined {
    const byPhone = person.phone ? this.#phones.get(person.phone) : undefined;
    const byId = person.idNumber ? this.#ids.get(person.idNumber) : undefined;
    if (person.phone && !byPhone) this.#phones.set(person.phone, { row, name: person.name });
    if (person.idNumber && !byId) this.#ids.set(person.idNumber, { row, name: person.name });
    if (byId) {
      return byId.row !== undefined ? problem('duplicateIdInFile', [byId.row], { row, field: 'idNumber' })
        : problem('duplicateIdInRoster', [byId.no!, byId.name], { row, field: 'idNumber' });
    }
    if (byPhone) {
      return byPhone.row !== undefined ? problem('duplicatePhoneInFile', [byPhone.row], { row, field: 'phone' })
        : problem('duplicatePhoneInRoster', [byPhone.no!, byPhone.name], { row, field: 'phone' });
    }
    return undefined;
  }
}
