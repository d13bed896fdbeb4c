// A unit's roster with its codes as CSV for Excel: the committee's offices open these, mail-merge
// badges from them, or paste a code into any QR generator.
import Papa from 'papaparse';
import type { Participant, Unit } from '../../shared/schemas.ts';
import { foldVietnamese } from '../../domain/fold.ts';
import { neutraliseCell, phoneForExcel } from '../../domain/report-format.ts';

/** Column headings, in the order the committee's own lists use. */
export const ROSTER_COLUMNS = ['Mã số', 'Họ và tên', 'Điện thoại', 'Đơn vị', 'Loại', 'Mã QR'] as const;

// Name, phone, unit and category come from people and are neutralised (shared with the reports).
// The Mã QR column is left raw on purpose: it must round-trip exactly into a QR generator, and it is
// our own Base45 text, whose first character is fixed by the version byte ('V' for event ids below 2^24).
export { neutraliseCell };

/** CSV text: UTF-8 BOM (so Excel reads Vietnamese), CRLF line ends, every field quoted. */
export function rosterCsv(unit: Unit, rows: Array<{ person: Participant; code: string }>): string {
  const data = rows.map(({ person, code }) => [
    person.no,
    neutraliseCell(person.name),
    neutraliseCell(phoneForExcel(person.phone)),
    neutraliseCell(unit.name),
    neutraliseCell(person.category),
    code,
  ]);
  // Quoting every field keeps the spaces that Base45 codes may start or end with.
  return '\uFEFF' + Papa.unparse({ fields: [...ROSTER_COLUMNS], data }, { newline: '\r\n', quotes: true }) + '\r\n';
}

/** An ASCII-only download name (older Excel and some mail gateways mangle UTF-8 filenames). */
export function rosterFileName(eventId: number, unit: Unit): string {
  const slug = foldVietnamese(unit.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `danh-sach-su-kien-${eventId}-don-vi-${unit.id}-${slug}.csv`;
}
