// The desk's reads from the server for set-up. Sync proper lives in src/sync.
import * as z from 'zod/mini';
import { EventSummary } from '../shared/schemas.ts';
import { DeskSetupInfo } from '../shared/sync.ts';

/** Lists the server's events; throws when offline. */
export async function fetchEvents(): Promise<EventSummary[]> {
  const res = await fetch('/api/events', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return z.array(EventSummary).parse(await res.json());
}

/** The desks and checkpoints of an event: public, since a desk chooses them before pairing. */
export async function fetchDeskSetup(eventId: number): Promise<DeskSetupInfo> {
  const res = await fetch(`/api/events/${eventId}/desk-setup`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return DeskSetupInfo.parse(await res.json());
}
