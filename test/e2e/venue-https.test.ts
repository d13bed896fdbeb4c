// Mode 1, a laptop on a hotspot: HTTPS with the venue's own CA. A tablet that trusts the CA
// (a throw-away NSS database, as Chromium on Linux reads it) goes from the plain-HTTP trust
// guide to the HTTPS desk with its pairing code, registers the service worker, scans with the
// camera and keeps scanning offline. A tablet that does not trust it gets the guide, not a blank camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs, launchBrowser } from '../support/browser.ts';
import { installFakeCamera } from '../support/fake-camera.ts';
import { parseRosterCsv, startServer, type RunningServer } from '../support/server.ts';
import { authHeaders, jsonInit } from '../support/sync-session.ts';
import { readDeskDb, scan, signInOnScreen } from '../support/desk-page.ts';
import { COORDINATOR } from '../support/sync-session.ts';

/** The machine's LAN address, as a tablet on the hotspot would open it (127.0.0.1 on a machine without one). */
const lanAddress = Object.values(networkInterfaces()).flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal && !entry.address.startsWith('169.254.'))?.address ?? '127.0.0.1';

let server: RunningServer;
const home = mkdtempSync(join(tmpdir(), 'dd-nss-home-'));
beforeAll(async () => {
  server = await startServer({ https: true });
  // A fresh NSS database trusting only the venue CA, in a HOME of its own.
  const db = `sql:${join(home, '.pki', 'nssdb')}`;
  execFileSync('mkdir', ['-p', join(home, '.pki', 'nssdb')]);
  execFileSync('certutil', ['-d', db, '-N', '--empty-password']);
  const caFile = join(home, 'venue-ca.pem');
  writeFileSync(caFile, server.venue!.caPem);
  execFileSync('certutil', ['-d', db, '-A', '-t', 'C,,', '-n', 'Điểm danh venue CA', '-i', caFile]);
}, 60_000);
afterAll(async () => { await server?.stop(); rmSync(home, { recursive: true, force: true }); });

const plainUrl = (): string => server.venue!.plainUrl.replace('127.0.0.1', lanAddress);
const httpsOrigin = (): string => `https://${lanAddress}:${server.port}`;

async function pairingCode(eventId: number): Promise<string> {
  const response = await server.fetcher(`/api/events/${eventId}/pairings`, jsonInit('POST', {}, server.coordinator));
  expect(response.status).toBe(201);
  const offer = (await response.json()) as { code: string; pairUrl: string };
  // The pairing QR points at the trust guide on plain HTTP, which forwards with the code kept.
  expect(offer.pairUrl).toBe(`http://${lanAddress}:${new URL(server.venue!.plainUrl).port}/#pair=${offer.code}`);
  return offer.code;
}

async function codesOfUnit(eventId: number, unitId: number) {
  const response = await server.fetcher(`/api/events/${eventId}/units/${unitId}/roster.csv`, { headers: authHeaders(server.coordinator) });
  expect(response.status).toBe(200);
  return parseRosterCsv(await response.text(), unitId);
}

/** Chromium reading the throw-away NSS database that trusts the venue CA. */
const trustedBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(), env: { ...process.env, HOME: home } });

