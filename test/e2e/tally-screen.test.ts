// The coordinator's live tally with two desks scanning in other Chromium contexts: the screen's
// numbers follow within a second and equal the server's; a unit leader's share link sees its
// unit only, until revoked; a desk's own view says "local only". Screenshots are artefacts.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ShareLinkRow } from '../../src/shared/board.ts';
import type { TallySnapshot } from '../../src/server/live/tally-snapshot.ts';
import { PROJECT_ROOT, type RosterCode } from '../support/server.ts';
import { newPairingCode, readDeskDb, useVenue } from '../support/e2e.ts';
import { authHeaders } from '../support/sync-session.ts';

const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');
const venue = useVenue();
let event: number;
let codes: RosterCode[];

beforeAll(async () => {
  event = await venue.freshEvent(1);
  codes = await venue.codes(event);
  mkdirSync(SCREENS, { recursive: true });
});

const arrivedOnScreen = (page: Page) => page.getAttribute('[data-testid=targets] [data-checkpoint=arrived]', 'data-count').then(Number);

/** Waits until the screen shows `count` arrivals and returns how long that took after `since`. */
async function seen(page: Page, count: number, since: number): Promise<number> {
  await page.waitForSelector(`[data-testid=targets] [data-checkpoint=arrived][data-count="${count}"]`, { timeout: 5_000 });
  return Date.now() - since;
}

async function serverArrived(): Promise<{ total: number; byUnit: Map<number, number> }> {
  const { url, coordinator } = venue.server;
  const snapshot = (await (await fetch(`${url}/api/events/${event}/tally`, { headers: authHeaders(coordinator) })).json()) as TallySnapshot;
  const arrived = snapshot.checkpoints.find((c) => c.checkpoint === 'arrived')!;
  return { total: arrived.total, byUnit: new Map(arrived.units.map((u) => [u.unitId, u.count])) };
}

