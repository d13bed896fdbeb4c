// Every request the app makes goes through here: one place that turns the server's answer,
// or its absence, into a parsed body or an HttpFailure carrying a message in both languages.
import * as z from 'zod/mini';
import type { ApiErrorCode } from '../shared/api-error.ts';
import { ApiError } from '../shared/sync.ts';

/** Why a request failed: the server's code, or one of the two this side finds itself. */
export type FailureCode = ApiErrorCode | 'offline' | 'invalid';

/** A request that did not give a usable answer. `status` is 0 when the network was not there. */
export class HttpFailure extends Error {
  constructor(readonly status: number, readonly code: FailureCode | undefined, readonly vi: string, readonly en: string) {
    super(`HTTP ${status}: ${en}`);
    this.name = 'HttpFailure';
  }
}

export interface RequestOptions extends RequestInit {
  /** A desk token, sent as a Bearer header. */
  token?: string;
  /** Another fetch (tests run the server in-process). */
  fetch?: typeof fetch;
}

/** Sends a request and parses the JSON answer with `schema`; timing is returned for clock offsets. */
export async function requestJson<T>(url: string, schema: z.ZodMiniType<T>, options: RequestOptions = {}): Promise<{ body: T; sentAt: number; receivedAt: number }> {
  const { token, fetch: doFetch = fetch, ...init } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) };
  if (token) headers.authorization = `Bearer ${token}`;
  const sentAt = Date.now();
  let res: Response;
  try {
    res = await doFetch(url, { cache: 'no-store', credentials: 'same-origin', ...init, headers });
  } catch {
    throw new HttpFailure(0, 'offline', 'Không kết nối được máy chủ.', 'Cannot reach the server.');
  }
  const receivedAt = Date.now();
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = z.safeParse(ApiError, json).data?.error;
    throw new HttpFailure(res.status, error?.code, error?.vi ?? `Máy chủ trả lỗi ${res.status}.`, error?.en ?? `Server answered ${res.status}.`);
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) throw new HttpFailure(res.status, 'invalid', 'Máy chủ trả dữ liệu không hợp lệ.', 'The server sent an invalid answer.');
  return { body: parsed.data, sentAt, receivedAt };
}
