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
export const t = defineStrings({
  appName: { vi: 'Điểm danh', en: 'Điểm danh' },
  // Scanner input (issue 12): camera decoder, keyboard-wedge scanners, CCCD cards. Kept together to move as one.
  zoom: { vi: 'Phóng to', en: 'Zoom' },
  decoderFallback: { vi: 'Bộ đọc mã nhanh không tải được: đang dùng bộ đọc cũ, chậm hơn. Tải lại trang khi có mạng.', en: 'The fast decoder did not load: using the older, slower one. Reload the page when online.' },
  wedgeImeMangled: { vi: 'Tắt bộ gõ tiếng Việt trên máy quét', en: 'Turn off the Vietnamese input method on the scanner' },
  wedgeImeUndone: { vi: 'Máy quét đang bật bộ gõ tiếng Việt (Telex/VNI). Mã đã được sửa lại; hãy tắt bộ gõ.', en: 'The scanner types through a Vietnamese input method (Telex/VNI). The code was repaired; turn the input method off.' },
  wedgeTest: { vi: 'Thử máy quét', en: 'Test the scanner' },
  wedgeTestHelp: { vi: 'Quét một mã bằng máy quét: từng ký tự nhận được hiện bên dưới.', en: 'Scan a code with the scanner: every character that arrives is shown below.' },
  wedgeTestEmpty: { vi: 'Chưa nhận được gì.', en: 'Nothing received yet.' },
  cccdTitle: { vi: 'Thẻ căn cước (CCCD) — không phải mã điểm danh', en: 'Citizen ID card (CCCD) — not a check-in code' },
  cccdPrivacy: { vi: 'Chỉ đọc họ tên, năm sinh, giới tính. Số CCCD, địa chỉ và ngày cấp không được lưu trên thiết bị (Nghị định 13/2023/NĐ-CP).', en: 'Only name, birth year and gender are read. The ID number, address and issue date are never stored on this device (Decree 13/2023).' },
  cccdCandidates: { vi: 'Người trong danh sách cùng họ tên: chạm để cho vào', en: 'People on the roster with this name: tap to admit' },
  cccdNoMatch: { vi: 'Không có ai trong danh sách cùng họ tên.', en: 'Nobody on the roster has this name.' },
  cccdWalkIn: { vi: 'Đăng ký tại chỗ với thông tin này', en: 'Register as walk-in with these details' },
  cccdMalformed: { vi: 'Mã trên thẻ căn cước bị lỗi, không ghi gì. Hãy tìm theo tên hoặc đăng ký tại chỗ.', en: 'The ID card code is damaged; nothing was written. Find by name or register a walk-in.' },
  cccdField_name: { vi: 'họ tên', en: 'name' },
  'cccdField_birth-date': { vi: 'ngày sinh', en: 'date of birth' },
  cccdField_gender: { vi: 'giới tính', en: 'gender' },
  birthYear: { vi: 'Năm sinh', en: 'Birth year' },
  gender_male: { vi: 'Nam', en: 'Male' },
  gender_female: { vi: 'Nữ', en: 'Female' },
  chooseEvent: { vi: 'Chọn sự kiện', en: 'Choose the event' },
  chooseDesk: { vi: 'Chọn bàn và điểm kiểm tra', en: 'Choose desk and checkpoint' },
  noEvents: { vi: 'Chưa có sự kiện nào trên thiết bị. Hãy kết nối mạng để tải về.', en: 'No event on this device yet. Connect to the network to download one.' },
  downloading: { vi: 'Đang tải dữ liệu sự kiện…', en: 'Downloading the event…' },
  downloadFailed: { vi: 'Không tải được dữ liệu sự kiện. Kiểm tra mạng rồi thử lại.', en: 'Could not download the event. Check the network and try again.' },
  pastEvents: { vi: 'Sự kiện đã qua', en: 'Past events' },
  storedOnDevice: { vi: 'Đã lưu trên thiết bị', en: 'Stored on this device' },
  participants: { vi: 'người', en: 'people' },
  startDesk: { vi: 'Bắt đầu quét', en: 'Start scanning' },
  changeDesk: { vi: 'Đổi bàn', en: 'Change desk' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  offline: { vi: 'Ngoại tuyến — vẫn quét bình thường', en: 'Offline — scanning still works' },
  persisted: { vi: 'Dữ liệu được giữ bền vững', en: 'Storage is persistent' },
  notPersisted: { vi: 'Trình duyệt có thể xoá dữ liệu khi thiếu chỗ.', en: 'The browser may evict data when short of space.' },
  persistHint: {
    vi: 'Để giữ dữ liệu chắc chắn: cài ứng dụng lên màn hình chính (menu trình duyệt → "Thêm vào màn hình chính" / "Cài đặt ứng dụng"), rồi mở lại từ biểu tượng đó.',
    en: 'To keep data safe: install the app to the home screen (browser menu → "Add to Home screen" / "Install app"), then open it from that icon.',
  },
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
  name: { vi: 'Họ và tên', en: 'Full name' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  category: { vi: 'Loại', en: 'Category' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  save: { vi: 'Lưu và cho vào', en: 'Save and admit' },
  cancel: { vi: 'Đóng', en: 'Close' },
  tallyDesk: { vi: 'Bàn này', en: 'This desk' },
  tallyDevice: { vi: 'Thiết bị này', en: 'This device' },
  updateReady: { vi: 'Có phiên bản mới. Cập nhật khi rảnh tay.', en: 'A new version is ready. Update when idle.' },
  updateNow: { vi: 'Cập nhật', en: 'Update' },
  printCodes: { vi: 'In thẻ (mã QR) theo đơn vị', en: 'Print badges (QR codes) by unit' },
  reports: { vi: 'Báo cáo kết quả / nhập tệp từ bàn', en: 'Reports / import desk files' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  deskData: { vi: 'Dữ liệu', en: 'Data' },
  desk: { vi: 'Bàn', en: 'Desk' },
  badPhone: { vi: 'Số điện thoại không hợp lệ (cần 10 số, bắt đầu bằng 0).', en: 'Not a valid phone (10 digits starting with 0).' },
  nameRequired: { vi: 'Hãy nhập họ và tên.', en: 'Enter the full name.' },
  pairing: { vi: 'Ghép nối với máy chủ', en: 'Pair with the server' },
  pairCode: { vi: 'Mã ghép nối', en: 'Pairing code' },
  deviceName: { vi: 'Tên thiết bị', en: 'Device name' },
  deviceNameHint: { vi: 'vd. Máy tính bảng 3', en: 'e.g. Tablet 3' },
  pairingHelp: { vi: 'Quét mã ghép nối trên màn hình điều phối, hoặc gõ mã (8 ký tự, dùng một lần). Thiết bị đã ghép nối với sự kiện này thì để trống.', en: "Scan the pairing code on the coordinator's screen, or type it (8 characters, one use). A device already paired for this event leaves it empty." },
  synced: { vi: 'Đã đồng bộ', en: 'Synced' },
  needPairing: { vi: 'Thiết bị chưa được ghép nối: hãy nhập mã ghép nối do điều phối viên cung cấp.', en: 'This device is not paired: enter the pairing code from the coordinator.' },
  pairWrongEvent: { vi: 'Mã ghép nối này được tạo cho một sự kiện khác. Hãy nhờ điều phối viên chọn đúng sự kiện rồi tạo mã mới.', en: 'This pairing code was made for another event. Ask the coordinator to pick the right event and make a new code.' },
  choosePassword: { vi: 'Đặt mật khẩu điều phối viên', en: "Set the coordinator's password" },
  passwordAgain: { vi: 'Nhập lại mật khẩu', en: 'Password again' },
  passwordsDiffer: { vi: 'Hai mật khẩu không giống nhau.', en: 'The two passwords differ.' },
  setupLinkBroken: { vi: 'Đường dẫn thiếu mã. Hãy mở đúng đường dẫn in trên máy chủ, hoặc chạy npm run set-password.', en: 'The link has no token. Open the link the server printed, or run npm run set-password.' },
  coordinator: { vi: 'Điều phối sự kiện', en: 'Event coordination' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  pairDesk: { vi: 'Ghép nối một bàn', en: 'Pair a desk' },
  installApp: { vi: 'Cài ứng dụng lên máy này', en: 'Install the app on this device' },
  installHintIos: {
    vi: 'Trên iPad/iPhone: bấm nút Chia sẻ của Safari, rồi “Thêm vào MH chính”, để mở ứng dụng như một ứng dụng riêng và giữ dữ liệu.',
    en: 'On iPad/iPhone: tap Safari’s Share button, then “Add to Home Screen”, to open it as its own app and keep its data.',
  },
  venueTitle: { vi: 'Máy tính bảng mới', en: 'New tablets' },
  venueHelp: {
    vi: 'Quét mã này trên mỗi máy tính bảng mới: trang hướng dẫn cho máy tin cậy máy chủ tại điểm tổ chức một lần, rồi mở ứng dụng.',
    en: 'Scan this on each new tablet: the guide has it trust this venue server once, then opens the app.',
  },
  pairDeskHelp: { vi: 'Trên máy tính bảng: quét mã này bằng camera, hoặc mở ứng dụng và gõ mã. Mã dùng một lần, hết hạn sau 10 phút.', en: 'On the tablet: scan this code with the camera, or open the app and type the code. One use, expires in 10 minutes.' },
  newPairing: { vi: 'Tạo mã ghép nối', en: 'New pairing code' },
  expiresIn: { vi: 'Hết hạn sau', en: 'Expires in' },
  pairingExpired: { vi: 'Mã đã hết hạn. Hãy tạo mã mới.', en: 'The code has expired. Make a new one.' },
  devices: { vi: 'Thiết bị', en: 'Devices' },
  liveTally: { vi: 'Bảng theo dõi chỉ tiêu', en: 'Live tally' },
  lastSeen: { vi: 'Lần cuối', en: 'Last seen' },
  version: { vi: 'Phiên bản', en: 'Version' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revokedTag: { vi: 'Đã thu hồi', en: 'Revoked' },
  syncing: { vi: 'Đang đồng bộ…', en: 'Syncing…' },
  syncOffline: { vi: 'Ngoại tuyến', en: 'Offline' },
  syncFailed: { vi: 'Chưa gửi được', en: 'Not sent yet' },
  lastSynced: { vi: 'lần cuối', en: 'last' },
  notPaired: { vi: 'Chưa ghép nối — chỉ lưu trên máy', en: 'Not paired — stored on this device only' },
  revoked: { vi: 'Thiết bị đã bị thu hồi quyền. Dữ liệu vẫn trên máy; hãy báo điều phối viên.', en: 'This device was revoked. Data stays on it; tell the coordinator.' },
});

/** A key of the shell's table, for maps from a state to its text. */
export type StringKey = Parameters<typeof t>[0];
