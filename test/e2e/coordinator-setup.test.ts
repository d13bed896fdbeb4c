// The coordinator's set-up tabs in Chromium: edit a unit's quotas, see why a unit cannot be
// deleted, re-issue a lost code, and add a desk's walk-in to the roster; each checked on the server.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { PROJECT_ROOT } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';
import { httpFetcher, pairDesk, push } from '../support/sync-session.ts';

const OUT = join(PROJECT_ROOT, 'test-results', 'screens');
const venue = useVenue();
beforeAll(() => { mkdirSync(OUT, { recursive: true }); });

describe('coordinator set-up tabs', () => {
  it('edits quotas, explains a refused delete, re-issues a code and adds a walk-in', async () => {
    const { browser, server, packageOf } = venue;
    const event = await venue.freshEvent(2);
    const desk = await pairDesk(httpFetcher(server.url), server.coordinator, { eventId: event, deskId: 'ban-1', name: 'Máy thử' });
    const walkInId = uuidv7();
    await push(httpFetcher(server.url), { token: desk.token }, event, [{
      id: walkInId, eventId: event, kind: 'admit', personKey: `w:${walkInId}`, unitId: 3, category: 'Đại biểu', checkpoint: 'arrived',
      method: 'walk-in', deviceId: desk.deviceId, deskId: 'ban-1', deviceTime: Date.now(), clockOffsetMs: 0,
      walkIn: { name: 'Lục Văn Khách', unitId: 3, category: 'Đại biểu', phone: '0966555444' },
    }]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await venue.coordinator(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/coordinator?event=${event}`);
    await page.click('[data-testid=tab-event]');
    const education = page.locator('tr[data-unit="9"]');
    const quotaRows = education.locator('[data-testid=quota-row]');
    await quotaRows.first().waitFor();
    expect(await quotaRows.count()).toBe(2);
    expect(await quotaRows.nth(0).locator('input[name=quota-category]').inputValue()).toBe('Giáo viên');
    await quotaRows.nth(0).locator('input[name=quota-number]').fill('60');
    await quotaRows.nth(1).locator('input[name=quota-number]').fill('220');
    await education.locator('[data-testid=save-unit]').click();
    await page.waitForSelector('.unit-note .ok-note');
    expect((await packageOf(event)).units.find((u) => u.id === 9)!.quotas).toEqual([{ category: 'Giáo viên', quota: 60 }, { category: 'Học sinh', quota: 220 }]);
    await quotaRows.nth(0).locator('input[name=quota-number]').fill('sáu mươi');
    await education.locator('[data-testid=save-unit]').click();
    await page.waitForSelector('.unit-note .error');
    expect(await page.textContent('.unit-note .error')).toContain('Chỉ tiêu phải là số nguyên');
    expect((await packageOf(event)).units.find((u) => u.id === 9)!.quotas).toEqual([{ category: 'Giáo viên', quota: 60 }, { category: 'Học sinh', quota: 220 }]);

    // A unit with one quota and no category: type 100, nothing else.
    const added = page.locator('tr[data-unit="new"]');
    await added.locator('input[name=name]').fill('Hội Cựu chiến binh thành phố');
    await added.locator('input[name=quota-number]').fill('100');
    await added.locator('[data-testid=save-unit]').click();
    await page.waitForSelector('tr[data-unit] input[value="Hội Cựu chiến binh thành phố"]');
    await expect.poll(async () => (await packageOf(event)).units.find((u) => u.name === 'Hội Cựu chiến binh thành phố')?.quotas)
      .toEqual([{ category: '', quota: 100 }]);
    // …and a category added with the button splits it.
    await page.locator('tr[data-unit="new"] [data-testid=add-category]').click();
    expect(await page.locator('tr[data-unit="new"] [data-testid=quota-row]').count()).toBe(2);
    await page.locator('tr[data-unit="3"] [data-testid=delete-unit]').click();
    await page.waitForSelector('.unit-note .error >> text=đã có người điểm danh');
    expect((await packageOf(event)).units.some((u) => u.id === 3)).toBe(true);
    await page.screenshot({ path: join(OUT, 'event-units-1280.png'), fullPage: true });
    await page.locator('[data-testid=units-editor]').screenshot({ path: join(OUT, 'units-editor-1280.png') });

    await page.click('[data-testid=tab-codes]');
    await page.fill('[data-testid=reissue-no]', '7');
    await page.click('[data-testid=reissue-submit]');
    await page.waitForSelector('[data-testid=reissue-done]');
    const after = await packageOf(event);
    expect(after.revokedCodes).toEqual([7]);
    expect(await page.textContent('[data-testid=reissue-done] strong')).toBe(String(after.participants.at(-1)!.no));

    await page.click('[data-testid=tab-walk-ins]');
    await page.waitForSelector('[data-testid=walk-ins] >> text=Lục Văn Khách');
    await page.screenshot({ path: join(OUT, 'walk-ins-1280.png') });
    await page.click('[data-testid=walk-ins] button:has-text("Thêm vào danh sách")');
    await page.waitForSelector('[data-testid=walk-ins] .ok-note');
    expect((await packageOf(event)).participants.at(-1)).toMatchObject({ name: 'Lục Văn Khách', unitId: 3, phone: '0966555444' });
    await page.waitForSelector('[data-testid=walk-ins] >> text=Không có ai.');
  });
});