describe('a venue laptop serving HTTPS with its own CA', () => {
  it('a trusted tablet goes from the trust guide to a paired desk, scans with the camera, and keeps scanning offline', async () => {
    const people = (await codesOfUnit(1, 1)).slice(0, 3);
    const code = await pairingCode(1);
    const browser = await trustedBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 800, height: 1280 } });
      await installFakeCamera(context);
      const page = await context.newPage();
      await page.goto(`${plainUrl()}/#pair=${code}`);
      await page.waitForURL((url) => url.protocol === 'https:', { timeout: 15_000 });
      expect(page.url()).toBe(`${httpsOrigin()}/#pair=${code}`);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      // The pairing link opens its event by itself: only the desk is asked for.
      await page.click('[data-testid=desk-ban-2]');
      expect(await page.inputValue('[data-testid=pair-code]')).toBe(code);
      await page.fill('[data-testid=device-name]', 'Máy tính bảng HTTPS');
      await page.click('[data-testid=start-desk]');
      await page.waitForFunction(() => document.body.dataset.scanner === 'running');
      expect(await scan(page, people[0]!.code)).toBe('admitted');

      // The desk's own check before the event: secure page, camera, the package, a recent sync.
      await page.waitForSelector('[data-testid=sync-status][data-state=idle]');
      await page.click('[data-testid=desk-data]');
      await page.waitForSelector('[data-testid=readiness]');
      expect(await page.getAttribute('[data-testid=readiness]', 'data-ready')).toBe('true');
      for (const id of ['secure', 'camera', 'package', 'sync']) {
        expect(await page.getAttribute(`[data-testid=readiness] [data-check=${id}]`, 'data-state')).toBe('ok');
      }
      expect(await page.textContent('[data-testid=readiness] [data-check=secure]')).toContain('HTTPS');
      await page.click('[data-testid=desk-data]');

      // The service worker took the page over: the desk reloads with no network and scans on.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
      await page.waitForSelector('[data-testid=pending][data-pending="0"]', { timeout: 20_000 });
      await context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.scanner === 'running');
      expect(await scan(page, people[1]!.code)).toBe('admitted');
      const stored = await readDeskDb(page);
      expect(stored.facts.map((f) => f.personKey).sort()).toEqual([people[0]!.no, people[1]!.no].map(String).sort());
      expect(stored.outbox.map((o) => o.factId)).toEqual([stored.facts.find((f) => f.personKey === String(people[1]!.no))!.id]);

      // Back online, the offline scan reaches the server over HTTPS.
      await context.setOffline(false);
      await page.waitForSelector('[data-testid=pending][data-pending="0"]', { timeout: 30_000 });
      const pulled = await server.fetcher('/api/events/1/facts?after=0', { headers: authHeaders(server.coordinator) });
      const onServer = ((await pulled.json()) as { facts: Array<{ personKey: string }> }).facts.map((f) => f.personKey);
      expect(onServer).toEqual(expect.arrayContaining([people[0]!.no, people[1]!.no].map(String)));
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('the coordinator screen shows the one QR new tablets scan: the trust guide on plain HTTP', async () => {
    const browser = await trustedBrowser();
    try {
      const page = await browser.newPage();
      await signInOnScreen(page, server.url, COORDINATOR, 1);
      await page.waitForSelector('[data-testid=venue-card] svg');
      expect(await page.textContent('[data-testid=venue-url]')).toBe(`${plainUrl()}/`);
      expect(await page.textContent('[data-testid=venue-card]')).toContain('Máy tính bảng mới');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('an untrusted tablet lands on the trust guide on plain HTTP, never on a blank camera', async () => {
    const code = await pairingCode(1);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${plainUrl()}/#pair=${code}`);
      await page.waitForSelector('#status[data-trust=untrusted]', { timeout: 15_000 });
      expect(page.url()).toBe(`${plainUrl()}/#pair=${code}`);
      expect(await page.textContent('#status')).toContain('chưa tin cậy');
      for (const id of ['android', 'ios', 'windows', 'macos']) expect(await page.locator(`#steps-${id}`).count()).toBe(1);
      expect(await page.textContent('#steps-ios')).toContain('Cài đặt tin cậy chứng nhận');
      expect(await page.textContent('#constraints')).toContain('không thể dùng để giả mạo');
      expect(await page.locator('[data-testid=pair-code]').count()).toBe(0);
      // The certificate it offers is the server's CA, byte for byte.
      const crt = await page.evaluate(async () => {
        const response = await fetch('/ca.crt');
        return { type: response.headers.get('content-type'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
      });
      expect(crt.type).toBe('application/x-x509-ca-cert');
      const der = Buffer.from(server.venue!.caPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      expect(Buffer.from(crt.bytes).equals(der)).toBe(true);
      // Going straight to HTTPS is refused by the browser: the certificate is not trusted here.
      await expect(page.goto(`${httpsOrigin()}/`)).rejects.toThrow(/ERR_CERT/);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
