// The coordinator's set-up of desks: sign in, show a pairing QR, watch and revoke devices.
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { clockOf } from '../../domain/event-time.ts';
import type { EventSummary } from '../../shared/schemas.ts';
import { DEFAULT_TIME_ZONE } from '../../shared/event-setup.ts';
import { currentAndPast } from '../../domain/event-list.ts';
import { localDateOf } from '../../domain/event-time.ts';
import { sayError, toggleLang } from '../i18n.ts';
import { t } from '../screen-strings.ts';
import { HttpFailure } from '../../sync/http.ts';
import { fetchDeskSetup } from '../api.ts';
import { ShareLinksCard } from './share-links.tsx';
import { VenueCard } from './venue-card.tsx';
import { createPairing, listDevices, listEvents, login, revokeDevice } from './coordinator-api.ts';
import type { DeviceListing, PairingOffer } from '../../shared/coordinator.ts';
import { lazyComponent } from '../lazy.tsx';
import { SetupTabs, type SetupTab } from './setup-tabs.tsx';

// Set-up panels (import, event editing, codes) come in their own chunk, when a tab opens them.
const SetupPanel = lazyComponent(() => import('./setup-panels.tsx').then((m) => m.SetupPanel), <p aria-busy="true" />);

const TZ = 'Asia/Ho_Chi_Minh';

function LoginForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    try {
      await login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      onDone();
    } catch (err) { setError(sayError(err)); }
  }
  return (
    <form class="card login" onSubmit={submit} data-testid="login-form">
      <h2>{t('signIn')}</h2>
      <label>{t('username')}<input name="username" autocomplete="username" required defaultValue="admin" /></label>
      <label>{t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <button class="primary" type="submit" data-testid="login-submit">{t('signIn')}</button>
    </form>
  );
}

