// The desk: verdict on top, camera and lookup side by side (stacked on a phone), tally below.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { VerdictPanel } from './verdict-panel.tsx';
import { RecentList } from './recent-list.tsx';
import { LookupPanel } from './lookup-panel.tsx';
import { TallyStrip } from './tally-strip.tsx';
import { CameraView } from './camera-view.tsx';
import { pendingCount } from '../../db/record.ts';
import { db, online } from '../app-state.ts';
import { checkpointName, say, t, toggleLang } from '../i18n.ts';
import { UpdatePrompt } from '../update-prompt.tsx';
import { clockOf } from '../../domain/event-time.ts';
import { lazyComponent } from '../lazy.tsx';
import { imeNotice, useWedgeScanner, wedgeTestOpen, wedgeText } from './wedge-input.ts';
import { cccdReading, takeCccd } from './cccd-intake.ts';
import { signatureCheckFor } from '../signature-check.ts';
import type { SignatureCheck } from '../../domain/token.ts';

// Exports, file sync and wipe are used once or twice a day: their code loads when opened.
// Refused scans are rare: the notice and its count come by import() the first time the desk opens.
const QuarantineNotice = lazyComponent(() => import('./quarantine-notice.tsx').then((m) => m.QuarantineNotice));
const DeskDataPanel = lazyComponent(() => import('./desk-data-panel.tsx').then((m) => m.DeskDataPanel));
// The scanner test and the ID-card panel load when first opened (both precached for offline).
const WedgeTestPanel = lazyComponent(() => import('./wedge-test-panel.tsx').then((m) => m.WedgeTestPanel));
const CccdPanel = lazyComponent(() => import('./cccd-panel.tsx').then((m) => m.CccdPanel));

/** Scan timings kept in the page for the benchmark: decode callback → verdict painted. */
interface ScanTiming { text: string; verdict: string; decodedAt: number; paintedAt: number }
declare global { interface Window { __scanTimings?: ScanTiming[] } }

function timedScan(session: DeskSession, text: string): void {
  const decodedAt = performance.now();
  void session.scan(text, { source: 'camera' }).then((outcome) => {
    if (!outcome) return;
    requestAnimationFrame(() => {
      const log = (window.__scanTimings ??= []);
      log.push({ text, verdict: outcome.verdict, decodedAt, paintedAt: performance.now() });
      if (log.length > 2000) log.splice(0, log.length - 2000);
    });
  });
}

/** A wedge scan: repaired if an input method rewrote it, then the very path a camera scan takes. */
function wedgeScan(session: DeskSession, text: string, verify: () => Promise<SignatureCheck>): void {
  if (takeCccd(text)) return; // a card's Vietnamese name is not an input method's doing
  void wedgeText(text, { eventId: session.pkg.event.id, verify }).then((scanned) => timedScan(session, scanned));
}

/** The input method's damage to the last wedge scan, in words a volunteer acts on. */
function ImeNotice() {
  const state = imeNotice.value;
  if (state === 'none') return null;
  return <p class="sync-error" role="alert" data-testid="ime-notice" data-state={state}>{t(state === 'repaired' ? 'wedgeImeUndone' : 'wedgeImeMangled')}</p>;
}

/**
 * The sync pill: never "syncing" for a desk that cannot reach the server (after a reload while
 * offline it used to say so until the network came back); then it says offline, with the count waiting.
 */
function syncLabel(session: DeskSession, pending: number): string {
  const status = session.syncStatus.value;
  if (!status) return t('notPaired');
  const last = status.lastSyncAt ? ` · ${t('lastSynced')} ${clockOf(status.lastSyncAt, session.pkg.event.timeZone)}` : '';
  if (!online.value) return `${t('syncOffline')} · ${pending} ${t('waiting')}${last}`;
  if (status.state === 'failed') return `${t('syncFailed')} · ${pending} ${t('waiting')}${last}`;
  if (status.state === 'syncing') return t('syncing');
  return status.lastSyncAt ? `${t('synced')} ${clockOf(status.lastSyncAt, session.pkg.event.timeZone)}` : t('syncing');
}

