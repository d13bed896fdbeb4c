// Interface strings: Vietnamese by default, English on request. The one mechanism every screen
// uses: `defineStrings` turns a table of { vi, en } pairs into a typed lookup, so a missing key
// fails to compile and both languages of a text sit on one line. Screens loaded lazily keep their
// own tables in their own chunks; this file holds the shell's.
import { signal } from '@preact/signals';
import type { Checkpoint } from '../shared/schemas.ts';

export type Lang = 'vi' | 'en';
/** The interface language; persisted by the app shell. */
export const lang = signal<Lang>('vi');

/** A text in both languages: a table entry, a server's error, a message kept to show later. */
export type Bilingual = { readonly vi: string; readonly en: string };

/** The text in the current language; reading `lang` makes components re-render on change. */
export function say(text: Bilingual): string {
  return lang.value === 'vi' ? text.vi : text.en;
}

/** Anything thrown, in the current language: an HttpFailure (or any { vi, en }) as itself, the rest as text. */
export function sayError(error: unknown): string {
  return isBilingual(error) ? say(error) : String(error);
}

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null
    && typeof (value as Bilingual).vi === 'string' && typeof (value as Bilingual).en === 'string';
}

/** Switches Vietnamese ⇄ English (the app shell persists the choice). */
export function toggleLang(): void {
  lang.value = lang.value === 'vi' ? 'en' : 'vi';
}

/** A screen's typed lookup: `s(key)` in the current language, `{n}` filled from `n`; `s.both(key)` keeps both. */
export type Lookup<K extends string> = ((key: K, n?: number | string) => string) & { both: (key: K) => Bilingual };

/** Makes the lookup for one table; keys are checked at compile time against the table. */
export function defineStrings<K extends string>(table: Readonly<Record<K, Bilingual>>): Lookup<K> {
  const lookup = (key: K, n?: number | string): string => {
    const text = say(table[key]);
    return n === undefined ? text : text.replace('{n}', String(n));
  };
  return Object.assign(lookup, { both: (key: K): Bilingual => table[key] });
}

/** A checkpoint's name as the committee says it. */
export const checkpointName = defineStrings<Checkpoint>({
  registered: { vi: 'Đăng ký', en: 'Registered' },
  arrived: { vi: 'Có mặt', en: 'Arrived' },
  donated: { vi: 'Đã hiến máu', en: 'Donated' },
  finished: { vi: 'Về đích', en: 'Finished' },
});

