// Every API failure has one JSON shape with a Vietnamese message for the screen and an
// English one for logs and developers, so clients never parse HTML error pages.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';

/** The error body the PWA parses (server-only for now; a candidate for src/shared). */
export const ApiError = z.object({ error: z.object({ vi: z.string(), en: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;

/** The failures the routes can report; a closed list so each has exactly one wording. */
export const ERRORS = {
  badEventId: { status: 400, vi: 'Mã sự kiện không hợp lệ.', en: 'Malformed event id.' },
  badUnitId: { status: 400, vi: 'Mã đơn vị không hợp lệ.', en: 'Malformed unit id.' },
  badCodeNo: { status: 400, vi: 'Mã số không hợp lệ.', en: 'Malformed code number.' },
  eventNotFound: { status: 404, vi: 'Không tìm thấy sự kiện.', en: 'Event not found.' },
  unitNotFound: { status: 404, vi: 'Không tìm thấy đơn vị trong sự kiện này.', en: 'Unit not found in this event.' },
  participantNotFound: { status: 404, vi: 'Không có người mang mã số này.', en: 'No participant has this code number.' },
  routeNotFound: { status: 404, vi: 'Không tìm thấy địa chỉ này.', en: 'No such route.' },
  internal: { status: 500, vi: 'Máy chủ gặp lỗi, vui lòng thử lại.', en: 'Internal server error.' },
} as const satisfies Record<string, { status: ContentfulStatusCode; vi: string; en: string }>;
export type ErrorKind = keyof typeof ERRORS;

/** Sends the JSON error for a known failure. */
export function sendError(c: Context, kind: ErrorKind): Response {
  const { status, vi, en } = ERRORS[kind];
  return c.json({ error: { vi, en } } satisfies ApiError, status);
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