function StatusBar({ session, onChangeDesk, onData }: { session: DeskSession; onChangeDesk: () => void; onData: () => void }) {
  const [pending, setPending] = useState(0);
  const factCount = session.facts.value.length;
  const status = session.syncStatus.value;
  useEffect(() => { void pendingCount(db, session.pkg.event.id).then(setPending); }, [factCount, status?.pending, status?.state]);
  const desk = session.pkg.desks.find((d) => d.id === session.setup.deskId)?.name ?? session.setup.deskId;
  return (
    <header class="topbar">
      <div class="topbar-title">
        <h1>{session.pkg.event.name}</h1>
        <span>{desk} · {checkpointName(session.setup.checkpoint)}</span>
      </div>
      <div class="topbar-status">
        <span class={online.value ? 'pill ok' : 'pill warn'} data-testid="net-status">{online.value ? t('online') : t('offline')}</span>
        <span class="pill" data-testid="pending" data-pending={pending}>{pending} {t('waiting')}</span>
        <span class="pill" data-testid="sync-status" data-state={status?.state ?? 'unpaired'}>{syncLabel(session, pending)}</span>
        <button class="link" onClick={toggleLang}>{t('language')}</button>
        <button class="link" data-testid="wedge-test-open" onClick={() => { wedgeTestOpen.value = !wedgeTestOpen.value; }}>{t('wedgeTest')}</button>
        <button class="link" data-testid="desk-data" onClick={onData}>{t('deskData')}</button>
        <button class="link" data-testid="change-desk" onClick={onChangeDesk}>{t('changeDesk')}</button>
      </div>
    </header>
  );
}

/** A sync problem in words a volunteer understands; the data is safe on the device meanwhile. */
function SyncAlert({ session }: { session: DeskSession }) {
  const status = session.syncStatus.value;
  if (!status?.error || !online.value && status.state !== 'revoked') return null;
  const revoked = status.state === 'revoked';
  return (
    <p class={`sync-error${revoked ? ' revoked' : ''}`} role="alert" data-testid="sync-error" data-state={status.state}>
      {revoked ? t('revoked') : say(status.error)}
    </p>
  );
}

/** A failed write, in the volunteer's language; reads its own signal so only it re-renders. */
function StorageAlert({ session }: { session: DeskSession }) {
  const error = session.storageError.value;
  if (!error) return null;
  return <p class="storage-error" role="alert" data-testid="storage-error">{say(error)}</p>;
}

function Verdict({ session }: { session: DeskSession }) {
  return <VerdictPanel outcome={session.current.value} timeZone={session.pkg.event.timeZone} desks={session.pkg.desks} />;
}

function IdleUpdatePrompt({ session }: { session: DeskSession }) {
  return <UpdatePrompt lastActivity={session.lastActivity.value} busy={session.busy.value} />;
}

// Each part reads its own signals: a scan re-renders the verdict alone before it is painted,
// not the 300-unit tally strip or the lookup panel.
export function DeskScreen({ session, onChangeDesk, quiesce }: {
  session: DeskSession; onChangeDesk: () => void; /** Stops sync and waits for it, before a wipe. */ quiesce: () => Promise<void>;
}) {
  const onCode = useCallback((text: string) => { if (!takeCccd(text)) timedScan(session, text); }, [session]);
  const verify = useMemo(() => { let check: Promise<SignatureCheck> | undefined; return () => (check ??= signatureCheckFor(session.pkg.publicKey)); }, [session]);
  useWedgeScanner((text) => wedgeScan(session, text, verify));
  const [dataOpen, setDataOpen] = useState(false);
  return (
    <main class="desk">
      <StatusBar session={session} onChangeDesk={onChangeDesk} onData={() => setDataOpen(!dataOpen)} />
      {dataOpen && <DeskDataPanel session={session} onClose={() => setDataOpen(false)} quiesce={quiesce} onWiped={onChangeDesk} />}
      <IdleUpdatePrompt session={session} />
      <StorageAlert session={session} />
      <SyncAlert session={session} />
      <ImeNotice />
      {wedgeTestOpen.value && <WedgeTestPanel />}
      <QuarantineNotice session={session} />
      <Verdict session={session} />
      {cccdReading.value && <CccdPanel session={session} />}
      <div class="desk-main">
        <CameraView onCode={onCode} />
        <aside class="desk-side">
          <LookupPanel session={session} />
          <RecentList session={session} />
          <TallyStrip session={session} />
        </aside>
      </div>
    </main>
  );
}
