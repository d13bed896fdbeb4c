// Sync with no network: the coordinator uploads a desk's file and its facts enter the log through
// the same claim rules and idempotent ingest as a push, so importing a file twice, or after the desk
// pushed, adds nothing.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError } from '../../shared/sync.ts';
import type { DeskFileImportResult } from '../../shared/desk-file.ts';
import { readDeskFile } from '../../domain/desk-file.ts';
import { sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { findEventId } from './request-input.ts';
import type { ClaimStore, CodeStore, EventStore, FactStore } from '../store/store.ts';
import { createCodeChecker } from '../facts/code-check.ts';
import { judgePush } from '../facts/judge-push.ts';

/** A whole event day of one desk (20,000 facts is about 10 MB of JSON) fits with room. */
export const DESK_FILE_BODY_LIMIT = 64 * 1024 * 1024;

/** The import route's path; the app's 1 MB body limit for pushes leaves it to its own limit. */
export const isDeskFileImport = (path: string): boolean => /^\/api\/events\/[^/]+\/desk-file$/.test(path);

/** What the import route needs from outside. */
export interface DeskFileRouteOptions {
  store: EventStore & FactStore & ClaimStore & CodeStore;
  feed: FactFeed;
  now: () => number;
}

/** Mounts POST /api/events/:id/desk-file (coordinator only; the body is the file as the desk wrote it). */
export function mountDeskFileRoutes(app: Hono, { store, feed, now }: DeskFileRouteOptions): void {
  const codes = createCodeChecker(store);
  app.post('/api/events/:id/desk-file',
    bodyLimit({ maxSize: DESK_FILE_BODY_LIMIT, onError: (c) => sendError(c, 'tooLarge') }),
    async (c) => {
      const denied = denyUnlessCoordinator(c);
      if (denied) return denied;
      const event = await findEventId(c, store);
      if (!event.ok) return event.response;
      const reading = readDeskFile(await c.req.text(), { eventId: event.value });
      if (!reading.ok) {
        const body: ApiError = { error: { vi: reading.vi, en: reading.en, code: `deskFile:${reading.problem}` } };
        return c.json(body, 400);
      }
      // The same claim rules as a push (any device's facts, as the file may carry several); the
      // facts that pass are stored in one transaction.
      const at = now();
      // A desk file is often brought in days after the event: its facts' clocks are judged
      // against the moment the desk wrote the file, not the moment the coordinator imports it.
      const judged = await judgePush(store, codes, reading.file.facts, { eventId: event.value, now: at, clockAt: reading.file.exportedAt });
      const result = await store.ingestFacts(event.value, judged.accepted, at);
      if (result.inserted > 0) feed.publish(event.value, result.cursor);
      const refused = judged.refused.length;
      const answer: DeskFileImportResult = {
        added: result.inserted, alreadyHeld: reading.file.facts.length - result.inserted - refused, ...(refused > 0 ? { refused } : {}),
      };
      return c.json(answer);
    });
}
