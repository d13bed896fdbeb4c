// Issue 13 item 3 on the desk, in Debian's Chromium against the real server: one scan the server
// refuses (its desk id rewritten on the way, as a stale desk would send it) lands in the desk's
// quarantine with a notice, does not hold back the next scan, and is in the desk's own scan log.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { RosterCode } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';
import { httpFetcher, pullAll } from '../support/sync-session.ts';
import { readDeskDb } from '../support/desk-page.ts';

// Its own server: the test rewrites a desk's push on the way and reads the server's whole log.
const venue = useVenue({ ownServer: true });
let codes: RosterCode[];
beforeAll(async () => { codes = await venue.codes(1); });
const { scan } = venue;
const openPairedDesk = (context: BrowserContext, deskId: string): Promise<Page> => venue.pairDesk({ event: 1, desk: deskId, context });

describe('a fact the server refuses', () => {
  it('is quarantined on the desk, shown, kept in its scan log, and holds nothing back', async () => {
    const context = await venue.browser.newContext({ acceptDownloads: true });
    const desk = await openPairedDesk(context, 'ban-1');
    const [an, dao] = [codes[0]!, codes[3]!];
    // Every push naming An is sent as from a desk the event does not have.
    await context.route('**/api/events/1/facts', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}') as { facts: Array<{ personKey: string; deskId: string }> };
      for (const f of body.facts) if (f.personKey === String(an.no)) f.deskId = 'ban-da-xoa';
      return route.continue({ postData: JSON.stringify(body) });
    });
    expect(await scan(desk, an.code)).toBe('admitted');
    const notice = await desk.waitForSelector('[data-testid=quarantine-notice][data-count="1"]');
    expect(await notice.textContent()).toContain('1 lượt quét bị máy chủ từ chối');
    expect(await scan(desk, dao.code)).toBe('admitted');
    await desk.waitForSelector('[data-testid=pending][data-pending="0"]');
    const stored = await readDeskDb(desk);
    expect(stored.outbox).toEqual([]);
    expect(stored.facts.map((f) => f.personKey)).toEqual([String(dao.no)]);
    const server1 = (await pullAll(httpFetcher(venue.server.url), venue.server.coordinator, 1)).facts;
    expect(server1.map((f) => f.personKey)).toEqual([String(dao.no)]);
    // The desk's own scan log names the refused scan with the server's reason.
    await desk.click('[data-testid=desk-data]');
    const [file] = await Promise.all([desk.waitForEvent('download'), desk.click('[data-testid=export-log]')]);
    const csv = readFileSync((await file.path())!, 'utf8');
    const refusedRow = csv.split('\n').find((line) => line.includes('Máy chủ từ chối'));
    expect(refusedRow).toContain('Sự kiện không có bàn này.');
    expect(refusedRow).toContain(String(an.no));
    await context.close();
  }, 60_000);
});
