// Path ids and bodies are checked before a route touches them, so bad input is always a
// 400/404 JSON error and never half an effect.
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { parseId, sendError } from './errors.ts';
import type { EventStore } from '../store/store.ts';

/** A value a route can go on with, or the error response it must return. */
export type Found<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Where the first schema problem is, for the English message: "facts.3.id: Invalid UUID". */
function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const path = issue.path.map(String).join('.');
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

/** Reads the body as JSON and parses it with `schema`: 400 badJson / badRequest otherwise. */
export async function readBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<Found<T>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return { ok: false, response: sendError(c, 'badJson') };
  }
  const parsed = z.safeParse(schema, json);
  if (!parsed.success) return { ok: false, response: sendError(c, 'badRequest', firstIssue(parsed.error)) };
  return { ok: true, value: parsed.data };
}

/** The `:id` path parameter as an event that exists: 400 when malformed, 404 when unknown. */
export async function findEventId(c: Context, store: EventStore): Promise<Found<number>> {
  const eventId = parseId(c.req.param('id'));
  if (eventId === undefined) return { ok: false, response: sendError(c, 'badEventId') };
  if (!(await store.getEvent(eventId))) return { ok: false, response: sendError(c, 'eventNotFound') };
  return { ok: true, value: eventId };
}
