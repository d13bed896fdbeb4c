// After the event, in Debian's Chromium against the real server: a desk with no network exports
// its own scan log and a sync file, another desk and the server import the file (twice; altered and
// truncated copies are refused), the wipe waits for the server, and the printed report looks right.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT, type RosterCode } from '../support/server.ts';
import { readDeskDb, useVenue } from '../support/e2e.ts';
import { authHeaders } from '../support/sync-session.ts';
import { v7 as uuidv7 } from 'uuid';
import { writeDeskFile } from '../../src/domain/desk-file.ts';

const venue = useVenue();
let event: number;
let codes: RosterCode[];
const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');

beforeAll(async () => {
  event = await venue.freshEvent(1);
  codes = await venue.codes(event);
  mkdirSync(SCREENS, { recursive: true });
});

/** Clicks a button that downloads; returns the file's name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Picks a file for the import input and returns the panel's message (kind and text). */
async function importFile(page: Page, name: string, text: string): Promise<{ kind: string; text: string }> {
  const before = await page.getAttribute('[data-testid=desk-data-panel]', 'data-done');
  await page.setInputFiles('[data-testid=import-file]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForFunction((n) => document.querySelector('[data-testid=desk-data-panel]')?.getAttribute('data-done') !== n, before);
  const message = await page.waitForSelector('[data-testid=desk-data-message]');
  return { kind: (await message.getAttribute('data-kind'))!, text: (await message.textContent())! };
}

const messageText = async (page: Page) => (await page.textContent('[data-testid=desk-data-message]')) ?? '';

describe('desk files and wipe', () => {
  it('exports with no network, imports at another desk and the server, and wipes only once everything is sent', async () => {
    const { browser, server, scan } = venue;
    const contextA = await browser.newContext({ acceptDownloads: true });
    const deskA = await venue.pairDesk({ event, desk: 'ban-1', context: contextA });
    await contextA.setOffline(true);
    const [an, dao] = [codes[0]!, codes[5]!];
    expect(await scan(deskA, an.code)).toBe('admitted');
    expect(await scan(deskA, dao.code)).toBe('admitted');
    const tampered = an.code.slice(0, 40) + (an.code[40] === 'A' ? 'B' : 'A') + an.code.slice(41);
    expect(await scan(deskA, tampered)).toBe('forged');
    await deskA.waitForSelector('[data-testid=pending][data-pending="2"]');

    // Wipe is refused while two check-ins wait, and says so; nothing is deleted.
    await deskA.click('[data-testid=desk-data]');
    await deskA.click('[data-testid=wipe]');
    await deskA.waitForSelector('[data-testid=desk-data-message][data-kind=error]');
    expect(await messageText(deskA)).toContain('còn 2 lượt điểm danh chưa gửi');
    expect((await readDeskDb(deskA)).facts).toHaveLength(2);

    // The desk's own log: labelled as one desk's, the refused scan included.
    const log = await download(deskA, 'export-log');
    expect(log.name).toMatch(new RegExp(`^nhat-ky-quet-su-kien-${event}-may-ban-1-\\d{8}-\\d{4}\\.csv$`));
    expect([...log.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Papa.parse<string[]>(log.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(lines[0]![0]).toContain('NHẬT KÝ RIÊNG CỦA MÁY: Bàn 1');
    expect(lines[1]!.slice(0, 6)).toEqual(['Thời gian', 'Giờ trên máy', 'Bàn', 'Thiết bị', 'Điểm kiểm tra', 'Kết quả']);
    expect(lines.slice(2).map((r) => r[5])).toEqual(['Hợp lệ', 'Hợp lệ', 'Từ chối: mã giả']);
    expect(lines.slice(2, 4).map((r) => r[8])).toEqual([an.name, dao.name]);

    // The sync file, downloaded (headless Chromium has no share target).
    const sync = await download(deskA, 'export-file');
    expect(sync.name).toMatch(new RegExp(`^diem-danh-su-kien-${event}-may-ban-1-\\d{8}-\\d{4}\\.json$`));
    const syncText = sync.bytes.toString('utf8');

    // Desk B imports it: A's admissions read "already" at B; importing again adds nothing.
    const deskB = await venue.pairDesk({ event, desk: 'ban-2' });
    await deskB.click('[data-testid=desk-data]');
    expect(await importFile(deskB, sync.name, syncText)).toEqual({ kind: 'ok', text: 'Đã nhập 2 lượt mới; 0 lượt đã có sẵn.' });
    expect(await scan(deskB, an.code)).toBe('already');
    expect(await deskB.textContent('[data-testid=first-scan]')).toContain('Bàn 1');
    expect(await importFile(deskB, sync.name, syncText)).toEqual({ kind: 'ok', text: 'Đã nhập 0 lượt mới; 2 lượt đã có sẵn.' });
    const altered = syncText.replace('"checkpoint":"arrived"', '"checkpoint":"donated"');
    expect(await importFile(deskB, sync.name, altered)).toMatchObject({ kind: 'error', text: expect.stringContaining('bị thay đổi') });
    expect(await importFile(deskB, sync.name, syncText.slice(0, syncText.length - 100))).toMatchObject({ kind: 'error', text: expect.stringContaining('cắt cụt') });
    const atB = await readDeskDb(deskB);
    expect(atB.facts).toHaveLength(2);
    expect(atB.outbox).toHaveLength(0);
    await deskB.setViewportSize({ width: 800, height: 1280 });
    await deskB.screenshot({ path: join(SCREENS, 'desk-data-panel-800x1280.png') });

    // The coordinator uploads the same file to the server.
    const uploaded = await fetch(`${server.url}/api/events/${event}/desk-file`, { method: 'POST', headers: { ...authHeaders(server.coordinator), 'content-type': 'application/json' }, body: syncText });
    expect(await uploaded.json()).toEqual({ added: 2, alreadyHeld: 0 });

    // A is back online: its push finds the facts held, the outbox empties, and the wipe goes through.
    await contextA.setOffline(false);
    await deskA.waitForSelector('[data-testid=pending][data-pending="0"]', { timeout: 30_000 });
    deskA.once('dialog', (dialog) => void dialog.accept());
    await deskA.click('[data-testid=wipe]');
    // Back at the event chooser (its past events may sit behind the toggle).
    await deskA.locator(`[data-testid=event-${event}]`).or(deskA.locator('[data-testid=show-past-events]')).first().waitFor();
    expect((await readDeskDb(deskA)).facts).toEqual([]);
    const left = await deskA.evaluate(() => new Promise<number[]>((resolve) => {
      const open = indexedDB.open('diem-danh');
      open.onsuccess = () => {
        const tx = open.result.transaction(['packages', 'rejections'], 'readonly');
        const counts = [tx.objectStore('packages').count(), tx.objectStore('rejections').count()];
        tx.oncomplete = () => { open.result.close(); resolve(counts.map((c) => c.result)); };
      };
    }));
    expect(left).toEqual([0, 0]);
  });

  it('prints the Báo cáo kết quả for the event and for a unit on A4', async () => {
    const { browser, server } = venue;
    // A morning of arrivals on the event day (07:05–10:25), brought in as one desk's file.
    const morning = codes.slice(10, 360).map((c, i) => ({
      id: uuidv7(), eventId: event, kind: 'admit' as const, personKey: String(c.no), unitId: c.unitId, category: 'Người hiến máu',
      checkpoint: 'arrived' as const, method: 'scan' as const, deviceId: 'may-3', deskId: 'ban-3',
      deviceTime: Date.UTC(2024, 6, 10, 0, 5) + Math.round(12_000 * 1000 * ((i / 350) ** 1.6)), clockOffsetMs: 0,
    }));
    const file = writeDeskFile({ eventId: event, deviceId: 'may-3', deskId: 'ban-3', exportedAt: Date.UTC(2024, 6, 10, 4), facts: morning });
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
    await venue.coordinator(context);
    const page = await context.newPage();
    // The coordinator's reports page: upload the file through its form, twice.
    await page.goto(`${server.url}/api/events/${event}/reports`);
    for (const expected of ['Đã nhập 350 lượt mới; 0 lượt máy chủ đã có.', 'Đã nhập 0 lượt mới; 350 lượt máy chủ đã có.']) {
      await page.setInputFiles('#desk-file', { name: 'may-3.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await page.click('#upload button');
      await page.waitForFunction((text) => document.getElementById('upload-result')?.textContent === text, expected);
    }
    expect(await page.getAttribute(`a[href="/api/events/${event}/reports/units.csv?lang=en"]`, 'href')).toBeTruthy();
    await page.emulateMedia({ media: 'print' });
    for (const [path, file] of [['print', 'report-event'], ['print/1', 'report-unit']] as const) {
      const response = await page.goto(`${server.url}/api/events/${event}/reports/${path}`);
      expect(response!.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('BÁO CÁO KẾT QUẢ');
      expect(await page.isVisible('.toolbar')).toBe(false);
      await page.screenshot({ path: join(SCREENS, `${file}.png`), fullPage: true });
      await page.pdf({ path: join(PROJECT_ROOT, 'test-results', `${file}.pdf`), format: 'A4', printBackground: true });
    }
    expect(await page.textContent('.signatures')).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    // The two scans of the first test were made today, not on 10/07/2024: counted apart from the chart.
    await page.goto(`${server.url}/api/events/${event}/reports/print`);
    expect(await page.textContent('figcaption')).toContain('2 người được ghi ngoài ngày 10/07/2024');
  });
});
