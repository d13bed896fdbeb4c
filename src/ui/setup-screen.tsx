// Choosing the event and the desk, once. The package is downloaded and kept on the device.
import { useEffect, useState } from 'preact/hooks';
import type { Checkpoint, EventSummary } from '../shared/schemas.ts';
import { loadPackage, storedEvents } from '../db/packages.ts';
import { refreshPackage } from '../sync/package-download.ts';
import type { StoredPackage } from '../db/db.ts';
import type { DeskSetup } from '../db/settings.ts';
import { db, online } from './app-state.ts';
import { fetchEvents } from './api.ts';
import { lang, t, type StringKey } from './i18n.ts';
import { pairCodeFromUrl, pairDevice } from '../sync/pairing.ts';
import { deviceId } from '../db/settings.ts';

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

export function SetupScreen({ onStart }: { onStart: (setup: DeskSetup, pkg: StoredPackage) => void }) {
  const { choices, error } = useEventChoices();
  const [pkg, setPkg] = useState<StoredPackage | undefined>();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  async function choose(eventId: number) {
    setLoading(true);
    setFailed(false);
    try {
      // Paged and resumable: a download cut by the venue's network continues where it stopped.
      setPkg((await refreshPackage({ db, eventId })) ?? (await loadPackage(db, eventId)));
    } catch {
      const stored = await loadPackage(db, eventId);
      if (stored) setPkg(stored); else setFailed(true);
    } finally {
      setLoading(false);
    }
  }

  if (pkg) return <DeskChoice pkg={pkg} onStart={(deskId, checkpoint) => onStart({ eventId: pkg.event.id, deskId, checkpoint }, pkg)} />;
  return (
    <main class="setup">
      <h1>{t('chooseEvent')}</h1>
      {loading && <p role="status">{t('downloading')}</p>}
      {failed && <p class="error" role="alert">{t('downloadFailed')}</p>}
      {error && <p class="error" role="alert">{t('noEvents')}</p>}
      <ul class="choices">
        {choices.map((e) => (
          <li key={e.id}>
            <button class="choice" data-testid={`event-${e.id}`} onClick={() => choose(e.id)} disabled={loading}>
              <strong>{e.name}</strong>
              <span>{formatDate(e.date)} · {e.venue}</span>
              {e.stored && <em>{t('storedOnDevice')}</em>}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}

function DeskChoice({ pkg, onStart }: { pkg: StoredPackage; onStart: (deskId: string, checkpoint: Checkpoint) => void }) {
  const [deskId, setDeskId] = useState(pkg.desks[0]!.id);
  const [checkpoint, setCheckpoint] = useState<Checkpoint>(pkg.event.checkpoints[0]!);
  const [pairCode, setPairCode] = useState(pairCodeFromUrl() ?? '');
  const [deviceName, setDeviceName] = useState('');
  const [pairError, setPairError] = useState<{ vi: string; en: string } | undefined>();

  async function start() {
    if (pairCode.trim()) {
      try {
        const pairing = await pairDevice(db, { code: pairCode.trim().toUpperCase(), deviceName: deviceName.trim() || deskId, deskId, deviceId: await deviceId(db) });
        // A code made for another event would sync this desk's scans into the wrong event.
        if (pairing.eventId !== pkg.event.id) { setPairError({ vi: t('pairWrongEventVi'), en: t('pairWrongEventEn') }); return; }
      } catch (error) {
        setPairError(error as { vi: string; en: string });
        return;
      }
    }
    onStart(deskId, checkpoint);
  }
  return (
    <main class="setup">
      <h1>{pkg.event.name}</h1>
      <p>{formatDate(pkg.event.date)} · {pkg.event.venue} · {pkg.participants.length} {t('participants')}</p>
      <h2>{t('chooseDesk')}</h2>
      <div class="segmented" role="radiogroup" aria-label={t('desk')}>
        {pkg.desks.map((d) => (
          <button key={d.id} role="radio" aria-checked={d.id === deskId} data-testid={`desk-${d.id}`} onClick={() => setDeskId(d.id)}>{d.name}</button>
        ))}
      </div>
      <div class="segmented" role="radiogroup">
        {pkg.event.checkpoints.map((c) => (
          <button key={c} role="radio" aria-checked={c === checkpoint} data-testid={`checkpoint-${c}`} onClick={() => setCheckpoint(c)}>
            {t(`checkpoint_${c}` as StringKey)}
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
        {pairError && <p class="error" role="alert" data-testid="pair-error">{lang.value === 'vi' ? pairError.vi : pairError.en}</p>}
      </fieldset>
      <button class="primary big" data-testid="start-desk" onClick={start}>{t('startDesk')}</button>
      <p><a href={`/api/events/${pkg.event.id}/codes`} target="_blank" rel="noopener">{t('printCodes')}</a></p>
    </main>
  );
}
