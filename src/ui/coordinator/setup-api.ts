// The coordinator's set-up calls: roster import (a file as the raw body), the event package
// without its roster (units for the pickers), re-issuing a code. All through requestJson.
import * as z from 'zod/mini';
import { EventPackage } from '../../shared/schemas.ts';
import { ImportReport, type ColumnMapping } from '../../shared/roster-import.ts';
import { requestJson } from '../../sync/http.ts';

/** Previews (commit false) or imports a roster file; unreadable files throw an HttpFailure with the reason. */
export async function uploadRoster(eventId: number, file: Blob, options: { unitId?: number; mapping: ColumnMapping; commit: boolean }): Promise<ImportReport> {
  const query = new URLSearchParams({ mapping: JSON.stringify(options.mapping) });
  if (options.unitId !== undefined) query.set('unit', String(options.unitId));
  if (options.commit) query.set('commit', '1');
  const { body } = await requestJson(`/api/events/${eventId}/roster-import?${query}`, ImportReport, {
    method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' },
  });
  return body;
}

/** The event with units and desks but no people: what the set-up pickers need. */
export async function eventWithoutRoster(eventId: number): Promise<EventPackage> {
  return (await requestJson(`/api/events/${eventId}/package?roster=none`, EventPackage)).body;
}

const Reissued = z.object({ oldNo: z.int(), no: z.int(), version: z.int() });
/** Re-issues a lost code: the old number is voided at the desks after their next sync. */
export async function reissueCode(eventId: number, no: number): Promise<z.infer<typeof Reissued>> {
  return (await requestJson(`/api/events/${eventId}/participants/${no}/reissue`, Reissued, { method: 'POST', body: '{}' })).body;
}
