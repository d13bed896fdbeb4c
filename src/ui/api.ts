// The desk's reads from the server for set-up. Sync proper lives in src/sync.
import * as z from 'zod/mini';
import { EventSummary } from '../shared/schemas.ts';
import { DeskSetupInfo } from '../shared/sync.ts';
import { requestJson } from '../sync/http.ts';

/** Lists the server's events; throws when offline. */
export async function fetchEvents(): Promise<EventSummary[]> {
  return (await requestJson('/api/events', z.array(EventSummary))).body;
}

/** The desks and checkpoints of an event: public, since a desk chooses them before pairing. */
export async function fetchDeskSetup(eventId: number): Promise<DeskSetupInfo> {
  return (await requestJson(`/api/events/${eventId}/desk-setup`, DeskSetupInfo)).body;
}
