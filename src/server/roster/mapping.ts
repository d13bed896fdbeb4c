// Which column of an uploaded roster holds what: guessed from the headers committees use
// ("Họ và tên", "Đơn vị", "SĐT", "CCCD", "Năm sinh"…), and overridable from the mapping screen.
import { foldVietnamese } from '../../domain/fold.ts';
import type { ColumnMapping, ImportField, ImportProblem } from '../../shared/roster-import.ts';
import { problem } from './problems.ts';

// Folded header texts (no diacritics, lower case) recognised for each field, best first.
const ALIASES: Record<ImportField, readonly string[]> = {
  name: ['ho va ten', 'ho ten', 'ten', 'full name', 'name', 'ho va ten nguoi tham gia'],
  unit: ['don vi', 'ten don vi', 'co quan', 'co quan/don vi', 'to chuc', 'chi doan', 'unit', 'organisation', 'organization'],
  category: ['doi tuong', 'loai', 'thanh phan', 'category', 'type'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'dien thoai di dong', 'phone', 'phone number', 'mobile', 'tel'],
  idNumber: ['cccd', 'so cccd', 'cmnd', 'so cmnd', 'cccd/cmnd', 'can cuoc', 'can cuoc cong dan', 'so dinh danh', 'id number', 'id'],
  birthYear: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'ngay/thang/nam sinh', 'ns', 'birth year', 'year of birth',
    'date of birth', 'dob'],
};

const FIELDS = Object.keys(ALIASES) as ImportField[];
const cleanHeader = (header: string) => foldVietnamese(header).replace(/[.:*()]/g, '').replace(/\s+/g, ' ').trim();

/** The mapping guessed from the headers: each field takes the first header matching one of its aliases. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const cleaned = headers.map(cleanHeader);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of FIELDS) {
    for (const alias of ALIASES[field]) {
      const index = cleaned.findIndex((h, i) => h === alias && !taken.has(i));
      if (index >= 0) {
        mapping[field] = headers[index]!;
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** Column indexes per field, after the coordinator's overrides; an override of "" drops a field. */
export interface ResolvedMapping { mapping: ColumnMapping; index: Partial<Record<ImportField, number>>; problems: ImportProblem[] }

/** Applies overrides to the guess and checks every named column exists and the required ones are there. */
export function resolveMapping(headers: readonly string[], overrides: ColumnMapping, { needsUnit }: { needsUnit: boolean }): ResolvedMapping {
  const mapping: ColumnMapping = { ...guessMapping(headers) };
  for (const field of FIELDS) {
    const override = overrides[field];
    if (override === undefined) continue;
    if (override === '') delete mapping[field];
    else mapping[field] = override;
  }
  if (!needsUnit) delete mapping.unit;
  const index: ResolvedMapping['index'] = {};
  const problems: ImportProblem[] = [];
  for (const field of FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    const at = headers.indexOf(header);
    if (at < 0) problems.push(problem('unknownColumn', [header], { field }));
    else index[field] = at;
  }
  if (mapping.name === undefined) problems.push(problem('missingColumn', ['name'], { field: 'name' }));
  if (needsUnit && mapping.unit === undefined) problems.push(problem('missingColumn', ['unit'], { field: 'unit' }));
  return { mapping, index, problems };
}
