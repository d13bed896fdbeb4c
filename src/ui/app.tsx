// The shell: comes straight back to the desk after a reload, else asks for event and desk.
import { useEffect, useState } from 'preact/hooks';
import { db, requestPersistence } from './app-state.ts';
import { lang, type Lang } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import { DeskScreen } from './desk/desk-screen.tsx';
import { createDeskSession, type DeskSession } from './desk/desk-session.ts';
import { loadPackage } from '../db/packages.ts';
import { clockOffset, deviceId, getSetting, pairingFor, putSetting, type DeskSetup } from '../db/settings.ts';
import type { StoredPackage } from '../db/db.ts';
import type { DeskReadiness } from '../shared/sync.ts';
import { appScreenOf } from '../shared/app-routes.ts';
import { signatureCheckFor } from './signature-check.ts';

/** Reported to the server with each push, shown on the coordinator's device list. */
const APP_VERSION = '0.1.0';

// Set-up downloads and validates packages; it is not on the scan path, so it loads on demand.
const SetupScreen = lazyComponent(() => import('./setup-screen.tsx').then((m) => m.SetupScreen), <main class="boot" aria-busy="true" />);

let stopSync: (() => void) | undefined;
/** Resolves once the running sync (if any) has finished; a wipe waits for it. */
let syncIdle: (() => Promise<void>) | undefined;
/** Set by the shell: reopens the desk on a newer package (new roster, re-issued codes). */
let onPackageUpdated: ((setup: DeskSetup) => void) | undefined;

/** Opens the desk; when the device is paired for this event, its sync loop starts too. */
async function openDesk(setup: DeskSetup, pkg: StoredPackage): Promise<DeskSession> {
  stopSync?.();
  const pairing = await pairingFor(db, setup.eventId);
  const session = createDeskSession({
    db, pkg, setup, deviceId: pairing?.deviceId ?? await deviceId(db), verify: await signatureCheckFor(pkg.publicKey),
    clockOffsetMs: await clockOffset(db),
  });
  await session.reload();
  if (pairing) {
    // Sync validates what the server sends with zod: loaded after the desk is up, off the shell.
    // The desk's readiness check rides with its pushes (the coordinator's device list); re-run
    // after each sync, in the lazy chunk that holds it, so the shell stays small.
    let report: DeskReadiness | undefined;
    const recheck = () => { void import('./desk/readiness-card.tsx').then((m) => m.checkReadiness(session)).then((r) => { report = r; }, () => undefined); };
    void import('../sync/sync-loop.ts').then(({ startSyncLoop }) => {
      const loop = startSyncLoop({ db, eventId: setup.eventId, token: pairing.token, appVersion: APP_VERSION, readiness: () => report }, {
        onStatus: (status) => {
          session.applySyncStatus(status);
          if (status.packageUpdated) onPackageUpdated?.(setup);
          if (status.state === 'idle') recheck();
        },
      });
      session.attachSync(loop.kick);
      stopSync = loop.stop;
      syncIdle = loop.idle;
    });
  }
  return session;
}

// The coordinator area is a separate lazy chunk; a desk never loads it.
const CoordinatorScreen = lazyComponent(() => import('./coordinator/coordinator-screen.tsx').then((m) => m.CoordinatorScreen), <main class="boot" aria-busy="true" />);

// The live tally and a unit leader's share view: their own lazy chunk.
const TallyScreen = lazyComponent(() => import('./tally/tally-screen.tsx').then((m) => m.TallyScreen), <main class="boot" aria-busy="true" />);
const ShareView = lazyComponent(() => import('./tally/share-view.tsx').then((m) => m.ShareView), <main class="boot" aria-busy="true" />);

const SetupPasswordScreen = lazyComponent(() => import('./coordinator/setup-password.tsx').then((m) => m.SetupPasswordScreen));

/** `/coordinator` is the coordinator's area, `/setup` its first-start link, `/tally` the live board, `/unit` a share link; anything else is the desk. */
export function App() {
  switch (appScreenOf(location.pathname)) {
    case '/coordinator': return <CoordinatorScreen />;
    case '/tally': return <TallyScreen />;
    case '/unit': return <ShareView />;
    case '/setup': return <SetupPasswordScreen />;
    case undefined: return <DeskApp />;
  }
}

function DeskApp() {
  const [phase, setPhase] = useState<'boot' | 'setup' | 'desk'>('boot');
  const [session, setSession] = useState<DeskSession>();

  useEffect(() => {
    void requestPersistence();
    (async () => {
      const saved = await getSetting<Lang>(db, 'lang');
      if (saved) lang.value = saved;
      const setup = await getSetting<DeskSetup>(db, 'deskSetup');
      const pkg = setup && (await loadPackage(db, setup.eventId));
      if (setup && pkg) {
        setSession(await openDesk(setup, pkg));
        setPhase('desk');
      } else {
        setPhase('setup');
      }
    })();
  }, []);

  useEffect(() => { if (phase !== 'boot') void putSetting(db, 'lang', lang.value); }, [lang.value]);
  useEffect(() => { document.documentElement.lang = lang.value; }, [lang.value]);

  useEffect(() => {
    onPackageUpdated = async (setup) => {
      const pkg = await loadPackage(db, setup.eventId);
      if (pkg) setSession(await openDesk(setup, pkg));
    };
    return () => { onPackageUpdated = undefined; };
  }, []);

  async function start(setup: DeskSetup, pkg: StoredPackage) {
    await putSetting(db, 'deskSetup', setup);
    setSession(await openDesk(setup, pkg));
    setPhase('desk');
  }

  async function changeDesk() {
    stopSync?.();
    await putSetting(db, 'deskSetup', null);
    setSession(undefined);
    setPhase('setup');
  }

  if (phase === 'boot') return <main class="boot" aria-busy="true" />;
  const quiesce = async () => { stopSync?.(); await syncIdle?.(); };
  if (phase === 'desk' && session) return <DeskScreen session={session} onChangeDesk={changeDesk} quiesce={quiesce} />;
  return <SetupScreen onStart={start} />;
}
