// POST /api/events/:id/roster-import: the coordinator uploads a CSV or XLSX as the raw body.
// `?commit=1` stores it (all or nothing); without it the answer is a preview with every problem.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { ColumnMapping, MAX_IMPORT_BYTES } from '../../shared/roster-import.ts';
import { parseId, problemBody, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { problem } from '../roster/problems.ts';
import { findEventId } from './request-input.ts';
import { importRoster } from '../roster/import.ts';
import type { MaskPrecomputer } from '../codes/masks.ts';
import type { EventStore, RosterStore } from '../store/store.ts';

/** The upload path; the app's 1 MB body limit skips it, this route allows 10 MB. */
export const ROSTER_IMPORT_PATH = '/api/events/:id/roster-import';

/** A file refused whole is a 400, except these. */
const STATUS_OF: Record<string, 413 | 503> = { tooLarge: 413, fileBusy: 503 };


/** Mounts the import route; coordinator only, since it writes the roster. */
export function mountRosterImportRoutes(app: Hono, { store, masks, now }: { store: EventStore & RosterStore; masks: MaskPrecomputer; now: () => number }): void {
  const limit = bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: (c) => c.json(problemBody(problem('tooLarge', [MAX_IMPORT_BYTES / 1024 / 1024])), 413),
  });
  app.post(ROSTER_IMPORT_PATH, limit, async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const unitParam = c.req.query('unit');
    const unitId = unitParam === undefined || unitParam === '' ? undefined : parseId(unitParam);
    if (unitParam && unitId === undefined) return sendError(c, 'badUnitId');
    if (unitId !== undefined && !(await store.getUnit(found.value, unitId))) return sendError(c, 'unitNotFound');
    let mapping: ColumnMapping = {};
    const mappingParam = c.req.query('mapping');
    if (mappingParam) {
      let json: unknown;
      try { json = JSON.parse(mappingParam); } catch { return sendError(c, 'badQuery'); }
      const parsed = z.safeParse(ColumnMapping, json);
      if (!parsed.success) return sendError(c, 'badQuery');
      mapping = parsed.data;
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const thisYear = new Date(now()).getUTCFullYear();
    const result = await importRoster(store, { eventId: found.value, bytes, unitId, mapping, commit: c.req.query('commit') === '1', thisYear });
    if (!result.ok) return c.json(problemBody(result.problem), STATUS_OF[result.problem.code] ?? 400);
    // New codes get their QR mask chosen now, in a worker thread, so their badge sheets only draw.
    if (result.report.imported) void masks.schedule(found.value);
    return c.json(result.report);
  });
}
