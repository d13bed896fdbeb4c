// How report cells are written for Excel: dates on the event's wall clock, formula-looking
// text neutralised, one label table in both languages, and one CSV writer (papaparse) for all.
import Papa from 'papaparse';
import { isShowableInstant, UNSHOWABLE_CLOCK, zoneOffsetMs } from './event-time.ts';

/** Report language: Vietnamese by default, English on request (`?lang=en`). */
export type ReportLang = 'vi' | 'en';

/** A table ready to write: header row and data rows, every cell already text. */
export interface ReportTable {
  fields: string[];
  rows: string[][];
}

/**
 * Stops spreadsheet formula injection: a cell starting with = + - @ (or tab / CR) gets a leading '.
 * Every cell that comes from people (names, units, phones, desk names, scanned text) goes through it.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

// The zone's offset changes at most a few times a year and only on a quarter hour: caching it
// per quarter hour keeps 20,000 rows from calling Intl 20,000 times.
const QUARTER_HOUR = 15 * 60 * 1000;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffset(timeZone: string, instant: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) { zone = new Map(); offsetCache.set(timeZone, zone); }
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    if (zone.size > 50_000) zone.clear();
    offset = zoneOffsetMs(timeZone, instant);
    zone.set(bucket, offset);
  }
  return offset;
}

/** "0912 345 678": spaces keep Excel from reading the number and dropping its leading zero. */
export const phoneForExcel = (phone: string): string =>
  /^\d{10}$/.test(phone) ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : phone;

const two = (n: number): string => String(n).padStart(2, '0');

