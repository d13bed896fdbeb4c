// Sync with no network: the coordinator uploads a desk's file and its facts enter the log through
// the same claim rules and idempotent ingest as a push, so importing a file twice, or after the desk
// pushed, adds nothing. The file is read and its codes verified in a worker thread (server/offload).
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DeskFileImportResult } from '../../shared/desk-file.ts';
import { problemBody, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { findEventId } from './request-input.ts';
import type { ClaimStore, CodeStore, EventStore, FactStore } from '../store/store.ts';
import { createCodeChecker, type CodeChecker } from '../facts/code-check.ts';
import { readDeskFileOffThread } from '../offload/pool.ts';
import type { DeskFileChecked, DeskFileStep } from '../offload/tasks.ts';
import { unreadableFile } from '../roster/import.ts';
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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The file read and its codes verified in a worker thread, or the answer that refuses it. */
async function readOffThread(c: Context, codes: CodeChecker, eventId: number): Promise<{ ok: true; file: Extract<DeskFileChecked, { ok: true }> } | { ok: false; response: Response }> {
  let checked: DeskFileChecked;
  try {
    checked = await readDeskFileOffThread({ bytes: new Uint8Array(await c.req.arrayBuffer()), eventId, publicKeyPem: await codes.publicKeyPem(eventId) });
  } catch (error) {
    const refusal = unreadableFile(error);
    return { ok: false, response: c.json(problemBody(refusal), refusal.code === 'fileBusy' ? 503 : 400) };
  }
  if (!checked.ok) {
    const { reading } = checked;
    return { ok: false, response: c.json(problemBody({ ...reading, code: `deskFile:${reading.problem}` }), 400) };
  }
  return { ok: true, file: checked };
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
      const read = await readOffThread(c, codes, event.value);
      if (!read.ok) return read.response;
      const { steps, factCount, exportedAt } = read.file;
      const at = now();
      // The same claim rules and idempotent ingest as a push, 250 facts at a time, with the
      // event loop free in between: a whole day's file never holds another desk up for long.
      // A file cut short by a crash is safe to import again: what was stored is held, the rest is added.
      let added = 0;
      let refused = 0;
      for (const step of steps) {
        // A desk file is often brought in days after the event: its facts' clocks are judged
        // against the moment the desk wrote the file, not the moment the coordinator imports it.
        // Each step is the worker's JSON of facts it already checked against the schema; the claim rules check them again.
        const { facts, genuine } = JSON.parse(step) as DeskFileStep;
        codes.remember(event.value, new Map(genuine));
        const judged = await judgePush(store, codes, facts, { eventId: event.value, now: at, clockAt: exportedAt });
        const result = await store.ingestFacts(event.value, judged.accepted, at);
        if (result.inserted > 0) feed.publish(event.value, result.cursor);
        added += result.inserted;
        refused += judged.refused.length;
        await nextTurn();
      }
      const answer: DeskFileImportResult = { added, alreadyHeld: factCount - added - refused, ...(refused > 0 ? { refused } : {}) };
      return c.json(answer);
    });
}
