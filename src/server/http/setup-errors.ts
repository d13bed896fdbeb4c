// Failures of the set-up routes (event editing, codes, self-registration), in the same JSON
// shape and both languages as api-error.ts, kept here so set-up can grow without touching it.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorCode } from '../../shared/api-error.ts';
import type { ApiError } from '../../shared/sync.ts';

/** The set-up failures; `code` in the body is the key. */
export const SETUP_ERRORS = {
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
  slotInverted: {
    status: 400,
    vi: 'Khung giờ kết thúc không sau giờ bắt đầu. Hãy sửa lại giờ.',
    en: 'The slot ends no later than it starts. Fix the times.',
  },
  walkInNotFound: { status: 404, vi: 'Không tìm thấy người đăng ký tại chỗ này.', en: 'No such walk-in.' },
} as const satisfies Partial<Record<ApiErrorCode, { status: ContentfulStatusCode; vi: string; en: string }>>;
export type SetupErrorKind = keyof typeof SETUP_ERRORS;

/** Sends a set-up failure as the shared ApiError body. */
export function sendSetupError(c: Context, kind: SetupErrorKind, detail?: string): Response {
  const { status, vi, en } = SETUP_ERRORS[kind];
  const body: ApiError = { error: { vi, en: detail ? `${en} ${detail}` : en, code: kind } };
  return c.json(body, status);
}
