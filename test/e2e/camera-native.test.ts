// The camera at its own resolution: zxing-cpp in a worker reads a code too small for the old
// viewfinder-sized decode, offline after install with the wasm from the precache and no
// request to any other origin; and without the wasm the old decoder reads and the desk says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { startServer, fetchCodes, pairingCode, type RunningServer } from '../support/server.ts';
import { CHROMIUM_PATH, chromiumArgs, launchBrowser } from '../support/browser.ts';
import { installFakeCamera } from '../support/fake-camera.ts';
import { buildY4m } from '../support/y4m.ts';
import { picturesToY4m } from '../support/y4m-frames.ts';
import { readDeskDb } from '../support/desk-page.ts';

let server: RunningServer;
const work = mkdtempSync(join(tmpdir(), 'dd-camera-native-'));
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); rmSync(work, { recursive: true, force: true }); });

function openProfile(profileDir: string, options: { offline: boolean; fakeVideoFile?: string }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH, headless: true, offline: options.offline,
    viewport: { width: 800, height: 1280 }, args: chromiumArgs({ fakeVideoFile: options.fakeVideoFile }),
  });
}

/** Every request the context makes, pages, workers and the service worker alike. */
function recordRequests(context: BrowserContext): Request[] {
  const seen: Request[] = [];
  context.on('request', (r) => seen.push(r));
  return seen;
}

function foreign(requests: Request[]): string[] {
  return requests.map((r) => r.url()).filter((url) => !url.startsWith(server.url) && !/^(data|blob):/.test(url));
}

describe('camera at native resolution', () => {
  it('reads a small code in a 1280×720 frame, offline after install, never leaving our origin', async () => {
    const person = (await fetchCodes(server, 2))[0]!;
    // 3 px a module at 1280×720: 1.5 px once decoded at a 640-px viewfinder's size.
    const png = join(work, 'small.png');
    await QRCode.toFile(png, person.code, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 3 });
    const video = await picturesToY4m({ pictures: [png], out: join(work, 'small.y4m'), secondsEach: 2 });
    const profileDir = join(work, 'profile');

    // Install online with a blank camera: pair, let the service worker precache the wasm.
    let context = await openProfile(profileDir, { offline: false });
    const online = recordRequests(context);
    await installFakeCamera(context);
    let page = await context.newPage();
    await page.goto(server.url);
    await page.click('[data-testid=event-2]');
    await page.fill('[data-testid=pair-code]', await pairingCode(server, 2));
    await page.click('[data-testid=start-desk]');
    await page.waitForFunction(() => document.body.dataset.scanner === 'running');
    expect(await page.evaluate(() => document.body.dataset.decoder)).toBe('zxing-wasm');
    await page.waitForFunction(async () => {
      for (const name of await caches.keys()) {
        if ((await (await caches.open(name)).keys()).some((r) => r.url.endsWith('.wasm'))) return true;
      }
      return false;
    }, null, { timeout: 30_000 });
    // Installed is not yet active: close only once the worker controls the page, as a desk that
    // was opened once before the event would be (on a loaded machine activation lags the precache).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await context.close();
    expect(foreign(online)).toEqual([]);

    // Cold start with the network off since install, the camera now playing the code.
    context = await openProfile(profileDir, { offline: true, fakeVideoFile: video });
    const offline = recordRequests(context);
    try {
      page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => document.body.dataset.scanner === 'running');
      expect(await page.evaluate(() => [document.body.dataset.decoder, document.body.dataset.frame])).toEqual(['zxing-wasm', '1280x720']);
      await page.waitForSelector(`[data-verdict=admitted] >> text=${person.name}`, { timeout: 20_000 });
      const wasm = offline.filter((r) => r.url().endsWith('.wasm'));
      expect(wasm.length).toBeGreaterThan(0);
      for (const r of wasm) expect((await r.response())?.fromServiceWorker()).toBe(true);
      const stored = await readDeskDb(page);
      expect(stored.facts.filter((f) => f.kind === 'admit').map((f) => [f.personKey, f.method])).toEqual([[String(person.no), 'scan']]);
      expect(foreign(offline)).toEqual([]);
      expect(await page.locator('[data-testid=decoder-fallback]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('falls back to the old decoder when the wasm cannot load, says so, and still admits', async () => {
    const person = (await fetchCodes(server, 2))[1]!;
    const video = await buildY4m({ codes: [person.code], out: join(work, 'one.y4m'), secondsEach: 2, fps: 10 });
    const browser = await launchBrowser({ fakeVideoFile: video.path });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
      await context.route('**/*.wasm', (route) => route.abort());
      const page = await context.newPage();
      await page.goto(server.url);
      await page.click('[data-testid=event-2]');
      await page.fill('[data-testid=pair-code]', await pairingCode(server, 2));
      await page.click('[data-testid=start-desk]');
      await page.waitForFunction(() => document.body.dataset.scanner === 'running', null, { timeout: 30_000 });
      expect(await page.evaluate(() => document.body.dataset.decoder)).toBe('html5-qrcode');
      expect(await page.textContent('[data-testid=decoder-fallback]')).toContain('Bộ đọc mã nhanh không tải được');
      await page.waitForSelector(`[data-verdict=admitted] >> text=${person.name}`, { timeout: 20_000 });
      const stored = await readDeskDb(page);
      expect(stored.facts.map((f) => [f.personKey, f.method])).toEqual([[String(person.no), 'scan']]);
    } finally {
      await browser.close();
    }
  });
});
