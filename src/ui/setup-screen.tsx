// Choosing the event and the desk, and pairing, once. The package is then kept on the device.
import { StorageNote } from './storage-note.tsx';
import { visibleEvents } from '../domain/event-list.ts';
import { localDateOf } from '../domain/event-time.ts';
import { DEFAULT_TIME_ZONE } from '../shared/event-setup.ts';
import { useEffect, useState } from 'preact/hooks';
import type { Checkpoint, EventSummary } from '../shared/schemas.ts';
import { loadPackage, storedEvents } from '../db/packages.ts';
import { refreshPackage } from '../sync/package-download.ts';
import { HttpFailure } from '../sync/http.ts';
import type { StoredPackage } from '../db/db.ts';
import type { DeskSetup } from '../db/settings.ts';
import { db, online } from './app-state.ts';
import { InstallCard } from './install-card.tsx';
import { fetchDeskSetup, fetchEvents } from './api.ts';
import { checkpointName, say, type Bilingual } from './i18n.ts';
import { t } from './screen-strings.ts';
import { eventOfPairingCode, pairCodeFromUrl, pairDevice } from '../sync/pairing.ts';
import { deviceId, pairingFor } from '../db/settings.ts';
import type { DeskSetupInfo } from '../shared/sync.ts';

interface EventChoice extends EventSummary { stored: boolean }

function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Lists events from the server when online, and those stored on the device always. */
function useEventChoices(): { choices: EventChoice[]; error: boolean } {
  const [choices, setChoices] = useState<EventChoice[]>([]);
  const [error, setError] = useState(false);
  useEffect(() => {
    (async () => {
      const stored = await storedEvents(db);
      const storedIds = new Set(stored.map((e) => e.id));
      setChoices(stored.map((e) => ({ ...e, stored: true })));
      try {
        const remote = await fetchEvents();
        setChoices([...remote.map((e) => ({ ...e, stored: storedIds.has(e.id) })),
          ...stored.filter((e) => !remote.some((r) => r.id === e.id)).map((e) => ({ ...e, stored: true }))]);
      } catch {
        setError(stored.length === 0);
      }
    })();
  }, [online.value]);
  return { choices, error };
}

/** An event chosen for this desk: what it can pick before pairing, and its stored package if any. */
interface Chosen { event: EventSummary; setup: DeskSetupInfo; stored?: StoredPackage }

export function SetupScreen({ onStart }: { onStart: (setup: DeskSetup, pkg: StoredPackage) => void }) {
  const { choices, error } = useEventChoices();
  const [showPast, setShowPast] = useState(false);
  const { shown, hiddenPast } = visibleEvents(choices, { today: localDateOf(Date.now(), DEFAULT_TIME_ZONE), showPast });
  const [chosen, setChosen] = useState<Chosen | undefined>();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  async function choose(event: EventSummary) {
    setLoading(true);
    setFailed(false);
    const stored = await loadPackage(db, event.id);
    try {
      setChosen({ event, setup: await fetchDeskSetup(event.id), stored });
    } catch {
      // Offline: a desk that has the package can still be set up from it.
      if (stored) setChosen({ event, setup: { desks: stored.desks, checkpoints: stored.event.checkpoints }, stored });
      else setFailed(true);
    } finally {
      setLoading(false);
    }
  }

  // A pairing link (`#pair=CODE`) belongs to one event: open it straight away, asking only for the desk.
  const [linked, setLinked] = useState<number | null | undefined>(() => (pairCodeFromUrl() ? undefined : null));
  useEffect(() => {
    const code = pairCodeFromUrl();
    if (!code || linked !== undefined) return;
    void eventOfPairingCode(code).then((eventId) => setLinked(eventId ?? null));
  }, [linked]);
  useEffect(() => {
    if (typeof linked !== 'number' || chosen || loading) return;
    const event = choices.find((e) => e.id === linked);
    if (event) void choose(event);
  }, [linked, choices]);

  if (chosen) return <DeskChoice chosen={chosen} onStart={onStart} />;
  const linkedPending = typeof linked === 'number' && !failed && (choices.length === 0 || choices.some((e) => e.id === linked));
  if (linkedPending) return <main class="setup" aria-busy="true"><h1>{t('downloading')}</h1></main>;
  return (
    <main class="setup">
      <h1>{t('chooseEvent')}</h1>
      <InstallCard />
      {loading && <p role="status">{t('downloading')}</p>}
      {failed && <p class="error" role="alert">{t('downloadFailed')}</p>}
      {error && <p class="error" role="alert">{t('noEvents')}</p>}
      <ul class="choices">
        {shown.map((e) => (
          <li key={e.id}>
            <button class="choice" data-testid={`event-${e.id}`} onClick={() => choose(e)} disabled={loading}>
              <strong>{e.name}</strong>
              <span>{formatDate(e.date)} · {e.venue}</span>
              {e.stored && <em>{t('storedOnDevice')}</em>}
            </button>
          </li>
        ))}
      </ul>
      {hiddenPast > 0 && (
        <button class="link" data-testid="show-past-events" onClick={() => setShowPast(true)}>{t('pastEvents')} ({hiddenPast})</button>
      )}
    </main>
  );
}

