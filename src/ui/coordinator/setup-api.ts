// The coordinator's set-up calls: roster import (a file as the raw body), the event package
// without its roster, event/unit/desk edits, registration settings, re-issuing a code.
import * as z from 'zod/mini';
import { Desk, EventPackage, Unit } from '../../shared/schemas.ts';
import { ArchiveRequest, RegistrationSettings, type EventDraft, type UnitDraft } from '../../shared/event-setup.ts';
import { ImportReport, type ColumnMapping } from '../../shared/roster-import.ts';
import { PackageVersion, Reissued, WalkInRow } from '../../shared/coordinator.ts';
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

/** Re-issues a lost code: the old number is voided at the desks after their next sync. */
export async function reissueCode(eventId: number, no: number): Promise<Reissued> {
  return (await requestJson(`/api/events/${eventId}/participants/${no}/reissue`, Reissued, { method: 'POST', body: '{}' })).body;
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

/** Creates an event; returns its id. */
export async function createEvent(event: EventDraft, desks?: Desk[]): Promise<number> {
  return (await requestJson('/api/events', z.object({ id: z.int() }), json('POST', { event, desks }))).body.id;
}
/** Saves the event's own fields; returns the new package version. */
export async function saveEvent(eventId: number, event: EventDraft): Promise<number> {
  return (await requestJson(`/api/events/${eventId}`, PackageVersion, json('PUT', event))).body.version;
}
/** Archives the event (kept whole, hidden from lists) or brings it back. */
export async function archiveEvent(eventId: number, archived: boolean): Promise<void> {
  await requestJson(`/api/events/${eventId}/archive`, ArchiveRequest, json('PUT', { archived }));
}
/** Adds (no id) or saves a unit. */
export async function saveUnit(eventId: number, unit: UnitDraft): Promise<Unit> {
  const path = unit.id === undefined ? `/api/events/${eventId}/units` : `/api/events/${eventId}/units/${unit.id}`;
  const { id: _id, ...body } = unit;
  return (await requestJson(path, Unit, json(unit.id === undefined ? 'POST' : 'PUT', body))).body;
}
/** Deletes a unit; refused (HttpFailure 409 with the reason) when check-ins or people name it. */
export async function deleteUnit(eventId: number, unitId: number): Promise<void> {
  await requestJson(`/api/events/${eventId}/units/${unitId}`, z.unknown(), { method: 'DELETE' });
}
/** Replaces the desk list. */
export async function saveDesks(eventId: number, desks: Desk[]): Promise<number> {
  return (await requestJson(`/api/events/${eventId}/desks`, PackageVersion, json('PUT', desks))).body.version;
}
/** The self-registration settings. */
export async function registrationOf(eventId: number): Promise<RegistrationSettings> {
  return (await requestJson(`/api/events/${eventId}/registration`, RegistrationSettings)).body;
}
export async function saveRegistration(eventId: number, settings: RegistrationSettings): Promise<RegistrationSettings> {
  return (await requestJson(`/api/events/${eventId}/registration`, RegistrationSettings, json('PUT', settings))).body;
}

/** The walk-ins still to be resolved, oldest first. */
export async function listWalkIns(eventId: number): Promise<WalkInRow[]> {
  return (await requestJson(`/api/events/${eventId}/walk-ins`, z.array(WalkInRow))).body;
}
/** Adds the walk-in to the roster (no `no`) or merges them with roster number `no`. */
export async function resolveWalkIn(eventId: number, personKey: string, no?: number): Promise<number> {
  return (await requestJson(`/api/events/${eventId}/walk-ins/resolve`, z.object({ no: z.int() }), json('POST', { personKey, no }))).body.no;
}
