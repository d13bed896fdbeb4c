// The one e2e harness: a venue is the sync server, Chromium, a signed-in coordinator and paired
// desks. Every e2e file shares ONE server process (e2e-server.ts, the project's globalSetup), so a
// file keeps out of the others' way by scanning only in events of its own (freshEvent).
//
// A new e2e file:
//
//   import { describe, expect, it } from 'vitest';
//   import { useVenue } from '../support/e2e.ts';
//
//   describe('the thing a volunteer does', () => {
//     const venue = useVenue();                          // before/after hooks: server, Chromium
//     it('admits a person at a paired desk', async () => {
//       const event = await venue.freshEvent(1);         // a copy of demo event 1 (Bắc Kạn) for this file only
//       const [person] = await venue.codes(event);
//       const desk = await venue.pairDesk({ event, desk: 'ban-1' });
//       expect(await venue.scan(desk, person!.code)).toBe('admitted');
//       const coordinator = await venue.browser.newContext();
//       await venue.coordinator(coordinator);            // session cookie; pass a Page to type the password
//       expect((await venue.packageOf(event)).participants.length).toBeGreaterThan(0);
//     });
//   });
//
// Counting totals? Count them in your own freshEvent: the demo events 1–3 and other files'
// copies live on the same server. A test that stops, kills or restarts the server, or needs it
// started with other settings, asks for its own: useVenue({ ownServer: { env: { … } } }), then
// venue.restartServer('kill9') brings it back on the same port (desks keep their origin's data).
// Self-registration is limited per address (10 per 10 minutes) across the shared server.
// The files also share one worker without isolation (vite.config.ts): keep state inside the file
// (no globals, no vi.mock), and close what you open that the venue does not (extra browsers).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { EventPackage } from '../../src/shared/schemas.ts';
import { buildDemoEvent } from '../../src/server/demo/seed.ts';
import { DEMO_PLANS } from '../../src/server/demo/plans.ts';
import { SqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import { launchBrowser, type LaunchOptions } from './browser.ts';
import { chooseEvent, newPairingCode, readDeskDb, scan, signInContext, signInOnScreen } from './desk-page.ts';
import type { SharedServer } from './e2e-server.ts';
import { installFakeCamera } from './fake-camera.ts';
import { fetchCodes, fetchPackage, pairingCode, startServer, type RosterCode, type RunningServer } from './server.ts';
import { COORDINATOR } from './sync-session.ts';

export { chooseEvent, newPairingCode, readDeskDb, scan };

/** The demo events a fresh one can be copied from: 1 Bắc Kạn, 2 Lạng Sơn, 3 Cần Thơ. */
export type DemoEventId = 1 | 2 | 3;

/** How useVenue sets up. */
export interface VenueOptions {
  /** A server process of the file's own (restart, crash, other env) instead of the shared one. */
  ownServer?: boolean | Parameters<typeof startServer>[0];
  /** Chromium's launch options, or false for a file that launches its own (persistent profiles). */
  browser?: LaunchOptions | false;
}

/** A desk to open and pair; see Venue.pairDesk. */
export interface DeskOptions {
  event: number;
  /** The desk's id in the event, e.g. 'ban-1'. */
  desk: string;
  /** The device name typed at pairing; `Máy <desk>` unless given. */
  name?: string;
  /** The browser context to open it in; a new one of venue.browser unless given. */
  context?: BrowserContext;
  /** An open tab to use instead of a new one (a persistent profile's first page). */
  page?: Page;
  /** The pairing code; a fresh one from the API unless given (e.g. read off the coordinator's screen). */
  code?: string;
  /** Opens the pairing link `/#pair=<code>` and checks the form took it, instead of typing the code. */
  viaLink?: boolean;
}

/** What a test file works with; valid from its beforeAll hooks on. */
export interface Venue {
  /** The running server: base URL, data dir and the coordinator's session cookie. */
  readonly server: SharedServer | RunningServer;
  /** Chromium for this file, closed after it. */
  readonly browser: Browser;
  /** A new event seeded exactly as demo event `like` (same units, names, desks; new keys), seen by this file only. */
  freshEvent(like: DemoEventId, options?: { date?: string }): Promise<number>;
  /** Every participant's code in the event, from the roster CSVs. */
  codes(eventId: number): Promise<RosterCode[]>;
  /** A fresh pairing code for the event, from the API. */
  pairingCode(eventId: number): Promise<string>;
  /** The event package as a desk downloads it. */
  packageOf(eventId: number): Promise<EventPackage>;
  /** A context gets the coordinator's cookie; a page signs in with the password on /coordinator and picks `eventId`. */
  coordinator(target: BrowserContext | Page, eventId?: number): Promise<void>;
  /** Opens a desk, pairs it and waits until it scans and has synced once. */
  pairDesk(options: DeskOptions): Promise<Page>;
  /** Shows a code to a desk's camera; resolves with the verdict on screen. */
  scan(page: Page, text: string): Promise<string>;
  /** Own server only: ends it (SIGTERM, or SIGKILL for a power cut) and starts it again on the same data dir and port. */
  restartServer(how?: 'stop' | 'kill9'): Promise<void>;
}

/** Copies demo event `like` under the next free id, straight into the server's SQLite file (as the set-password CLI writes). */
async function copyDemoEvent(dataDir: string, like: DemoEventId, options: { date?: string } = {}): Promise<number> {
  const plan = DEMO_PLANS.find((p) => p.event.id === like);
  if (!plan) throw new Error(`no demo event ${like}`);
  const store = new SqliteStore(join(dataDir, 'diemdanh.sqlite'));
  try {
    const id = Math.max(0, ...store.listEvents().map((e) => e.id)) + 1;
    const seeded = buildDemoEvent(plan);
    // `date` moves the copy to another day (today, for a desk whose clock must stay near the server's).
    store.createEvent({ ...seeded, event: { ...seeded.event, id, date: options.date ?? seeded.event.date } });
    return id;
  } finally {
    store.close();
  }
}

async function openPairedDesk(server: SharedServer, context: BrowserContext, options: DeskOptions): Promise<Page> {
  await installFakeCamera(context);
  const page = options.page ?? await context.newPage();
  const code = options.code ?? await pairingCode(server, options.event);
  await page.goto(options.viaLink ? `${server.url}/#pair=${code}` : server.url);
  // A pairing link opens its event by itself and asks only for the desk.
  if (!options.viaLink) await chooseEvent(page, options.event);
  await page.click(`[data-testid=desk-${options.desk}]`);
  if (options.viaLink) expect(await page.inputValue('[data-testid=pair-code]')).toBe(code);
  else await page.fill('[data-testid=pair-code]', code);
  await page.fill('[data-testid=device-name]', options.name ?? `Máy ${options.desk}`);
  await page.click('[data-testid=start-desk]');
  await page.waitForFunction(() => document.body.dataset.scanner === 'running');
  await page.waitForSelector('[data-testid=sync-status][data-state=idle]');
  return page;
}

/** Registers the file's hooks (server, Chromium) and returns its venue. Call it at the top of a file or describe. */
export function useVenue(options: VenueOptions = {}): Venue {
  let server: SharedServer | RunningServer | undefined;
  let browser: Browser | undefined;
  let own: RunningServer | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`venue.${what} is there from beforeAll on (call useVenue at the top of the file or describe)`);
    return value;
  };
  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([
      options.ownServer ? startServer(options.ownServer === true ? {} : options.ownServer) : undefined,
      options.browser === false ? undefined : launchBrowser(options.browser ?? {}),
    ]);
    if (started.status === 'fulfilled') own = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
    server = own ?? inject('e2eServer');
  });
  afterAll(async () => {
    await browser?.close();
    await own?.stop();
  });
  return {
    get server() { return ready(server, 'server'); },
    get browser() { return ready(browser, 'browser'); },
    freshEvent: (like, eventOptions) => {
      if (typeof options.ownServer === 'object' && options.ownServer.env?.['DATABASE_URL']) throw new Error('freshEvent copies into SQLite; this venue runs on PostgreSQL');
      return copyDemoEvent(ready(server, 'server').dataDir, like, eventOptions);
    },
    codes: (eventId) => fetchCodes(ready(server, 'server'), eventId),
    pairingCode: (eventId) => pairingCode(ready(server, 'server'), eventId),
    packageOf: (eventId) => {
      const { url, coordinator } = ready(server, 'server');
      return fetchPackage(url, eventId, coordinator);
    },
    coordinator: async (target, eventId) => {
      const running = ready(server, 'server');
      if ('goto' in target) await signInOnScreen(target, running.url, COORDINATOR, eventId);
      else await signInContext(target, running);
    },
    pairDesk: async (desk) => {
      const context = desk.page?.context() ?? desk.context ?? await ready(browser, 'browser').newContext();
      return openPairedDesk(ready(server, 'server'), context, desk);
    },
    scan,
    restartServer: async (how = 'stop') => {
      const running = own;
      if (!running) throw new Error('restartServer needs useVenue({ ownServer: … }): the shared server is every file\'s');
      await (how === 'kill9' ? running.kill9() : running.stop());
      const settings = options.ownServer === true ? {} : options.ownServer;
      own = await startServer({ ...settings, dataDir: running.dataDir, port: running.port });
      server = own;
    },
  };
}