/** The app shell's strings (desk, pairing, coordinator sign-in). */
/** The desk shell's own strings, as a table the lazily loaded screens extend (screen-strings.ts). */
export const SHELL_STRINGS = {
  // Scanner input (issue 12): camera decoder, keyboard-wedge scanners, CCCD cards. Kept together to move as one.
  zoom: { vi: 'Phóng to', en: 'Zoom' },
  decoderFallback: { vi: 'Bộ đọc mã nhanh không tải được: đang dùng bộ đọc cũ, chậm hơn. Tải lại trang khi có mạng.', en: 'The fast decoder did not load: using the older, slower one. Reload the page when online.' },
  wedgeImeMangled: { vi: 'Tắt bộ gõ tiếng Việt trên máy quét', en: 'Turn off the Vietnamese input method on the scanner' },
  wedgeImeUndone: { vi: 'Máy quét đang bật bộ gõ tiếng Việt (Telex/VNI). Mã đã được sửa lại; hãy tắt bộ gõ.', en: 'The scanner types through a Vietnamese input method (Telex/VNI). The code was repaired; turn the input method off.' },
  wedgeTest: { vi: 'Thử máy quét', en: 'Test the scanner' },
  changeDesk: { vi: 'Đổi bàn', en: 'Change desk' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  offline: { vi: 'Ngoại tuyến — vẫn quét bình thường', en: 'Offline — scanning still works' },
  waiting: { vi: 'chờ gửi', en: 'to send' },
  ready: { vi: 'Sẵn sàng quét', en: 'Ready to scan' },
  startingCamera: { vi: 'Đang mở camera…', en: 'Starting the camera…' },
  cameraDenied: { vi: 'Không được phép dùng camera. Hãy cho phép camera trong cài đặt trình duyệt. Vẫn có thể tìm theo tên bên dưới.', en: 'Camera permission denied. Allow the camera in the browser settings. Name lookup below still works.' },
  cameraMissing: { vi: 'Không tìm thấy camera. Vẫn có thể tìm theo tên bên dưới.', en: 'No camera found. Name lookup below still works.' },
  cameraInUse: { vi: 'Camera đang được ứng dụng khác dùng. Đóng ứng dụng đó rồi thử lại.', en: 'The camera is used by another app. Close it and try again.' },
  cameraOther: { vi: 'Không mở được camera. Vẫn có thể tìm theo tên bên dưới.', en: 'Could not start the camera. Name lookup below still works.' },
  retryCamera: { vi: 'Thử lại camera', en: 'Retry camera' },
  camera: { vi: 'Camera', en: 'Camera' },
  torch: { vi: 'Đèn', en: 'Torch' },
  admitted: { vi: 'HỢP LỆ', en: 'ADMITTED' },
  already: { vi: 'ĐÃ ĐIỂM DANH', en: 'ALREADY CHECKED IN' },
  unknown: { vi: 'CHƯA CÓ TRONG DANH SÁCH', en: 'NOT IN ROSTER' },
  'wrong-event': { vi: 'MÃ CỦA SỰ KIỆN KHÁC', en: 'CODE OF ANOTHER EVENT' },
  forged: { vi: 'MÃ GIẢ — CHỮ KÝ SAI', en: 'FORGED — BAD SIGNATURE' },
  'not-a-code': { vi: 'KHÔNG PHẢI MÃ ĐIỂM DANH', en: 'NOT A CHECK-IN CODE' },
  voided: { vi: 'MÃ ĐÃ BỊ HUỶ', en: 'CODE VOIDED' },
  unknownHint: { vi: 'Chữ ký đúng: đã cho vào, đánh dấu để kiểm tra lại.', en: 'Signature is valid: admitted and flagged for review.' },
  wrongEventHint: { vi: 'Mã này thuộc sự kiện khác. Không cho điểm danh.', en: 'This code belongs to another event. Not admitted.' },
  forgedHint: { vi: 'Mã đã bị sửa hoặc làm giả. Không cho điểm danh.', en: 'The code was altered or faked. Not admitted.' },
  notACodeHint: { vi: 'Hãy quét mã QR điểm danh của người tham gia.', en: "Scan the participant's check-in QR code." },
  voidedHint: { vi: 'Mã này đã được cấp lại. Hãy dùng mã mới.', en: 'This code was re-issued. Use the new one.' },
  firstScanned: { vi: 'Quét lần đầu lúc', en: 'First scanned at' },
  atDesk: { vi: 'tại', en: 'at' },
  onTime: { vi: 'Đúng giờ', en: 'On time' },
  late: { vi: 'Muộn', en: 'Late' },
  early: { vi: 'Sớm', en: 'Early' },
  walkInTag: { vi: 'Khách vãng lai', en: 'Walk-in' },
  undo: { vi: 'Huỷ', en: 'Undo' },
  undoConfirm: { vi: 'Huỷ điểm danh của {n}?', en: 'Undo the check-in of {n}?' },
  undone: { vi: 'Đã huỷ', en: 'Undone' },
  recent: { vi: '20 lượt gần nhất', en: 'Last 20 scans' },
  lookup: { vi: 'Tìm theo tên hoặc số điện thoại', en: 'Find by name or phone' },
  lookupPlaceholder: { vi: 'vd. nguyen van an, 0912…', en: 'e.g. nguyen van an, 0912…' },
  noMatch: { vi: 'Không tìm thấy ai', en: 'Nobody found' },
  admit: { vi: 'Cho vào', en: 'Admit' },
  walkIn: { vi: 'Đăng ký tại chỗ', en: 'Walk-in' },
  tallyDesk: { vi: 'Bàn này', en: 'This desk' },
  tallyDevice: { vi: 'Thiết bị này', en: 'This device' },
  updateReady: { vi: 'Có phiên bản mới. Cập nhật khi rảnh tay.', en: 'A new version is ready. Update when idle.' },
  updateNow: { vi: 'Cập nhật', en: 'Update' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  deskData: { vi: 'Dữ liệu', en: 'Data' },
  desk: { vi: 'Bàn', en: 'Desk' },
  synced: { vi: 'Đã đồng bộ', en: 'Synced' },
  liveTally: { vi: 'Bảng theo dõi chỉ tiêu', en: 'Live tally' },
  syncing: { vi: 'Đang đồng bộ…', en: 'Syncing…' },
  syncOffline: { vi: 'Ngoại tuyến', en: 'Offline' },
  syncFailed: { vi: 'Chưa gửi được', en: 'Not sent yet' },
  lastSynced: { vi: 'lần cuối', en: 'last' },
  notPaired: { vi: 'Chưa ghép nối — chỉ lưu trên máy', en: 'Not paired — stored on this device only' },
  revoked: { vi: 'Thiết bị đã bị thu hồi quyền. Dữ liệu vẫn trên máy; hãy báo điều phối viên.', en: 'This device was revoked. Data stays on it; tell the coordinator.' },
} as const satisfies Record<string, Bilingual>;

/** The app shell's strings (the desk while it scans). */
export const t = defineStrings(SHELL_STRINGS);

/** A key of the shell's table, for maps from a state to its text. */
export type StringKey = Parameters<typeof t>[0];