type Problem = Bilingual;

/**
 * Pairs when a code is given, then brings the package up to date with the desk's token. The
 * roster is only for paired desks; offline, a stored package still starts the desk.
 */
async function preparePackage(chosen: Chosen, deskId: string, pairCode: string, deviceName: string): Promise<StoredPackage> {
  const eventId = chosen.event.id;
  let pairing = await pairingFor(db, eventId);
  if (pairCode.trim()) {
    // Re-pairing (after a revocation) asks for the id this event already knows, so unsent scans keep their device.
    const ownId = pairing?.deviceId ?? await deviceId(db);
    pairing = await pairDevice(db, { code: pairCode.trim().toUpperCase(), deviceName: deviceName.trim() || deskId, deskId, deviceId: ownId });
    // A code made for another event would sync this desk's scans into the wrong event.
    if (pairing.eventId !== eventId) throw t.both('pairWrongEvent');
  }
  try {
    const pkg = (await refreshPackage({ db, eventId, token: pairing?.token })) ?? chosen.stored;
    if (pkg) return pkg;
  } catch (error) {
    if (chosen.stored) return chosen.stored;
    if (error instanceof HttpFailure && error.status === 401) throw t.both('needPairing');
  }
  throw t.both('downloadFailed');
}

function DeskChoice({ chosen, onStart }: { chosen: Chosen; onStart: (setup: DeskSetup, pkg: StoredPackage) => void }) {
  const { event, setup } = chosen;
  // `registered` is written only by the server (self-registration), which refuses it from a desk.
  const offered = setup.checkpoints.filter((c) => c !== 'registered');
  const checkpoints = offered.length > 0 ? offered : setup.checkpoints;
  const [deskId, setDeskId] = useState(setup.desks[0]!.id);
  const [checkpoint, setCheckpoint] = useState<Checkpoint>(checkpoints[0]!);
  const [pairCode, setPairCode] = useState(pairCodeFromUrl() ?? '');
  const [deviceName, setDeviceName] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setProblem(undefined);
    try {
      onStart({ eventId: event.id, deskId, checkpoint }, await preparePackage(chosen, deskId, pairCode, deviceName));
    } catch (error) {
      setProblem(error as Problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="setup">
      <h1>{event.name}</h1>
      <p>{formatDate(event.date)} · {event.venue}{chosen.stored ? ` · ${chosen.stored.participants.length} ${t('participants')}` : ''}</p>
      <h2>{t('chooseDesk')}</h2>
      <div class="segmented" role="radiogroup" aria-label={t('desk')}>
        {setup.desks.map((d) => (
          <button key={d.id} role="radio" aria-checked={d.id === deskId} data-testid={`desk-${d.id}`} onClick={() => setDeskId(d.id)}>{d.name}</button>
        ))}
      </div>
      <div class="segmented" role="radiogroup">
        {checkpoints.map((c) => (
          <button key={c} role="radio" aria-checked={c === checkpoint} data-testid={`checkpoint-${c}`} onClick={() => setCheckpoint(c)}>
            {checkpointName(c)}
          </button>
        ))}
      </div>
      <fieldset class="pairing">
        <legend>{t('pairing')}</legend>
        <label>{t('pairCode')}
          <input data-testid="pair-code" value={pairCode} autocomplete="off" autocapitalize="characters" maxLength={64}
            onInput={(e) => setPairCode((e.target as HTMLInputElement).value)} />
        </label>
        <label>{t('deviceName')}
          <input data-testid="device-name" value={deviceName} maxLength={60} placeholder={t('deviceNameHint')}
            onInput={(e) => setDeviceName((e.target as HTMLInputElement).value)} />
        </label>
        <p class="muted">{t('pairingHelp')}</p>
      </fieldset>
      <StorageNote />
      {problem && <p class="error" role="alert" data-testid="pair-error">{say(problem)}</p>}
      <button class="primary big" data-testid="start-desk" onClick={start} disabled={busy}>{busy ? t('downloading') : t('startDesk')}</button>
    </main>
  );
}
