// The camera paths a desk meets on the day: Chromium's own fake capture playing codes made by
// ffmpeg (the same pipeline as a real webcam), and a camera that is refused or missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, fetchCodes, pairingCode, type RunningServer } from '../support/server.ts';
import { launchBrowser } from '../support/browser.ts';
import { buildY4m } from '../support/y4m.ts';
import { readDeskDb } from './desk-idb.ts';

let server: RunningServer;
const work = mkdtempSync(join(tmpdir(), 'dd-camera-'));
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); rmSync(work, { recursive: true, force: true }); });

describe('camera', () => {
  it('admits every code played through --use-file-for-fake-video-capture', async () => {
    const people = (await fetchCodes(server, 2)).slice(0, 4);
    const video = await buildY4m({ codes: people.map((p) => p.code), out: join(work, 'codes.y4m'), secondsEach: 1.5, fps: 10 });
    const browser = await launchBrowser({ fakeVideoFile: video.path });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 1280 } });
      await page.goto(server.url);
      await page.click('[data-testid=event-2]');
      await page.fill('[data-testid=pair-code]', await pairingCode(server, 2));
      await page.click('[data-testid=start-desk]');
      await page.waitForFunction(() => document.body.dataset.scanner === 'running');
      expect(await page.evaluate(() => document.body.dataset.decoder)).toBe('zxing-wasm');
      // The file loops; within two passes every code has been in view at least once.
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=recent] li[data-verdict=admitted]').length >= n,
        people.length, { timeout: 20_000 });
      const names = await page.$$eval('[data-testid=recent] li[data-verdict=admitted] .r-name', (els) => els.map((e) => e.textContent));
      expect(new Set(names)).toEqual(new Set(people.map((p) => p.name)));
      const stored = await readDeskDb(page);
      expect(new Set(stored.facts.map((f) => f.personKey))).toEqual(new Set(people.map((p) => String(p.no))));
      expect(stored.facts.every((f) => f.method === 'scan' && f.checkpoint === 'arrived')).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('says plainly when the camera is refused, and name lookup still admits', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.click('[data-testid=event-1]');
      await page.fill('[data-testid=pair-code]', await pairingCode(server, 1));
      await page.click('[data-testid=start-desk]');
      const problem = page.locator('[data-testid=camera-problem]');
      await problem.waitFor();
      expect(await problem.getAttribute('data-problem')).toBe('denied');
      expect(await problem.textContent()).toContain('Không được phép dùng camera');
      await page.fill('[data-testid=lookup-input]', 'nguyen van an');
      await page.click('[data-testid=lookup-result]');
      await page.waitForSelector('[data-verdict=admitted] >> text=Nguyễn Văn An');
      const stored = await readDeskDb(page);
      expect(stored.facts).toHaveLength(1);
      expect(stored.facts[0]).toMatchObject({ method: 'lookup', personKey: '1' });
    } finally {
      await browser.close();
    }
  });
});
