// Strings of the coordinator's set-up screens, kept in their lazy chunk so the desk shell
// does not carry them. Same shape as i18n.ts: [Vietnamese, English].
import { lang } from '../i18n.ts';

const STRINGS = {
  tabDevices: ['Thiết bị', 'Devices'],
  tabImport: ['Nhập danh sách', 'Import roster'],
  tabEvent: ['Sự kiện và đơn vị', 'Event and units'],
  tabCodes: ['Mã QR', 'QR codes'],
  importTitle: ['Nhập danh sách người tham gia', 'Import participants'],
  importHelp: [
    'Tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc Excel (.xlsx), tối đa 10 MB. Dòng đầu là tiêu đề cột. Chưa có gì được lưu cho đến khi bấm "Nhập"; nếu còn lỗi thì không dòng nào được nhập.',
    'A CSV file (UTF-8, comma or semicolon) or Excel (.xlsx), up to 10 MB. The first row holds the column titles. Nothing is stored until you press "Import"; while any problem remains, no row is imported.',
  ],
  importTarget: ['Tệp dành cho', 'The file is for'],
  wholeEvent: ['Nhiều đơn vị (tệp có cột "Đơn vị")', 'Several units (the file has a "Unit" column)'],
  chooseFile: ['Chọn tệp', 'Choose file'],
  columns: ['Cột trong tệp', 'Columns of the file'],
  notUsed: ['— không dùng —', '— not used —'],
  field_name: ['Họ và tên', 'Full name'],
  field_unit: ['Đơn vị', 'Unit'],
  field_category: ['Đối tượng', 'Category'],
  field_phone: ['Điện thoại', 'Phone'],
  field_idNumber: ['CCCD', 'ID number'],
  preview: ['Xem trước', 'Preview'],
  rows: ['dòng', 'rows'],
  row: ['Dòng', 'Row'],
  problems: ['Vấn đề cần sửa', 'Problems to fix'],
  moreProblems: ['vấn đề khác', 'more problems'],
  noProblems: ['Không có lỗi. Có thể nhập.', 'No problems. Ready to import.'],
  importNow: ['Nhập', 'Import'],
  people: ['người', 'people'],
  imported: ['Đã nhập', 'Imported'],
  codesFrom: ['mã số', 'code numbers'],
  desksWillUpdate: ['Các bàn sẽ tải danh sách mới ở lần đồng bộ tới.', 'Desks download the new roster at their next sync.'],
  fileTooLarge: ['Tệp lớn hơn 10 MB. Hãy chia nhỏ danh sách.', 'The file is larger than 10 MB. Split the roster.'],
  working: ['Đang đọc tệp…', 'Reading the file…'],
  reissueTitle: ['Cấp lại mã bị mất', 'Re-issue a lost code'],
  reissueHelp: [
    'Nhập mã số trên thẻ bị mất. Người đó nhận mã số mới; mã cũ sẽ báo "MÃ ĐÃ BỊ HUỶ" ở các bàn sau lần đồng bộ tới.',
    'Enter the number on the lost badge. The person gets a new number; the old code reads "CODE VOIDED" at the desks after their next sync.',
  ],
  codeNo: ['Mã số', 'Code number'],
  reissue: ['Cấp lại', 'Re-issue'],
  reissued: ['Đã cấp lại. Mã số mới:', 'Re-issued. New code number:'],
  printNew: ['In thẻ mới', 'Print the new badge'],
} as const satisfies Record<string, readonly [string, string]>;

/** A set-up string in the current language (reading `lang` re-renders on change). */
export function ts(key: keyof typeof STRINGS): string {
  return STRINGS[key][lang.value === 'vi' ? 0 : 1];
}
