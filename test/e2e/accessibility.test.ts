// An accessibility check (axe-core) on every screen a person meets: the desk's set-up and scanning
// screens, the tally, the projector, a unit leader's share view, the coordinator's tabs, and the
// server's own pages (registration, reports). No serious or critical violation is allowed.
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { jsonInit } from '../support/sync-session.ts';
import { chooseEvent, newPairingCode, useVenue } from '../support/e2e.ts';

/** The violations that fail a screen, one line each, for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  // The fake camera's <video> has no captions to offer; everything else is checked.
  const result = await new AxeBuilder({ page: page as never }).exclude('video').analyze();
  return result.violations
    // Serious and critical ones, and three the screens once lacked whatever axe rates them: one h1,
    // a main landmark, and table headers that say what their column holds.
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ['page-has-heading-one', 'landmark-one-main', 'empty-table-header'].includes(v.id))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('accessibility', () => {
  const venue = useVenue();
  it('the desk: set-up, a verdict on screen, the data panel', async () => {
    const { browser, server } = venue;
    const event = await venue.freshEvent(1);
    const codes = await venue.codes(event);
    const coordinator = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await venue.coordinator(coordinator, event);
    expect(await violations(coordinator), 'coordinator devices').toEqual([]);
    for (const tab of ['import', 'event', 'codes', 'walk-ins']) {
      await coordinator.click(`[data-testid=tab-${tab}]`);
      await coordinator.waitForLoadState('networkidle');
      expect(await violations(coordinator), `coordinator ${tab}`).toEqual([]);
    }
    await coordinator.click("[data-testid=tab-devices]");
    const code = await newPairingCode(coordinator);

    const setup = await (await browser.newContext({ viewport: { width: 800, height: 1280 } })).newPage();
    await setup.goto(server.url);
    await setup.locator(`[data-testid=event-${event}]`).or(setup.locator('[data-testid=show-past-events]')).first().waitFor();
    expect(await violations(setup), 'desk event chooser').toEqual([]);
    await chooseEvent(setup, event);
    await setup.waitForSelector('[data-testid=start-desk]');
    expect(await violations(setup), 'desk set-up').toEqual([]);

    const desk = await venue.pairDesk({ event, desk: 'ban-1', code, viaLink: true, context: await browser.newContext({ viewport: { width: 800, height: 1280 } }) });
    const { scan } = venue;
    expect(await scan(desk, codes[0]!.code)).toBe('admitted');
    // Each verdict has its own shape beside its words, never colour alone.
    expect(await desk.getAttribute('[data-testid=verdict] .verdict-icon', 'data-icon')).toBe('admitted');
    expect(await violations(desk), 'desk, admitted').toEqual([]);
    expect(await scan(desk, 'hello')).toBe('not-a-code');
    expect(await desk.getAttribute('[data-testid=verdict] .verdict-icon', 'data-icon')).toBe('not-a-code');
    expect(await violations(desk), 'desk, not a code').toEqual([]);
    await desk.click('[data-testid=desk-data]');
    await desk.waitForSelector('[data-testid=desk-data-panel]');
    expect(await violations(desk), 'desk data panel').toEqual([]);
  });

  it('the tally, the projector and a unit leader’s view', async () => {
    const { browser, server } = venue;
    const event = await venue.freshEvent(1);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await venue.coordinator(context);
    const board = await context.newPage();
    await board.goto(`${server.url}/tally?event=${event}`);
    await board.waitForSelector('[data-testid=freshness][data-state=live]');
    expect(await violations(board), 'tally').toEqual([]);
    await board.goto(`${server.url}/tally?event=${event}&projector=1`);
    await board.waitForSelector('[data-testid=projector-board]');
    expect(await violations(board), 'projector').toEqual([]);

    const made = await fetch(`${server.url}/api/events/${event}/units/2/shares`, jsonInit('POST', {}, server.coordinator));
    expect(made.status).toBe(201);
    const { url } = await made.json() as { url: string };
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, server.url));
    await phone.waitForSelector('[data-testid=share-view] [data-testid=freshness][data-state=live]');
    expect(await violations(phone), 'share view').toEqual([]);
  });

  it('the server’s own pages: registration and reports', async () => {
    const { browser, server } = venue;
    const event = await venue.freshEvent(3);
    expect((await fetch(`${server.url}/api/events/${event}/registration`, jsonInit('PUT', { open: true, caps: {} }, server.coordinator))).status).toBe(200);
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${server.url}/r/${event}`);
    await phone.waitForSelector('form#register');
    expect(await violations(phone), 'registration').toEqual([]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await venue.coordinator(context);
    const coordinator = await context.newPage();
    for (const path of [`/api/events/${event}/reports`, `/api/events/${event}/reports/print`, `/api/events/${event}/codes`]) {
      await coordinator.goto(`${server.url}${path}`);
      expect(await violations(coordinator), path).toEqual([]);
    }
  });
});
