// The desk's reads from the server for set-up. Sync proper lives in src/sync.
import * as z from 'zod/mini';
import { EventSummary } from '../shared/schemas.ts';

/** Lists the server's events; throws when offline. */
export async function fetchEvents(): Promise<EventSummary[]> {
  const res = await fetch('/api/events', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return z.array(EventSummary).parse(await res.json());
}
