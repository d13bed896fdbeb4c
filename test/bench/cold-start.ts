// Offline cold start: a browser started with no network, navigating to the desk, until the
// scanner runs. The profile was set up online once, as a desk is the day before.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistent } from '../support/persistent.ts';
import type { RunningServer } from '../support/server.ts';
import { openDesk } from './scan-bench.ts';

const READY_PROBE = String.raw`
new MutationObserver((_, observer) => {
  if (document.body && document.body.dataset.scanner === 'running') { window.__readyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-scanner'] });`;

/** Milliseconds from navigation start to "ready to scan", one sample per browser start. */
export async function offlineColdStarts(server: RunningServer, eventId: number, runs: number): Promise<number[]> {
  const profile = mkdtempSync(join(tmpdir(), 'dd-bench-profile-'));
  let context = await launchPersistent(profile);
  const page = await context.newPage();
  await openDesk(page, server.url, eventId, server);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.close();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    context = await launchPersistent(profile, { offline: true });
    await context.addInitScript({ content: READY_PROBE });
    const p = context.pages()[0] ?? await context.newPage();
    await p.goto(server.url);
    await p.waitForFunction(() => (window as { __readyAt?: number }).__readyAt !== undefined, null, { timeout: 20_000 });
    samples.push(await p.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt));
    await context.close();
  }
  return samples;
}
