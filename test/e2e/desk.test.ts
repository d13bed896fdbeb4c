// The desk end to end in Debian's Chromium against the real server: scan through a fake
// camera, read the verdict on screen and the rows in IndexedDB, cut the network, reload,
// restart the browser, keep scanning, lose nothing: back online, the server has every fact.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RosterCode } from '../support/server.ts';
import { PullResponse } from '../../src/shared/sync.ts';
import { authHeaders } from '../support/sync-session.ts';
import { launchPersistent } from '../support/persistent.ts';
import { readDeskDb, useVenue } from '../support/e2e.ts';

// The desk runs in a persistent profile of its own (restarted below), not in venue.browser.
const venue = useVenue({ browser: false });
let event: number;
let codes: RosterCode[];
let otherEventCode: string;
const profileDir = mkdtempSync(join(tmpdir(), 'dd-profile-'));
// The Bắc Kạn event, held today: a desk's clock may be at most a day off the server's (its
// facts are refused otherwise), so the desk's fixed clock is 08:45 today, inside the 08:30–10:00 slot.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const ON_TIME = new Date(`${TODAY}T08:45:00+07:00`);

async function openDesk(context: BrowserContext): Promise<Page> {
  await context.clock.setFixedTime(ON_TIME);
  const page = context.pages()[0] ?? await context.newPage();
  return page;
}

beforeAll(async () => {
  event = await venue.freshEvent(1, { date: TODAY });
  codes = await venue.codes(event);
  otherEventCode = (await venue.codes(3))[0]!.code; // demo event 3: only read, never scanned in
});

describe('desk with no network', () => {
  it('admits, rejects, undoes, looks up, and keeps every fact through offline reloads and a restart', async () => {
    const an = codes.find((c) => c.name === 'Nguyễn Văn An')!;
    const dao = codes.find((c) => c.name === 'Đặng Thị Đào')!;
    const others = codes.filter((c) => c !== an && c !== dao);
    const { server, scan } = venue;
    let context = await launchPersistent(profileDir);
    let page = await venue.pairDesk({ event, desk: 'ban-2', page: await openDesk(context) });

    // Admitted: full-width verdict, the person, the unit, on time against the 08:30–10:00 slot.
    expect(await scan(page, an.code)).toBe('admitted');
    expect(await page.textContent('[data-testid=verdict-name]')).toBe('Nguyễn Văn An');
    expect(await page.getAttribute('[data-testid=punctuality]', 'data-punctuality')).toBe('on-time');
    let stored = await readDeskDb(page);
    expect(stored.facts).toHaveLength(1);
    expect(stored.facts[0]).toMatchObject({ personKey: String(an.no), kind: 'admit', deskId: 'ban-2', checkpoint: 'arrived', method: 'scan' });

    // The same person again (after the 3 s repeat window): already, with when and where.
    await page.waitForTimeout(3_100);
    expect(await scan(page, an.code)).toBe('already');
    expect(await page.textContent('[data-testid=first-scan]')).toContain('08:45');
    expect(await page.textContent('[data-testid=first-scan]')).toContain('Bàn 2');

    // Rejections write nothing.
    const tampered = an.code.slice(0, 40) + (an.code[40] === 'A' ? 'B' : 'A') + an.code.slice(41);
    expect(await scan(page, tampered)).toBe('forged');
    expect(await scan(page, otherEventCode)).toBe('wrong-event');
    expect(await scan(page, 'https://example.com/khong-phai-ma')).toBe('not-a-code');
    expect((await readDeskDb(page)).facts).toHaveLength(1);

    // Undo the admission: a void fact, the admission kept; the person can be admitted again.
    // It asks once, on the row itself, naming the person.
    await page.click('[data-testid=recent] li[data-verdict=admitted] [data-testid=undo]');
    expect(await page.textContent('[data-testid=undo-confirm]')).toBe('Huỷ điểm danh của Nguyễn Văn An?');
    expect((await readDeskDb(page)).facts).toHaveLength(1);
    await page.click('[data-testid=undo-confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=recent] .undone') !== null);
    stored = await readDeskDb(page);
    expect(stored.facts.map((f) => f.kind).sort()).toEqual(['admit', 'void']);
    expect(stored.facts.find((f) => f.kind === 'void')!.voids).toBe(stored.facts.find((f) => f.kind === 'admit')!.id);

    // Lookup without diacritics, tap to admit.
    await page.fill('[data-testid=lookup-input]', 'dang thi dao');
    await page.click('[data-testid=lookup-result]');
    await page.waitForSelector('[data-verdict=admitted] >> text=Đặng Thị Đào');
    // Walk-in.
    await page.click('[data-testid=walk-in-open]');
    await page.fill('[data-testid=walk-in-name]', 'Lý Thị Hồng Nhung');
    await page.click('[data-testid=walk-in-save]');
    await page.waitForSelector('[data-verdict=admitted] >> text=Lý Thị Hồng Nhung');
    stored = await readDeskDb(page);
    expect(stored.facts.map((f) => f.method).sort()).toEqual(['lookup', 'scan', 'undo', 'walk-in']);
    // The tally strip follows the verdict by a frame.
    await page.waitForFunction(() => document.querySelector('[data-testid=tally-desk-total]')?.textContent === '2');

    // Cut the network, reload: the service worker brings the desk back; keep scanning.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.scanner === 'running');
    expect(await page.getAttribute('[data-testid=net-status]', 'class')).toContain('warn');
    expect(await scan(page, others[0]!.code)).toBe('admitted');
    expect(await scan(page, others[1]!.code)).toBe('admitted');

    // Close the browser, start it again with no network: same desk, same facts, scan on.
    await context.close();
    context = await launchPersistent(profileDir, { offline: true });
    page = await openDesk(context);
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.scanner === 'running');
    expect(await scan(page, others[2]!.code)).toBe('admitted');
    expect(await scan(page, others[0]!.code)).toBe('already');

    stored = await readDeskDb(page);
    const admits = stored.facts.filter((f) => f.kind === 'admit');
    expect(admits.map((f) => f.personKey).sort()).toEqual(
      [an.no, dao.no, others[0]!.no, others[1]!.no, others[2]!.no].map(String).concat(admits.filter((f) => f.method === 'walk-in').map((f) => f.personKey)).sort());
    expect(stored.outbox.length).toBeGreaterThan(0); // the offline scans wait on the device

    // The network returns: every fact on the device reaches the server, none twice.
    await context.setOffline(false);
    await page.waitForSelector('[data-testid=pending][data-pending="0"]', { timeout: 30_000 });
    const onServer = PullResponse.parse(await (await fetch(`${server.url}/api/events/${event}/facts?after=0`, { headers: authHeaders(server.coordinator) })).json());
    stored = await readDeskDb(page);
    expect(onServer.facts.map((f) => f.id).sort()).toEqual(stored.facts.map((f) => f.id).sort());
    expect(stored.outbox).toHaveLength(0);
    await context.close();
  });
});
