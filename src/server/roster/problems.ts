// Every reason an import can be refused, worded once in Vietnamese and English, so the
// screen, the API and the tests all see the same message for the same mistake.
import type { ImportField, ImportProblem } from '../../shared/roster-import.ts';

const FIELD_NAMES: Record<ImportField, [string, string]> = {
  name: ['Họ và tên', 'Name'],
  unit: ['Đơn vị', 'Unit'],
  category: ['Đối tượng', 'Category'],
  phone: ['Điện thoại', 'Phone'],
  idNumber: ['CCCD', 'ID number'],
  birthYear: ['Năm sinh', 'Birth year'],
};

/** The column's name as the coordinator reads it, in each language. */
export const fieldName = (field: ImportField): [string, string] => FIELD_NAMES[field];

const q = (text: string) => `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;

/** Builders for each problem; the `code` is what clients and tests switch on. */
export const PROBLEMS = {
  emptyFile: () => ({ vi: 'Tệp trống hoặc không có dòng dữ liệu nào.', en: 'The file is empty or has no data rows.' }),
  tooLarge: (mb: number) => ({ vi: `Tệp lớn hơn ${mb} MB. Hãy chia nhỏ danh sách.`, en: `The file is larger than ${mb} MB. Split the roster.` }),
  badEncoding: (line: number) => ({
    vi: `Tệp không phải bảng mã UTF-8 (lỗi ở dòng ${line}). Có thể tệp lưu bằng Windows-1258 hoặc TCVN3: trong Excel chọn "Lưu thành" → "CSV UTF-8".`,
    en: `The file is not UTF-8 (first bad byte on line ${line}). It may be Windows-1258 or TCVN3: in Excel use "Save as" → "CSV UTF-8".`,
  }),
  utf16: () => ({
    vi: 'Tệp dùng bảng mã UTF-16 (Unicode text). Hãy lưu lại dưới dạng "CSV UTF-8".',
    en: 'The file is UTF-16 (Unicode text). Save it again as "CSV UTF-8".',
  }),
  oldExcel: () => ({
    vi: 'Tệp Excel 97-2003 (.xls) không đọc được. Hãy lưu lại dưới dạng .xlsx hoặc "CSV UTF-8".',
    en: 'Excel 97-2003 files (.xls) cannot be read. Save it again as .xlsx or "CSV UTF-8".',
  }),
  notSpreadsheet: () => ({
    vi: 'Tệp không phải CSV hay Excel (.xlsx).',
    en: 'The file is neither CSV nor Excel (.xlsx).',
  }),
  // The library's own error text is never shown: it is English jargon and may echo file content.
  badXlsx: () => ({
    vi: 'Không đọc được tệp Excel. Hãy mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi thử lần nữa.',
    en: 'Cannot read the Excel file. Open it in Excel, save it again as .xlsx and retry.',
  }),
  xlsxTooBig: (mb: number) => ({
    vi: `Tệp Excel khi giải nén lớn hơn ${mb} MB. Hãy chia nhỏ danh sách hoặc lưu dưới dạng "CSV UTF-8".`,
    en: `The Excel file expands to more than ${mb} MB. Split the roster or save it as "CSV UTF-8".`,
  }),
  tooManyRows: (limit: number) => ({
    vi: `Bảng tính có hơn ${limit.toLocaleString('vi-VN')} dòng. Hãy chia danh sách thành nhiều tệp.`,
    en: `The sheet has more than ${limit.toLocaleString('en-US')} rows. Split the roster into several files.`,
  }),
  // Files are read in worker threads (server/offload): a few at a time, each with a bounded heap.
  fileBusy: () => ({
    vi: 'Máy chủ đang đọc nhiều tệp khác. Hãy thử lại sau ít phút; không có gì bị mất.',
    en: 'The server is reading several other files. Retry in a few minutes; nothing was lost.',
  }),
  fileTooHeavy: () => ({
    vi: 'Tệp quá nặng để đọc (quá nhiều ô hoặc định dạng). Hãy lưu lại dưới dạng "CSV UTF-8" hoặc chia nhỏ rồi thử lại.',
    en: 'The file is too heavy to read (too many cells or styles). Save it as "CSV UTF-8" or split it, then retry.',
  }),
  csvSyntax: (why: string) => ({ vi: `Dòng CSV hỏng: ${why}`, en: `Malformed CSV line: ${why}` }),
  formula: (cell: string) => ({
    vi: `Ô ${q(cell)} chứa công thức. Hãy dán giá trị (Paste Values) thay cho công thức.`,
    en: `Cell ${q(cell)} holds a formula. Paste the values instead of formulas.`,
  }),
  missingColumn: (field: ImportField) => ({
    vi: `Không tìm thấy cột "${FIELD_NAMES[field][0]}". Hãy chọn cột tương ứng.`,
    en: `No "${FIELD_NAMES[field][1]}" column found. Choose the matching column.`,
  }),
  unknownColumn: (header: string) => ({
    vi: `Tệp không có cột ${q(header)}.`, en: `The file has no column ${q(header)}.`,
  }),
  required: (field: ImportField) => ({
    vi: `Thiếu ${FIELD_NAMES[field][0].toLowerCase()}.`, en: `${FIELD_NAMES[field][1]} is empty.`,
  }),
  tooLong: (field: ImportField) => ({
    vi: `${FIELD_NAMES[field][0]} quá dài.`, en: `${FIELD_NAMES[field][1]} is too long.`,
  }),
  badPhone: (value: string) => ({
    vi: `Số điện thoại ${q(value)} không hợp lệ (cần 10 số, bắt đầu bằng 0).`,
    en: `Phone ${q(value)} is not valid (10 digits starting with 0).`,
  }),
  badIdNumber: (value: string) => ({
    vi: `Số CCCD/CMND ${q(value)} không hợp lệ (cần 12 hoặc 9 chữ số).`,
    en: `ID number ${q(value)} is not valid (12 or 9 digits).`,
  }),
  badBirthYear: (value: string) => ({
    vi: `Năm sinh ${q(value)} không đọc được (cần năm có 4 chữ số như 1995, hoặc ngày sinh như 15/08/1995).`,
    en: `Birth year ${q(value)} cannot be read (a 4-digit year such as 1995, or a date of birth such as 15/08/1995).`,
  }),
  birthDateNotADay: (value: string) => ({
    vi: `Ngày sinh ${q(value)} không có thật trên lịch (ngày/tháng/năm).`,
    en: `Date of birth ${q(value)} is not a day on the calendar (day/month/year).`,
  }),
  birthYearOutOfRange: (year: number, from: number, to: number) => ({
    vi: `Năm sinh ${year} không hợp lệ (cần từ ${from} đến ${to}).`,
    en: `Birth year ${year} is out of range (${from} to ${to}).`,
  }),
  unknownUnit: (value: string) => ({
    vi: `Đơn vị ${q(value)} không có trong sự kiện. Hãy thêm đơn vị trước hoặc sửa tên.`,
    en: `Unit ${q(value)} does not exist in this event. Add the unit first or fix the name.`,
  }),
  unknownCategory: (value: string, allowed: string) => ({
    vi: `Đối tượng ${q(value)} không có trong chỉ tiêu của đơn vị (có: ${allowed}).`,
    en: `Category ${q(value)} is not among the unit's quotas (${allowed}).`,
  }),
  categoryNeeded: (allowed: string) => ({
    vi: `Thiếu đối tượng: đơn vị có nhiều đối tượng (${allowed}).`,
    en: `Category is empty and the unit has several (${allowed}).`,
  }),
  duplicatePhoneInFile: (row: number) => ({
    vi: `Trùng số điện thoại với dòng ${row}.`, en: `Same phone as row ${row}.`,
  }),
  duplicateIdInFile: (row: number) => ({
    vi: `Trùng số CCCD với dòng ${row}.`, en: `Same ID number as row ${row}.`,
  }),
  duplicatePhoneInRoster: (no: number, name: string) => ({
    vi: `Số điện thoại đã có trong danh sách: mã số ${no} (${name}).`,
    en: `Phone already on the roster: code ${no} (${name}).`,
  }),
  duplicateIdInRoster: (no: number, name: string) => ({
    vi: `Số CCCD đã có trong danh sách: mã số ${no} (${name}).`,
    en: `ID number already on the roster: code ${no} (${name}).`,
  }),
  rosterChanged: () => ({
    vi: 'Danh sách vừa được người khác thay đổi. Hãy kiểm tra lại rồi nhập lần nữa.',
    en: 'The roster changed meanwhile. Check again and import once more.',
  }),
} as const satisfies Record<string, (...args: never[]) => { vi: string; en: string }>;

/** The code of a problem: one of the builders above. */
export type ProblemCode = keyof typeof PROBLEMS;

/** A problem record, optionally pinned to a row and a field. */
export function problem<C extends ProblemCode>(
  code: C, args: Parameters<(typeof PROBLEMS)[C]>, at: { row?: number; field?: ImportField } = {},
): ImportProblem {
  const text = (PROBLEMS[code] as (...a: Parameters<(typeof PROBLEMS)[C]>) => { vi: string; en: string })(...args);
  return { ...at, code, ...text };
}
