// Self-registration in Chromium on a phone-sized screen: the coordinator opens registration in
// the event tab, a person registers and gets a code to save, the same phone is refused, and after
// the closing time the form says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';
import { authHeaders, jsonInit } from '../support/sync-session.ts';
import { parseToken } from '../../src/domain/token.ts';

const OUT = join(PROJECT_ROOT, 'test-results', 'screens');
const venue = useVenue();
beforeAll(() => { mkdirSync(OUT, { recursive: true }); });

describe('self-registration', () => {
  it('registers once per phone, shows the code to save, and closes on time', async () => {
    const { browser, server, packageOf } = venue;
    const event = await venue.freshEvent(3);
    const coordinator = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await venue.coordinator(coordinator);
    const screen = await coordinator.newPage();
    await screen.goto(`${server.url}/coordinator?event=${event}`);
    await screen.click('[data-testid=tab-event]');
    await screen.waitForSelector('[data-testid=registration-editor]');
    await screen.screenshot({ path: join(OUT, 'event-setup-1280.png') });
    await screen.check('[data-testid=registration-editor] input[name=open]');
    await screen.click('[data-testid=save-registration]');
    await screen.waitForSelector('[data-testid=registration-editor] .ok-note');
    const link = await screen.textContent('[data-testid=registration-link]');
    expect(link).toBe(`${server.url}/r/${event}`);
    // Close a few seconds from now (the UI edits minutes; the API takes the exact instant).
    const closesAt = Date.now() + 6000;
    const put = await fetch(`${server.url}/api/events/${event}/registration`, jsonInit('PUT', { open: true, caps: {}, closesAt }, server.coordinator));
    expect(put.status).toBe(200);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await phone.newPage();
    await page.goto(link!);
    await page.selectOption('select[name=unitId]', { label: 'Đoàn cơ sở Sở Tài chính' });
    expect(await page.inputValue('select[name=category]')).toBe('Người hiến máu');
    await page.fill('input[name=name]', 'Trịnh Thị Thu Hà');
    await page.fill('input[name=phone]', '0977 123 456');
    await page.click('button[type=submit]');
    await page.waitForSelector('#result:not([hidden]) img');
    const no = Number(await page.getAttribute('#result', 'data-no'));
    expect(await page.textContent('#result .no')).toBe(`Mã số ${no}`);
    expect(await page.getAttribute('#result a.save', 'download')).toBe(`ma-diem-danh-${no}.png`);
    expect(await page.evaluate(() => (document.querySelector('#result img') as HTMLImageElement).naturalWidth)).toBeGreaterThan(200);
    expect(await page.isVisible('form#register')).toBe(false);
    await page.screenshot({ path: join(OUT, 'self-registration-phone.png') });
    const stored = (await packageOf(event)).participants.find((p) => p.no === no);
    expect(stored).toMatchObject({ name: 'Trịnh Thị Thu Hà', phone: '0977123456', unitId: 4 });
    const code = await (await fetch(`${server.url}/api/events/${event}/participants/${no}/code`, { headers: authHeaders(server.coordinator) })).json() as { code: string };
    expect(parseToken(code.code)?.codeNo).toBe(no);

    // The same phone again: refused, in words.
    await page.goto(link!);
    await page.selectOption('select[name=unitId]', { label: 'Đoàn cơ sở Sở Tư pháp' });
    await page.fill('input[name=name]', 'Trịnh Thị Hà');
    await page.fill('input[name=phone]', '0977123456');
    await page.click('button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toBe('Số điện thoại này đã đăng ký cho sự kiện. Mỗi người chỉ đăng ký một lần.');
    await page.screenshot({ path: join(OUT, 'self-registration-duplicate-phone.png') });

    // After the closing time: the open form is refused, and the page no longer offers it.
    await page.fill('input[name=phone]', '0977123457');
    await page.waitForTimeout(Math.max(0, closesAt - Date.now() + 200));
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('error')?.textContent === 'Đã hết thời gian đăng ký.');
    await page.reload();
    expect(await page.textContent('[data-state=closed]')).toContain('Đã hết thời gian đăng ký');
    expect(await page.locator('form#register').count()).toBe(0);
    expect((await packageOf(event)).participants.filter((p) => p.phone === '0977123457')).toEqual([]);
  });
});
