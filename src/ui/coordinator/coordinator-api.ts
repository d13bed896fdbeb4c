// The coordinator's calls to the server. The session is an HttpOnly cookie the browser keeps.
import { requestJson } from '../../sync/http.ts';
import * as z from 'zod/mini';
import { EventSummary } from '../../shared/schemas.ts';

/** A device as the coordinator sees it. */
export const DeviceRow = z.object({
  id: z.string(),
  name: z.string(),
  deskId: z.string(),
  lastSeen: z.nullable(z.optional(z.int())),
  appVersion: z.nullable(z.optional(z.string())),
  pending: z.nullable(z.optional(z.int())),
  revoked: z.boolean(),
});
export type DeviceRow = z.infer<typeof DeviceRow>;

export const Pairing = z.object({ code: z.string(), expiresAt: z.int(), pairUrl: z.string() });
export type Pairing = z.infer<typeof Pairing>;

async function request<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  return (await requestJson(path, schema, init)).body;
}

const Ok = z.unknown();
export const login = (username: string, password: string) =>
  request('/api/login', Ok, { method: 'POST', body: JSON.stringify({ username, password }) });
export const logout = () => request('/api/logout', Ok, { method: 'POST' });
export const listEvents = () => request('/api/events', z.array(EventSummary));
export const listDevices = (eventId: number) => request(`/api/events/${eventId}/devices`, z.array(DeviceRow));
export const createPairing = (eventId: number) => request(`/api/events/${eventId}/pairings`, Pairing, { method: 'POST', body: '{}' });
export const revokeDevice = (eventId: number, deviceId: string) =>
  request(`/api/events/${eventId}/devices/${encodeURIComponent(deviceId)}/revoke`, Ok, { method: 'POST', body: '{}' });
export const setupPassword = (token: string, password: string) =>
  request('/api/setup-password', Ok, { method: 'POST', body: JSON.stringify({ token, password }) });
