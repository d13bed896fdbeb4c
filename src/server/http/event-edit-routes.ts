// Creating and editing events, units, desks and self-registration settings (coordinator only).
// Each edit bumps the package version, so desks take it at their next sync; the fact log is
// never touched, and a unit that facts name cannot be deleted.
import type { Context, Hono } from 'hono';
import { foldVietnamese } from '../../domain/fold.ts';
import { slotProblems } from '../../domain/event-checks.ts';
import { ArchiveRequest, DeskList, EventDraft, MAX_UNITS, NewEventRequest, RegistrationSettings, UnitDraft } from '../../shared/event-setup.ts';
import { PackageVersion } from '../../shared/coordinator.ts';
import { parseId, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { findEventId, readBody, type Found } from './request-input.ts';
import { generateEventKeys } from '../codes/signing.ts';
import type { EventEditStore, EventStore } from '../store/store.ts';

const validTimeZone = (zone: string): boolean => {
  try { new Intl.DateTimeFormat('vi', { timeZone: zone }); return true; } catch { return false; }
};

async function coordinatorEvent(c: Context, store: EventStore): Promise<Found<number>> {
  const denied = denyUnlessCoordinator(c);
  if (denied) return { ok: false, response: denied };
  return findEventId(c, store);
}

/** The unit problems a store would not catch: repeated categories, a name another unit has. */
async function unitConflict(c: Context, store: EventStore, eventId: number, unit: UnitDraft): Promise<Response | undefined> {
  const categories = unit.quotas.map((q) => foldVietnamese(q.category));
  if (new Set(categories).size !== categories.length) return sendError(c, 'duplicateCategory');
  const sameName = (await store.unitsOf(eventId)).find((u) => u.id !== unit.id && foldVietnamese(u.name) === foldVietnamese(unit.name));
  return sameName ? sendError(c, 'duplicateUnitName') : undefined;
}

function mountEventFields(app: Hono, store: EventStore & EventEditStore, now: () => number): void {
  app.post('/api/events', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const body = await readBody(c, NewEventRequest);
    if (!body.ok) return body.response;
    const { event, desks = [{ id: 'ban-1', name: 'Bàn 1' }] } = body.value;
    if (!validTimeZone(event.timeZone)) return sendError(c, 'badTimeZone');
    if (new Set(desks.map((d) => d.id)).size !== desks.length) return sendError(c, 'duplicateId');
    const id = await store.addEvent({ event, desks, keys: generateEventKeys() });
    return c.json({ id }, 201);
  });

  app.put('/api/events/:id', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, EventDraft);
    if (!body.ok) return body.response;
    if (!validTimeZone(body.value.timeZone)) return sendError(c, 'badTimeZone');
    await store.updateEvent(found.value, body.value);
    return c.json(PackageVersion.parse({ version: await store.packageVersion(found.value) }));
  });

  // Archiving keeps the event whole (its log, roster and reports) and only hides it from the lists.
  app.put('/api/events/:id/archive', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, ArchiveRequest);
    if (!body.ok) return body.response;
    await store.setArchived(found.value, body.value.archived ? now() : undefined);
    return c.json({ archived: body.value.archived });
  });

  app.put('/api/events/:id/desks', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, DeskList);
    if (!body.ok) return body.response;
    if (new Set(body.value.map((d) => d.id)).size !== body.value.length) return sendError(c, 'duplicateId');
    const outcome = await store.saveDesks(found.value, body.value);
    if (outcome.kind === 'in-use') return sendError(c, 'deskInUse', outcome.deskId);
    if (outcome.kind === 'not-found') return sendError(c, 'eventNotFound');
    return c.json(PackageVersion.parse({ version: await store.packageVersion(found.value) }));
  });

  app.get('/api/events/:id/registration', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    return c.json(await store.registrationOf(found.value));
  });

  app.put('/api/events/:id/registration', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, RegistrationSettings);
    if (!body.ok) return body.response;
    await store.setRegistration(found.value, body.value);
    return c.json(await store.registrationOf(found.value));
  });
}

function mountUnits(app: Hono, store: EventStore & EventEditStore): void {
  const save = async (c: Context, unitId: number | undefined) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, UnitDraft);
    if (!body.ok) return body.response;
    const draft = { ...body.value, id: unitId };
    if (slotProblems(draft.slot).some((p) => p.severity === 'refuse')) return sendError(c, 'slotInverted');
    if (unitId !== undefined && !(await store.getUnit(found.value, unitId))) return sendError(c, 'unitNotFound');
    if (unitId === undefined && (await store.unitsOf(found.value)).length >= MAX_UNITS) return sendError(c, 'tooManyUnits');
    const conflict = await unitConflict(c, store, found.value, draft);
    if (conflict) return conflict;
    const unit = await store.saveUnit(found.value, draft);
    if (!unit) return sendError(c, 'unitNotFound');
    return c.json(unit, unitId === undefined ? 201 : 200);
  };
  app.post('/api/events/:id/units', (c) => save(c, undefined));
  app.put('/api/events/:id/units/:unitId', async (c) => {
    const unitId = parseId(c.req.param('unitId'));
    return unitId === undefined ? sendError(c, 'badUnitId') : save(c, unitId);
  });
  app.delete('/api/events/:id/units/:unitId', async (c) => {
    const found = await coordinatorEvent(c, store);
    if (!found.ok) return found.response;
    const unitId = parseId(c.req.param('unitId'));
    if (unitId === undefined) return sendError(c, 'badUnitId');
    switch (await store.deleteUnit(found.value, unitId)) {
      case 'not-found': return sendError(c, 'unitNotFound');
      case 'has-checkins': return sendError(c, 'unitHasCheckins');
      case 'has-people': return sendError(c, 'unitHasPeople');
      case 'deleted': return c.body(null, 204);
    }
  });
}

/** Mounts the event set-up routes. */
export function mountEventEditRoutes(app: Hono, { store, now = Date.now }: { store: EventStore & EventEditStore; now?: () => number }): void {
  mountEventFields(app, store, now);
  mountUnits(app, store);
}
