// Every API failure has one JSON shape with a Vietnamese message for the screen and an
// English one for logs and developers, so clients never parse HTML error pages.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asApiErrorCode, type ApiErrorCode } from '../../shared/api-error.ts';
import { ApiError } from '../../shared/sync.ts';

/** The error body the PWA parses, defined once in src/shared. */
export { ApiError };

/**
 * Every failure the routes can report, keyed by its `code`: a closed list so each has exactly one
 * wording, and `as const` so the union of codes (ErrorKind) can be derived and shared with clients.
 */
export const ERRORS = {
  badEventId: { status: 400, vi: 'Mã sự kiện không hợp lệ.', en: 'Malformed event id.' },
  badUnitId: { status: 400, vi: 'Mã đơn vị không hợp lệ.', en: 'Malformed unit id.' },
  badCodeNo: { status: 400, vi: 'Mã số không hợp lệ.', en: 'Malformed code number.' },
  badJson: { status: 400, vi: 'Dữ liệu gửi lên không đọc được.', en: 'The request body is not valid JSON.' },
  badRequest: { status: 400, vi: 'Dữ liệu gửi lên không đúng mẫu.', en: 'The request body does not match the schema.' },
  badQuery: { status: 400, vi: 'Tham số truy vấn không hợp lệ.', en: 'Malformed query parameters.' },
  batchTooLarge: { status: 400, vi: 'Gửi quá nhiều lượt điểm danh một lần.', en: 'Too many facts in one batch.' },
  factWrongEvent: { status: 400, vi: 'Có lượt điểm danh không thuộc sự kiện này.', en: 'A fact belongs to another event.' },
  factTimeOutOfRange: {
    status: 400, vi: 'Có lượt điểm danh mang giờ lệch quá 2 ngày so với máy chủ: hãy chỉnh đồng hồ của máy.',
    en: "A fact's device time is more than 2 days from the server's clock: set the device's clock.",
  },
  unknownDesk: { status: 400, vi: 'Sự kiện không có bàn này.', en: 'The event has no such desk.' },
  weakPassword: { status: 400, vi: 'Mật khẩu cần ít nhất 8 ký tự.', en: 'The password needs at least 8 characters.' },
  unauthorized: { status: 401, vi: 'Cần đăng nhập hoặc ghép nối thiết bị.', en: 'Sign-in or a device token is required.' },
  revoked: {
    status: 401,
    vi: 'Thiết bị này đã bị thu hồi quyền. Hãy báo điều phối viên để ghép nối lại.',
    en: 'This device has been revoked. Ask the coordinator to pair it again.',
  },
  badShareLink: {
    status: 401,
    vi: 'Liên kết theo dõi không đúng hoặc đã bị thu hồi. Hãy xin ban tổ chức liên kết mới.',
    en: 'This progress link is wrong or was revoked. Ask the organisers for a new one.',
  },
  badLogin: { status: 401, vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  badPairingCode: {
    status: 401,
    vi: 'Mã ghép nối sai, đã dùng hoặc đã hết hạn. Hãy xin mã mới.',
    en: 'The pairing code is wrong, used or expired. Ask for a new one.',
  },
  badSetupToken: { status: 401, vi: 'Liên kết đặt mật khẩu đã dùng hoặc hết hạn.', en: 'The setup link was used or has expired.' },
  coordinatorOnly: { status: 403, vi: 'Chỉ điều phối viên được làm việc này.', en: 'Only a coordinator may do this.' },
  otherEvent: { status: 403, vi: 'Thiết bị này được ghép với sự kiện khác.', en: 'This device is paired with another event.' },
  factWrongDevice: { status: 403, vi: 'Có lượt điểm danh của thiết bị khác.', en: "A fact names another device than the token's." },
  eventNotFound: { status: 404, vi: 'Không tìm thấy sự kiện.', en: 'Event not found.' },
  unitNotFound: { status: 404, vi: 'Không tìm thấy đơn vị trong sự kiện này.', en: 'Unit not found in this event.' },
  participantNotFound: { status: 404, vi: 'Không có người mang mã số này.', en: 'No participant has this code number.' },
  shareNotFound: { status: 404, vi: 'Không tìm thấy liên kết theo dõi.', en: 'Share link not found.' },
  factNotFound: { status: 404, vi: 'Không tìm thấy lượt điểm danh này.', en: 'No such admission in this event.' },
  deviceNotFound: { status: 404, vi: 'Không tìm thấy thiết bị.', en: 'Device not found.' },
  routeNotFound: { status: 404, vi: 'Không tìm thấy địa chỉ này.', en: 'No such route.' },
  tooLarge: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
  rateLimited: { status: 429, vi: 'Gửi quá nhanh, thiết bị sẽ tự thử lại.', en: 'Too many requests; retry later.' },
  // Set-up: event editing, codes, self-registration and walk-ins.
  alreadyReissued: { status: 409, vi: 'Mã này đã được cấp lại rồi.', en: 'This code was already re-issued.' },
  unitHasCheckins: {
    status: 409,
    vi: 'Không xoá được đơn vị đã có người điểm danh: các lượt điểm danh sẽ mất đơn vị. Hãy đổi tên thay vì xoá.',
    en: 'A unit with check-ins cannot be deleted: its check-ins would lose their unit. Rename it instead.',
  },
  unitHasPeople: {
    status: 409,
    vi: 'Không xoá được đơn vị còn người trong danh sách. Hãy chuyển họ sang đơn vị khác trước.',
    en: 'A unit with people on the roster cannot be deleted. Move them to another unit first.',
  },
  deskInUse: {
    status: 409,
    vi: 'Không xoá được bàn đã có thiết bị ghép nối hoặc lượt điểm danh.',
    en: 'A desk with paired devices or check-ins cannot be deleted.',
  },
  duplicateId: { status: 400, vi: 'Hai mục có cùng mã.', en: 'Two entries share an id.' },
  duplicateUnitName: { status: 409, vi: 'Sự kiện đã có đơn vị cùng tên.', en: 'The event already has a unit of that name.' },
  duplicateCategory: { status: 400, vi: 'Một đối tượng được ghi hai lần trong chỉ tiêu.', en: 'A category appears twice in the quotas.' },
  badTimeZone: { status: 400, vi: 'Múi giờ không hợp lệ.', en: 'Unknown time zone.' },
  registrationClosed: { status: 403, vi: 'Đã hết thời gian đăng ký.', en: 'Registration is closed.' },
  registrationNotOpen: { status: 403, vi: 'Sự kiện này không nhận đăng ký trực tuyến.', en: 'This event does not take online registrations.' },
  unitFull: {
    status: 409,
    vi: 'Đơn vị này đã đủ số lượng đăng ký. Hãy liên hệ người phụ trách đơn vị.',
    en: "This unit's registration is full. Contact the unit's leader.",
  },
  phoneRegistered: {
    status: 409,
    vi: 'Số điện thoại này đã đăng ký cho sự kiện. Mỗi người chỉ đăng ký một lần.',
    en: 'This phone number is already registered for the event. One registration per person.',
  },
  tooManyRegistrations: {
    status: 429,
    vi: 'Đăng ký quá nhiều lần từ một địa chỉ. Vui lòng thử lại sau ít phút.',
    en: 'Too many registrations from one address. Try again in a few minutes.',
  },
  walkInNotFound: { status: 404, vi: 'Không tìm thấy người đăng ký tại chỗ này.', en: 'No such walk-in.' },
  slotInverted: {
    status: 400,
    vi: 'Khung giờ kết thúc không sau giờ bắt đầu. Hãy sửa lại giờ.',
    en: 'The slot ends no later than it starts. Fix the times.',
  },
  internal: { status: 500, vi: 'Máy chủ gặp lỗi, vui lòng thử lại.', en: 'Internal server error.' },

  // ---- issue 13 (armour-edge): request-origin, login-limit and bad-input failures ----
  crossSiteRequest: {
    status: 403,
    vi: 'Yêu cầu này đến từ một trang khác nên bị từ chối. Hãy mở lại trang điều phối rồi thử lại.',
    en: 'This request came from another site and was refused. Reopen the coordinator page and retry.',
  },
  notJson: { status: 415, vi: 'Dữ liệu gửi lên phải ở dạng JSON.', en: 'The request body must be JSON (Content-Type: application/json).' },
  badUploadType: { status: 415, vi: 'Kiểu tệp gửi lên không đúng.', en: 'Wrong content type for this upload.' },
  tooManyUnits: { status: 400, vi: 'Một sự kiện có tối đa 1.000 đơn vị.', en: 'An event has at most 1,000 units.' },
  loginBusy: { status: 429, vi: 'Máy chủ đang bận kiểm tra đăng nhập. Vui lòng thử lại sau 1 giây.', en: 'The server is busy checking sign-ins. Retry in a second.' },
} as const satisfies Partial<Record<ApiErrorCode, { status: ContentfulStatusCode; vi: string; en: string }>>;
export type ErrorKind = keyof typeof ERRORS;

/** Sends the JSON error for a known failure; `code` is the kind, so clients switch on it, not on words. */
/** The error body for a problem worded elsewhere (a roster import's, a file's): its code only when it is one of ours. */
export const problemBody = (p: { vi: string; en: string; code: string }): ApiError =>
  ({ error: { vi: p.vi, en: p.en, code: asApiErrorCode(p.code) } });

export function sendError(c: Context, kind: ErrorKind, detail?: string): Response {
  const { status, vi, en } = ERRORS[kind];
  const body: ApiError = { error: { vi, en: detail ? `${en} ${detail}` : en, code: kind } };
  return c.json(body, status);
}

/** Largest value a code's u32 fields can hold; ids beyond it could never appear in a code. */
const MAX_U32 = 0xffff_ffff;

/** Parses a path segment as a u32 id (decimal digits only); undefined for anything else. */
export function parseId(text: string | undefined, { allowZero = false } = {}): number | undefined {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  if (value > MAX_U32 || (!allowZero && value === 0)) return undefined;
  return value;
}