/** "dd/mm/yyyy HH:mm" of an instant on the event's wall clock, whatever zone the machine is in. */
export function formatDateTime(instant: number, timeZone: string): string {
  // Same width as a real time, so the printed report's slice(11) still shows the mark.
  if (!isShowableInstant(instant)) return `--/--/---- ${UNSHOWABLE_CLOCK}`;
  const local = new Date(instant + cachedOffset(timeZone, instant));
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** "dd/mm/yyyy" of the event's local date "yyyy-mm-dd". */
export function formatLocalDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * CSV text for Excel: UTF-8 BOM (so Excel reads Vietnamese), CRLF line ends, every field quoted.
 * `preamble` lines (already neutralised text) go before the header, e.g. "one desk's log".
 */
export function toCsv(table: ReportTable, preamble: string[] = []): string {
  const head = preamble.map((line) => Papa.unparse([[line]], { newline: '\r\n', quotes: true }) + '\r\n').join('');
  return '\uFEFF' + head + Papa.unparse({ fields: table.fields, data: table.rows }, { newline: '\r\n', quotes: true }) + '\r\n';
}

/** Every label the reports print, in Vietnamese and English; one table so both stay in step. */
export const LABELS = {
  no: ['Mã số', 'Code no.'],
  name: ['Họ và tên', 'Full name'],
  unit: ['Đơn vị', 'Unit'],
  group: ['Cụm / khối', 'Group'],
  category: ['Loại', 'Category'],
  phone: ['Điện thoại', 'Phone'],
  registered: ['Đã đăng ký', 'Registered'],
  registeredHow: ['Hình thức đăng ký', 'Registered how'],
  at: ['lúc', 'at'],
  desk: ['tại bàn', 'desk'],
  deskName: ['Bàn', 'Desk'],
  punctuality: ['Đúng giờ / muộn', 'On time / late'],
  walkIn: ['Đăng ký tại chỗ', 'Walk-in'],
  duplicates: ['Số lần quét trùng', 'Duplicate scans'],
  yes: ['Có', 'Yes'],
  no_: ['Không', 'No'],
  viaRoster: ['Danh sách', 'Roster'],
  viaWalkIn: ['Tại chỗ', 'Walk-in'],
  viaUnrostered: ['Ngoài danh sách (mã hợp lệ)', 'Not on roster (valid code)'],
  onTime: ['Đúng giờ', 'On time'],
  early: ['Sớm', 'Early'],
  late: ['Muộn', 'Late'],
  slot: ['Khung giờ', 'Time slot'],
  quota: ['Chỉ tiêu', 'Quota'],
  fulfilled: ['Tỉ lệ đạt (%)', 'Fulfilled (%)'],
  walkIns: ['Số đăng ký tại chỗ', 'Walk-ins'],
  unknownUnit: ['Chưa rõ đơn vị', 'Unit not known'],
  total: ['Tổng cộng', 'Total'],
  time: ['Thời gian', 'Time'],
  deviceTime: ['Giờ trên máy', 'Device clock'],
  device: ['Thiết bị', 'Device'],
  checkpoint: ['Điểm kiểm tra', 'Checkpoint'],
  result: ['Kết quả', 'Result'],
  reason: ['Lý do', 'Reason'],
  method: ['Cách ghi', 'Method'],
  factId: ['Mã lượt ghi', 'Record id'],
  scannedText: ['Nội dung quét', 'Scanned text'],
  checkpoint_registered: ['Đăng ký', 'Registered'],
  checkpoint_arrived: ['Có mặt', 'Arrived'],
  checkpoint_donated: ['Đã hiến máu', 'Donated'],
  checkpoint_finished: ['Về đích', 'Finished'],
  method_scan: ['Quét mã', 'Scan'],
  method_lookup: ['Tìm theo tên', 'Name lookup'],
  'method_walk-in': ['Đăng ký tại chỗ', 'Walk-in'],
  method_undo: ['Huỷ', 'Undo'],
  result_admitted: ['Hợp lệ', 'Admitted'],
  result_duplicate: ['Trùng (đã điểm danh ở máy khác)', 'Duplicate (admitted on another device)'],
  result_unrostered: ['Hợp lệ, ngoài danh sách', 'Admitted, not on roster'],
  result_undone: ['Hợp lệ, sau đó bị huỷ', 'Admitted, later undone'],
  result_void: ['Huỷ lượt điểm danh', 'Undo of an admission'],
  result_already: ['Từ chối: đã điểm danh', 'Refused: already checked in'],
  result_voided: ['Từ chối: mã đã bị huỷ', 'Refused: code voided'],
  result_forged: ['Từ chối: mã giả', 'Refused: forged code'],
  'result_wrong-event': ['Từ chối: mã của sự kiện khác', 'Refused: code of another event'],
  'result_not-a-code': ['Từ chối: không phải mã điểm danh', 'Refused: not a check-in code'],
  result_quarantined: ['Máy chủ từ chối (giữ lại trên máy)', 'Refused by the server (kept on the device)'],
  reason_duplicate: ['Người này đã được tính ở lượt trước', 'This person already counts from an earlier admission'],
  reason_unrostered: ['Chữ ký đúng nhưng không có trong danh sách: cần kiểm tra', 'Valid signature but not on the roster: review'],
  reason_undone: ['Bị huỷ bởi lượt', 'Undone by record'],
  reason_void: ['Huỷ lượt', 'Undoes record'],
  reason_already: ['Quét lại người đã điểm danh tại máy này', 'Scanned again on this device'],
  reason_voided: ['Mã đã được cấp lại', 'The code was re-issued'],
  reason_forged: ['Chữ ký sai: mã bị sửa hoặc làm giả', 'Bad signature: altered or fake code'],
  'reason_wrong-event': ['Mã thuộc sự kiện số', 'Code belongs to event no.'],
  'reason_not-a-code': ['Nội dung không phải mã điểm danh', 'Text is not a check-in code'],
} as const satisfies Record<string, readonly [string, string]>;

/** A report label's key. */
export type LabelKey = keyof typeof LABELS;

/** The label in the report's language. */
export const label = (key: LabelKey, lang: ReportLang): string => LABELS[key][lang === 'vi' ? 0 : 1];

/** `?lang=en` → English, anything else → Vietnamese. */
export const reportLang = (query: string | undefined): ReportLang => (query === 'en' ? 'en' : 'vi');