describe('live tally screen', () => {
  it('follows two desks within a second, matches the server, and rolls the wards up', async () => {
    const { browser, server, scan } = venue;
    const coordinatorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const pairing = await coordinatorContext.newPage();
    await venue.coordinator(pairing, event);
    const deskA = await venue.pairDesk({ event, desk: 'ban-1', code: await newPairingCode(pairing), viaLink: true });
    const deskB = await venue.pairDesk({ event, desk: 'ban-2', code: await newPairingCode(pairing), viaLink: true });

    const board = await coordinatorContext.newPage();
    await board.goto(`${server.url}/tally?event=${event}`);
    await board.waitForSelector('[data-testid=freshness][data-state=live]');
    expect(await arrivedOnScreen(board)).toBe(0);
    expect(await board.getAttribute('[data-testid=targets] [data-checkpoint=registered]', 'data-count')).toBe(String(codes.length));

    // Bắc Kạn's 8 wards and communes are one line of 160 until expanded.
    const wards = board.locator('[data-line="g:Ban Chỉ đạo vận động HMTN 08 xã, phường"]');
    expect(await wards.getAttribute('data-quota')).toBe('160');

    const ward = codes.find((c) => c.unitId >= 5 && c.unitId <= 12)!;
    const plan: Array<[Page, RosterCode]> = [[deskA, codes[0]!], [deskB, codes[1]!], [deskA, ward], [deskB, codes[40]!]];
    const delays: number[] = [];
    for (const [i, [desk, code]] of plan.entries()) {
      expect(await scan(desk, code.code)).toBe('admitted');
      delays.push(await seen(board, i + 1, Date.now()));
    }
    // The desk's verdict is painted before the sync kick; the screen follows within a second.
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(await wards.getAttribute('data-count')).toBe('1');
    await wards.locator('[data-testid=expand]').click();
    expect(await board.getAttribute(`[data-line="u:${ward.unitId}"]`, 'data-count')).toBe('1');

    // The same person at the other desk is one person, on the screen and on the server.
    await deskB.waitForTimeout(3_100);
    expect(await scan(deskB, codes[0]!.code)).toBe('already');
    const truth = await serverArrived();
    expect(truth.total).toBe(4);
    expect(await arrivedOnScreen(board)).toBe(4);
    for (const [unitId, count] of truth.byUnit) {
      const line = board.locator(`[data-line="u:${unitId}"]`);
      if (count > 0 && (await line.count()) > 0) expect(Number(await line.getAttribute('data-count'))).toBe(count);
    }
    // Each desk's own log adds up to the same four people.
    const deskFacts = [...(await readDeskDb(deskA)).facts, ...(await readDeskDb(deskB)).facts].filter((f) => f.kind === 'admit');
    expect(new Set(deskFacts.map((f) => f.personKey)).size).toBe(4);
    await board.screenshot({ path: join(SCREENS, 'tally-1920x1080.png') });

    // Undo at desk A takes the person off the screen.
    await deskA.locator('[data-testid=recent] [data-testid=undo]').first().click();
    await deskA.locator('[data-testid=recent] [data-testid=undo-confirm]').click();
    await seen(board, 3, Date.now());

    await board.click('[data-testid=projector]');
    await board.waitForSelector('[data-testid=projector-board]');
    expect(await board.textContent('[data-testid=clock]')).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    // Every unit under its group's total: 2 groups + 13 units do not fit 1080 px, so pages turn by themselves.
    const projector = board.locator('[data-testid=projector-board]');
    expect(await projector.getAttribute('data-pages')).toBe('2');
    expect(await projector.getAttribute('data-page')).toBe('0');
    expect(await board.locator('.projector-lines li').count()).toBe(11); // (1080 − 330) / 64 rows
    await board.screenshot({ path: join(SCREENS, 'tally-projector-1920x1080.png') });
    await board.waitForSelector('[data-testid=projector-board][data-page="1"]', { timeout: 12_000 });
    expect(await board.locator('.projector-lines li').count()).toBe(4); // the other 15 − 11

    for (const [w, h, name] of [[1280, 800, 'tally-1280x800'], [800, 1280, 'tally-800x1280']] as const) {
      const tablet = await (await browser.newContext({ viewport: { width: w, height: h }, storageState: await coordinatorContext.storageState() })).newPage();
      await tablet.goto(`${server.url}/tally?event=${event}&sort=name`);
      await tablet.waitForSelector('[data-testid=freshness][data-state=live]');
      expect(await arrivedOnScreen(tablet)).toBe(3);
      await tablet.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
    }

    // A desk's own view of the tally is labelled as this device's log only.
    await deskB.goto(`${server.url}/tally?event=${event}&local=1`);
    await deskB.waitForSelector('[data-testid=freshness][data-state=local]');
    expect(await deskB.textContent('[data-testid=freshness]')).toContain('Chỉ số liệu trên máy này');
  });

  it('shows a unit leader their unit only, live, until the link is revoked', async () => {
    const { browser, server, scan } = venue;
    const unitId = codes[60]!.unitId;
    // The coordinator makes the link on the screen; it is shown once.
    const coordinator = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await venue.coordinator(coordinator, event);
    await coordinator.selectOption('[data-testid=share-unit]', String(unitId));
    await coordinator.click('[data-testid=make-share]');
    const url = await (await coordinator.waitForSelector('[data-testid=share-url]')).inputValue();
    expect(url).toMatch(/\/unit#share=[\w-]{43}$/);
    const links = (await (await fetch(`${server.url}/api/events/${event}/shares`, { headers: authHeaders(server.coordinator) })).json()) as ShareLinkRow[];
    const offer = links.find((l) => l.unitId === unitId && !l.revoked)!;
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(url);
    await phone.waitForSelector('[data-testid=share-view] [data-testid=freshness][data-state=live]');
    const before = Number(await phone.getAttribute('[data-checkpoint=arrived]', 'data-count'));
    expect(await phone.locator('[data-line]').count()).toBe(0); // no other unit anywhere on the page

    const pairing = await (await browser.newContext()).newPage();
    await venue.coordinator(pairing, event);
    const desk = await venue.pairDesk({ event, desk: 'ban-3', code: await newPairingCode(pairing), viaLink: true });
    const sameUnit = codes.filter((c) => c.unitId === unitId).slice(-1)[0]!;
    const otherUnit = codes.find((c) => c.unitId !== unitId)!;
    expect(await scan(desk, otherUnit.code)).toMatch(/admitted|already/);
    expect(await scan(desk, sameUnit.code)).toBe('admitted');
    await phone.waitForSelector(`[data-checkpoint=arrived][data-count="${before + 1}"]`, { timeout: 5_000 });
    await phone.screenshot({ path: join(SCREENS, 'share-390x844.png'), fullPage: true });

    await coordinator.reload();
    await coordinator.click(`[data-share="${offer.id}"] [data-testid=revoke-share]`);
    await coordinator.waitForSelector(`[data-share="${offer.id}"] >> text=Đã thu hồi`);
    await phone.reload();
    await phone.waitForSelector('[data-testid=freshness][data-state=failed]');
    expect(await phone.textContent('[data-testid=freshness]')).toContain('thu hồi');
  });
});
