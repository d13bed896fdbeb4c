// Path ids and bodies are checked before a route touches them, so bad input is always a
// 400/404 JSON error and never half an effect.
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { ERRORS, parseId, sendError, type ApiError } from './errors.ts';
import { issueText } from '../../shared/text.ts';
import type { EventStore } from '../store/store.ts';

/** A value a route can go on with, or the error response it must return. */
export type Found<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The first schema problem: where it is ("facts.3.id") and what, in both languages when the schema says it so. */
function firstIssue(error: z.core.$ZodError): { where: string; vi?: string; en: string } {
  const issue = error.issues[0];
  if (!issue) return { where: '', en: '' };
  const path = issue.path.map(String).join('.');
  const where = path ? `${path}: ` : '';
  const both = issueText(issue.message);
  return both ? { where, vi: both.vi, en: both.en } : { where, en: issue.message };
}

/** 400 badRequest naming the first problem; its Vietnamese too when the schema worded one. */
function sendBadRequest(c: Context, error: z.core.$ZodError): Response {
  const issue = firstIssue(error);
  const { vi, en } = ERRORS.badRequest;
  const body: ApiError = { error: { code: 'badRequest', vi: issue.vi ? `${vi} ${issue.vi}` : vi, en: `${en} ${issue.where}${issue.en}`.trim() } };
  return c.json(body, 400);
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
  if (!parsed.success) return { ok: false, response: sendBadRequest(c, parsed.error) };
  return { ok: true, value: parsed.data };
}

/** The `:id` path parameter as an event that exists: 400 when malformed, 404 when unknown. */
export async function findEventId(c: Context, store: EventStore): Promise<Found<number>> {
  const eventId = parseId(c.req.param('id'));
  if (eventId === undefined) return { ok: false, response: sendError(c, 'badEventId') };
  if (!(await store.getEvent(eventId))) return { ok: false, response: sendError(c, 'eventNotFound') };
  return { ok: true, value: eventId };
}
