// The "event and units" tab: the event's fields, its units, desks and registration settings,
// plus a form to create a new event.
import { useEffect, useState } from 'preact/hooks';
import type { EventPackage } from '../../shared/schemas.ts';
import { sayError } from '../i18n.ts';
import { EventForm } from './event-form.tsx';
import { DesksEditor, RegistrationEditor } from './event-extras.tsx';
import { archiveEvent, eventWithoutRoster } from './setup-api.ts';
import { listEvents } from './coordinator-api.ts';
import { ts } from './setup-strings.ts';
import { UnitsEditor } from './units-editor.tsx';

/** Archive an event that is over: kept whole (log, roster, reports), hidden from the lists. */
function ArchiveCard({ eventId }: { eventId: number }) {
  const [archived, setArchived] = useState<boolean>();
  const [error, setError] = useState<string>();
  useEffect(() => { void listEvents().then((list) => setArchived(list.find((e) => e.id === eventId)?.archived === true)); }, [eventId]);
  if (archived === undefined) return null;
  const toggle = async () => {
    try { await archiveEvent(eventId, !archived); setArchived(!archived); } catch (e) { setError(sayError(e)); }
  };
  return (
    <section class="card" data-testid="archive-card" data-archived={String(archived)}>
      <h2>{ts('archiveTitle')}</h2>
      <p class="muted">{ts(archived ? 'archivedHelp' : 'archiveHelp')}</p>
      <button class="secondary" data-testid="archive-event" onClick={() => void toggle()}>{ts(archived ? 'unarchive' : 'archive')}</button>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

/** Everything editable about one event. */
export function EventPanel({ eventId }: { eventId: number }) {
  const [pkg, setPkg] = useState<EventPackage>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  useEffect(() => { void eventWithoutRoster(eventId).then(setPkg, (e) => setError(sayError(e))); }, [eventId]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!pkg) return <p aria-busy="true" />;
  return (
    <div class="event-panel">
      <EventForm key={pkg.version} event={pkg.event} />
      <UnitsEditor eventId={eventId} opensAt={pkg.event.opensAt} units={pkg.units} />
      <div class="coordinator-grid">
        <DesksEditor eventId={eventId} desks={pkg.desks} />
        <RegistrationEditor pkg={pkg} />
      </div>
      <ArchiveCard eventId={eventId} />
      {creating ? <EventForm onCreated={(id) => { location.href = `/coordinator?event=${id}`; }} />
        : <button class="secondary" data-testid="new-event" onClick={() => setCreating(true)}>{ts('newEvent')}</button>}
    </div>
  );
}
