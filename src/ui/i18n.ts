// Interface strings: Vietnamese by default, English on request. One table, both languages.
import { signal } from '@preact/signals';

export type Lang = 'vi' | 'en';
/** The interface language; persisted by the app shell. */
export const lang = signal<Lang>('vi');

const STRINGS = {
  appName: ['Điểm danh', 'Điểm danh'],
  chooseEvent: ['Chọn sự kiện', 'Choose the event'],
  chooseDesk: ['Chọn bàn và điểm kiểm tra', 'Choose desk and checkpoint'],
  noEvents: ['Chưa có sự kiện nào trên thiết bị. Hãy kết nối mạng để tải về.', 'No event on this device yet. Connect to the network to download one.'],
  downloading: ['Đang tải dữ liệu sự kiện…', 'Downloading the event…'],
  downloadFailed: ['Không tải được dữ liệu sự kiện. Kiểm tra mạng rồi thử lại.', 'Could not download the event. Check the network and try again.'],
  storedOnDevice: ['Đã lưu trên thiết bị', 'Stored on this device'],
  participants: ['người', 'people'],
  startDesk: ['Bắt đầu quét', 'Start scanning'],
  changeDesk: ['Đổi bàn', 'Change desk'],
  online: ['Trực tuyến', 'Online'],
  offline: ['Ngoại tuyến — vẫn quét bình thường', 'Offline — scanning still works'],
  persisted: ['Dữ liệu được giữ bền vững', 'Storage is persistent'],
  notPersisted: ['Trình duyệt có thể xoá dữ liệu khi thiếu chỗ', 'The browser may evict data when short of space'],
  waiting: ['chờ gửi', 'to send'],
  ready: ['Sẵn sàng quét', 'Ready to scan'],
  startingCamera: ['Đang mở camera…', 'Starting the camera…'],
  cameraDenied: ['Không được phép dùng camera. Hãy cho phép camera trong cài đặt trình duyệt. Vẫn có thể tìm theo tên bên dưới.', 'Camera permission denied. Allow the camera in the browser settings. Name lookup below still works.'],
  cameraMissing: ['Không tìm thấy camera. Vẫn có thể tìm theo tên bên dưới.', 'No camera found. Name lookup below still works.'],
  cameraInUse: ['Camera đang được ứng dụng khác dùng. Đóng ứng dụng đó rồi thử lại.', 'The camera is used by another app. Close it and try again.'],
  cameraOther: ['Không mở được camera. Vẫn có thể tìm theo tên bên dưới.', 'Could not start the camera. Name lookup below still works.'],
  retryCamera: ['Thử lại camera', 'Retry camera'],
  camera: ['Camera', 'Camera'],
  torch: ['Đèn', 'Torch'],
  admitted: ['HỢP LỆ', 'ADMITTED'],
  already: ['ĐÃ ĐIỂM DANH', 'ALREADY CHECKED IN'],
  unknown: ['CHƯA CÓ TRONG DANH SÁCH', 'NOT IN ROSTER'],
  'wrong-event': ['MÃ CỦA SỰ KIỆN KHÁC', 'CODE OF ANOTHER EVENT'],
  forged: ['MÃ GIẢ — CHỮ KÝ SAI', 'FORGED — BAD SIGNATURE'],
  'not-a-code': ['KHÔNG PHẢI MÃ ĐIỂM DANH', 'NOT A CHECK-IN CODE'],
  voided: ['MÃ ĐÃ BỊ HUỶ', 'CODE VOIDED'],
  unknownHint: ['Chữ ký đúng: đã cho vào, đánh dấu để kiểm tra lại.', 'Signature is valid: admitted and flagged for review.'],
  wrongEventHint: ['Mã này thuộc sự kiện khác. Không cho điểm danh.', 'This code belongs to another event. Not admitted.'],
  forgedHint: ['Mã đã bị sửa hoặc làm giả. Không cho điểm danh.', 'The code was altered or faked. Not admitted.'],
  notACodeHint: ['Hãy quét mã QR điểm danh của người tham gia.', "Scan the participant's check-in QR code."],
  voidedHint: ['Mã này đã được cấp lại. Hãy dùng mã mới.', 'This code was re-issued. Use the new one.'],
  firstScanned: ['Quét lần đầu lúc', 'First scanned at'],
  atDesk: ['tại', 'at'],
  onTime: ['Đúng giờ', 'On time'],
  late: ['Muộn', 'Late'],
  early: ['Sớm', 'Early'],
  walkInTag: ['Khách vãng lai', 'Walk-in'],
  undo: ['Huỷ', 'Undo'],
  undone: ['Đã huỷ', 'Undone'],
  recent: ['20 lượt gần nhất', 'Last 20 scans'],
  lookup: ['Tìm theo tên hoặc số điện thoại', 'Find by name or phone'],
  lookupPlaceholder: ['vd. nguyen van an, 0912…', 'e.g. nguyen van an, 0912…'],
  noMatch: ['Không tìm thấy ai', 'Nobody found'],
  admit: ['Cho vào', 'Admit'],
  walkIn: ['Đăng ký tại chỗ', 'Walk-in'],
  name: ['Họ và tên', 'Full name'],
  unit: ['Đơn vị', 'Unit'],
  category: ['Loại', 'Category'],
  phone: ['Điện thoại', 'Phone'],
  save: ['Lưu và cho vào', 'Save and admit'],
  cancel: ['Đóng', 'Close'],
  tallyDesk: ['Bàn này', 'This desk'],
  tallyDevice: ['Thiết bị này', 'This device'],
  updateReady: ['Có phiên bản mới. Cập nhật khi rảnh tay.', 'A new version is ready. Update when idle.'],
  updateNow: ['Cập nhật', 'Update'],
  printCodes: ['In thẻ / mã QR', 'Print badges / QR codes'],
  checkpoint_registered: ['Đăng ký', 'Registered'],
  checkpoint_arrived: ['Có mặt', 'Arrived'],
  checkpoint_donated: ['Đã hiến máu', 'Donated'],
  checkpoint_finished: ['Về đích', 'Finished'],
  language: ['English', 'Tiếng Việt'],
  desk: ['Bàn', 'Desk'],
  nameRequired: ['Hãy nhập họ và tên.', 'Enter the full name.'],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof STRINGS;

/** The string in the current language; reading `lang` makes components re-render on change. */
export function t(key: StringKey): string {
  return STRINGS[key][lang.value === 'vi' ? 0 : 1];
}
