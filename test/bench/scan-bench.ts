// Camera → verdict through Chromium's fake camera playing a y4m of real codes: from the
// first frame that shows a code to the verdict painted, for our scanner and for
// html5-qrcode's out-of-the-box settings.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { buildY4m, installMarkerReader, segmentFirstSeen } from '../support/y4m.ts';
import { pairingCode, type RunningServer } from '../support/server.ts';

export interface ScanRun {
  /** First frame showing a code → verdict painted, per code caught (ms). */
  latencies: number[];
  /** Decode callback → verdict painted, per code caught (ms). */
  decodeToVerdict: number[];
  shown: number;
  admitted: number;
}

interface Timing { text: string; verdict: string; decodedAt: number; paintedAt: number }

/** Pairs and opens the desk for `eventId` on `page` and waits until the scanner runs. */
export async function openDesk(page: Page, url: string, eventId: number, server: RunningServer): Promise<void> {
  await page.goto(url);
  await page.click(`[data-testid=event-${eventId}]`);
  await page.fill('[data-testid=pair-code]', await pairingCode(server, eventId));
  await page.click('[data-testid=start-desk]', { timeout: 60_000 });
  await page.waitForFunction(() => document.body.dataset.scanner === 'running', null, { timeout: 60_000 });
}

/** Plays `codes` (each 1.5 s) to the desk once through and measures every code it shows. */
export async function scanRun(server: RunningServer, eventId: number, codes: string[], options: { baseline: boolean; workDir: string; cpuThrottle?: number }): Promise<ScanRun> {
  const secondsEach = 1.5;
  const video = await buildY4m({ codes, out: join(options.workDir, `codes-${options.baseline ? 'base' : 'fast'}${options.cpuThrottle ? '-slow' : ''}.y4m`), secondsEach, fps: 10 });
  const browser = await launchBrowser({ fakeVideoFile: video.path });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await installMarkerReader(context);
    const page = await context.newPage();
    // A low-end Android tablet: the page's CPU slowed (CDP throttles the page; the decoder
    // worker is a separate target and runs at full speed).
    if (options.cpuThrottle) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottle });
    await openDesk(page, options.baseline ? `${server.url}/?scanner=baseline` : server.url, eventId, server);
    // The file loops: wait one full pass after the scanner started, plus a segment of slack.
    const started = await page.evaluate(() => performance.now());
    const passMs = codes.length * secondsEach * 1000;
    await page.waitForTimeout(passMs + 3000);
    const firstSeen = await segmentFirstSeen(page);
    const timings: Timing[] = await page.evaluate(() => window.__scanTimings ?? []);
    const firstTiming = new Map<string, Timing>();
    for (const t of timings) if (!firstTiming.has(t.text)) firstTiming.set(t.text, t);
    const run: ScanRun = { latencies: [], decodeToVerdict: [], shown: 0, admitted: 0 };
    codes.forEach((code, i) => {
      const seen = firstSeen[i + 1];
      // A segment already on screen when the scanner started is not a clean sample.
      if (seen === undefined || seen < started + 200) return;
      run.shown++;
      const t = firstTiming.get(code);
      if (!t || t.verdict !== 'admitted' || t.paintedAt - seen > secondsEach * 1000 + 500) {
        console.log(`bench: missed segment ${i + 1} (seen ${Math.round(seen - started)} ms after start of a ${passMs} ms pass): ${t ? `${t.verdict} after ${Math.round(t.paintedAt - seen)} ms` : 'never decoded'}`);
        return;
      }
      run.admitted++;
      run.latencies.push(t.paintedAt - seen);
      run.decodeToVerdict.push(t.paintedAt - t.decodedAt);
    });
    return run;
  } finally {
    await browser.close();
  }
}
