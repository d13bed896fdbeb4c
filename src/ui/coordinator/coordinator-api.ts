// The coordinator's calls to the server. The session is an HttpOnly cookie the browser keeps.
import { requestJson } from '../../sync/http.ts';
import * as z from 'zod/mini';
import { EventSummary } from '../../shared/schemas.ts';
import { DeviceListing, PairingOffer } from '../../shared/coordinator.ts';
import { VenueInfo } from '../../shared/venue.ts';

async function request<T>(path: string, schema: z.ZodMiniType<T>, init: RequestInit = {}): Promise<T> {
  return (await requestJson(path, schema, init)).body;
}

const Ok = z.unknown();
export const login = (username: string, password: string) =>
  request('/api/login', Ok, { method: 'POST', body: JSON.stringify({ username, password }) });
export const logout = () => request('/api/logout', Ok, { method: 'POST' });
export const listEvents = () => request('/api/events', z.array(EventSummary));
export const listDevices = (eventId: number) => request(`/api/events/${eventId}/devices`, z.array(DeviceListing));
export const createPairing = (eventId: number) => request(`/api/events/${eventId}/pairings`, PairingOffer, { method: 'POST', body: '{}' });
export const revokeDevice = (eventId: number, deviceId: string) =>
  request(`/api/events/${eventId}/devices/${encodeURIComponent(deviceId)}/revoke`, Ok, { method: 'POST', body: '{}' });
export const setupPassword = (token: string, password: string) =>
  request('/api/setup-password', Ok, { method: 'POST', body: JSON.stringify({ token, password }) });
/** The venue laptop's trust address, or undefined when the server is not one (404). */
export const venueInfo = () => request('/api/venue', VenueInfo).catch(() => undefined);
