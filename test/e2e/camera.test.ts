// The camera paths a desk meets on the day: Chromium's own fake capture playing codes made by
// ffmpeg (the same pipeline as a real webcam), and a camera that is refused or missing.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../support/browser.ts';
import { buildY4m } from '../support/y4m.ts';
import { chooseEvent, readDeskDb, useVenue } from '../support/e2e.ts';

// Each test launches the Chromium its camera needs; the venue gives the server only.
const venue = useVenue({ browser: false });
const work = mkdtempSync(join(tmpdir(), 'dd-camera-'));
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

describe('camera', () => {
  it('admits every code played through --use-file-for-fake-video-capture', async () => {
    const event = await venue.freshEvent(2);
    const people = (await venue.codes(event)).slice(0, 4);
    const video = await buildY4m({ codes: people.map((p) => p.code), out: join(work, 'codes.y4m'), secondsEach: 1.5, fps: 10 });
    const browser = await launchBrowser({ fakeVideoFile: video.path });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 1280 } });
      await page.goto(venue.server.url);
      await chooseEvent(page, event);
      await page.fill('[data-testid=pair-code]', await venue.pairingCode(event));
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
    const event = await venue.freshEvent(1);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      const page = await context.newPage();
      await page.goto(venue.server.url);
      await chooseEvent(page, event);
      await page.fill('[data-testid=pair-code]', await venue.pairingCode(event));
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