function PairingCard({ eventId }: { eventId: number }) {
  const [pairing, setPairing] = useState<PairingOffer & { svg: string }>();
  const [error, setError] = useState<string>();
  const [nowMs, setNow] = useState(Date.now());
  useEffect(() => { const id = setInterval(() => setNow(Date.now()), 1000); return () => clearInterval(id); }, []);
  async function make() {
    try {
      const p = await createPairing(eventId);
      setPairing({ ...p, svg: await QRCode.toString(p.pairUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) });
      setError(undefined);
    } catch (err) { setError(sayError(err)); }
  }
  const left = pairing ? Math.max(0, Math.round((pairing.expiresAt - nowMs) / 1000)) : 0;
  return (
    <section class="card pairing-card">
      <h2>{t('pairDesk')}</h2>
      <p class="muted">{t('pairDeskHelp')}</p>
      <button class="primary" data-testid="make-pairing" onClick={make}>{t('newPairing')}</button>
      {error && <p class="error" role="alert">{error}</p>}
      {pairing && left > 0 && (
        <div class="pairing-qr">
          <div class="qr" dangerouslySetInnerHTML={{ __html: pairing.svg }} />
          <p class="pair-code" data-testid="pair-code-text">{pairing.code}</p>
          <p class="muted">{t('expiresIn')} {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')}</p>
        </div>
      )}
      {pairing && left === 0 && <p class="muted">{t('pairingExpired')}</p>}
    </section>
  );
}

function DeviceList({ eventId }: { eventId: number }) {
  const [devices, setDevices] = useState<DeviceListing[]>([]);
  const [error, setError] = useState<string>();
  const [deskNames, setDeskNames] = useState(new Map<string, string>());
  useEffect(() => {
    void fetchDeskSetup(eventId).then((s) => setDeskNames(new Map(s.desks.map((d) => [d.id, d.name]))), () => undefined);
  }, [eventId]);
  async function refresh() {
    try { setDevices(await listDevices(eventId)); setError(undefined); } catch (err) { setError(sayError(err)); }
  }
  useEffect(() => { void refresh(); const id = setInterval(refresh, 5000); return () => clearInterval(id); }, [eventId]);
  return (
    <section class="card">
      <h2>{t('devices')}</h2>
      {error && <p class="error" role="alert">{error}</p>}
      <table class="devices" data-testid="devices">
        <thead><tr><th>{t('deviceName')}</th><th>{t('desk')}</th><th>{t('lastSeen')}</th><th>{t('version')}</th><th>{t('waiting')}</th><th>{t('readyColumn')}</th><th><span class="visually-hidden">{t('revoke')}</span></th></tr></thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.id} class={d.revoked ? 'revoked' : ''} data-device={d.id}>
              <td>{d.name}</td><td>{deskNames.get(d.deskId) ?? d.deskId}</td>
              <td>{d.lastSeen ? clockOf(d.lastSeen, TZ) : '—'}</td>
              <td>{d.appVersion ?? '—'}</td><td>{d.pending}</td>
              <td data-testid="device-ready" data-ready={d.readiness ? String(d.readiness.ready) : 'unknown'}>{readinessText(d)}</td>
              <td>{d.revoked ? t('revokedTag') : <button class="secondary" data-testid="revoke" onClick={async () => { await revokeDevice(eventId, d.id).catch((e) => setError(sayError(e))); await refresh(); }}>{t('revoke')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A device's last readiness check in a few words: ready, or which checks failed. */
function readinessText(d: DeviceListing): string {
  if (!d.readiness) return '—';
  if (d.readiness.ready) return `✓ ${t('readyYes')}`;
  return `✗ ${d.readiness.checks.filter((c) => c.state === 'fail').map((c) => t(`check_${c.id}` as Parameters<typeof t>[0])).join(', ')}`;
}

/** Today's and upcoming events first; past ones in their own group, so they don't crowd today's. */
function EventSelect({ events, eventId, onChange }: { events: EventSummary[]; eventId?: number; onChange: (id: number) => void }) {
  const { current, past } = currentAndPast(events, localDateOf(Date.now(), DEFAULT_TIME_ZONE));
  const option = (e: EventSummary) => <option key={e.id} value={e.id}>{e.name} · {e.date.split('-').reverse().join('/')}</option>;
  return (
    <select data-testid="coordinator-event" value={eventId} onChange={(e) => onChange(Number((e.target as HTMLSelectElement).value))}>
      {current.length > 0 && past.length > 0 ? <>{current.map(option)}<optgroup label={t('pastEvents')}>{past.map(option)}</optgroup></> : [...current, ...past].map(option)}
    </select>
  );
}

/** The coordinator area (lazy chunk): sign-in, then pairing and devices for a chosen event. */
export function CoordinatorScreen() {
  const [events, setEvents] = useState<EventSummary[]>([]);
  // The chosen event lives in the address, so a reload or a shared link keeps it.
  const [eventId, setEventIdState] = useState<number | undefined>(() => Number(new URLSearchParams(location.search).get('event')) || undefined);
  const setEventId = (id: number) => {
    setEventIdState(id);
    history.replaceState(null, '', `${location.pathname}?event=${id}`);
  };
  const [signedIn, setSignedIn] = useState<boolean>();
  const [tab, setTab] = useState<SetupTab>('devices');
  useEffect(() => {
    void listEvents().then((list) => {
      setEvents(list);
      // Without a chosen event, today's (or the next one) comes first, not last year's demo.
      const first = currentAndPast(list, localDateOf(Date.now(), DEFAULT_TIME_ZONE)).current[0] ?? list[0];
      if (eventId === undefined || !list.some((e) => e.id === eventId)) setEventIdState(first?.id);
    });
  }, []);
  useEffect(() => {
    if (eventId === undefined) return;
    listDevices(eventId).then(() => setSignedIn(true), (e) => setSignedIn(!(e instanceof HttpFailure && e.status === 401)));
  }, [eventId]);
  return (
    <main class="coordinator">
      <header class="topbar"><h1>{t('coordinator')}</h1>
        <button class="link" onClick={toggleLang}>{t('language')}</button>
      </header>
      {signedIn === false && <LoginForm onDone={() => setSignedIn(true)} />}
      {signedIn && (
        <>
          <label class="event-pick">{t('chooseEvent')}
            <EventSelect events={events} eventId={eventId} onChange={setEventId} />
          </label>
          {eventId !== undefined && (
            <>
              <p class="coordinator-links">
                <a class="print-link" data-testid="open-tally" href={`/tally?event=${eventId}`}>{t('liveTally')}</a>
                <a class="print-link" data-testid="print-codes" href={`/api/events/${eventId}/codes`} target="_blank" rel="noopener">{t('printCodes')}</a>
                <a class="print-link" data-testid="reports" href={`/api/events/${eventId}/reports`} target="_blank" rel="noopener">{t('reports')}</a>
              </p>
              <SetupTabs tab={tab} onChange={setTab} />
              {tab === 'devices' ? <div class="coordinator-grid"><PairingCard eventId={eventId} /><VenueCard /><DeviceList eventId={eventId} /><ShareLinksCard eventId={eventId} /></div>
                : <SetupPanel key={`${tab}-${eventId}`} tab={tab} eventId={eventId} />}
            </>
          )}
        </>
      )}
    </main>
  );
}
