// tally_render_ms: the coordinator's board in Chromium with 300 units expanded and 20,000
// check-ins; one more fact is pushed to the server, and the page's own User Timing measure
// (fact received → board's DOM updated) is read back.
import type { Browser } from 'playwright-core';
import type { Participant } from '../../src/shared/schemas.ts';
import { launchBrowser } from '../support/browser.ts';
import { signInContext } from '../support/desk-page.ts';
import type { RunningServer } from '../support/server.ts';
import { admitFact, httpFetcher, politeFetcher, push, type FactSource } from '../support/sync-session.ts';
import { BIG_EVENT_ID } from './big-event.ts';

const LOG_SIZE = 20_000;
const SAMPLES = 30;

/** Loads the big event's log into the server: 20,000 admissions from four desks, in batches of 500. */
async function loadLog(server: RunningServer, people: readonly Participant[], base: number): Promise<void> {
  const fetcher = politeFetcher(httpFetcher(server.url));
  const desks: FactSource[] = [1, 2, 3, 4].map((n) => ({ eventId: BIG_EVENT_ID, deviceId: `bench-${n}`, deskId: `ban-${n}` }));
  const facts = people.slice(0, LOG_SIZE).map((p, i) => admitFact(desks[i % 4]!, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: base + i * 150 }));
  for (let i = 0; i < facts.length; i += 500) await push(fetcher, server.coordinator, BIG_EVENT_ID, facts.slice(i, i + 500));
}

/** Re-render times (ms) of the 300-unit board after each new fact. */
export async function tallyRenderTimes(server: RunningServer, people: readonly Participant[]): Promise<number[]> {
  const base = Date.now() - 3 * 3600_000;
  await loadLog(server, people, base);
  const browser: Browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await signInContext(context, server);
    const page = await context.newPage();
    await page.goto(`${server.url}/tally?event=${BIG_EVENT_ID}&sort=name`);
    await page.waitForSelector('[data-testid=freshness][data-state=live]', { timeout: 60_000 });
    await page.click('[data-testid=expand-all]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=board] tr[data-line^="u:"]').length === 300);
    const fetcher = politeFetcher(httpFetcher(server.url));
    const desk: FactSource = { eventId: BIG_EVENT_ID, deviceId: 'bench-live', deskId: 'ban-1' };
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const p = people[LOG_SIZE + i]!;
      await page.evaluate(() => performance.clearMeasures('tally-render'));
      await push(fetcher, server.coordinator, BIG_EVENT_ID, [admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: Date.now() })]);
      await page.waitForFunction(() => performance.getEntriesByName('tally-render', 'measure').length > 0, undefined, { timeout: 5_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('tally-render', 'measure')[0]!.duration));
      await page.waitForTimeout(50);
    }
    const shown = Number(await page.getAttribute('[data-testid=targets] [data-checkpoint=arrived]', 'data-count'));
    if (shown !== LOG_SIZE + SAMPLES) throw new Error(`tally_render: the board shows ${shown} arrivals, expected ${LOG_SIZE + SAMPLES}`);
    return times;
  } finally {
    await browser.close();
  }
}
