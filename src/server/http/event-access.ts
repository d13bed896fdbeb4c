// Who may read or write an event's check-in log and live stream.
import type { Context } from 'hono';
import { denyAnonymous, denyOtherEvent } from './auth.ts';
import { findEventId, type Found } from './request-input.ts';
import type { EventStore } from '../store/store.ts';

/** The event of the request when the caller is a coordinator or a desk paired with it. */
export async function eventOfMember(c: Context, store: EventStore): Promise<Found<number>> {
  const denied = denyAnonymous(c);
  if (denied) return { ok: false, response: denied };
  const event = await findEventId(c, store);
  if (!event.ok) return event;
  const other = denyOtherEvent(c, event.value);
  return other ? { ok: false, response: other } : event;
}
