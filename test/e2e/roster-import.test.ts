// The coordinator imports a roster in Chromium: a file with problems shows each one with its row
// and cannot be imported; the fixed file shows its mapping and preview, and imports.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';

const OUT = join(PROJECT_ROOT, 'test-results', 'screens');
const venue = useVenue();
beforeAll(() => { mkdirSync(OUT, { recursive: true }); });

const BAD = `\uFEFFSTT;Họ và tên;Đơn vị;Đối tượng;Điện thoại;Ngày sinh
1;Nguyễn Thị Hồng Nhung;Phòng Giáo dục và Đào tạo thành phố;Giáo viên;0913 111 001;12/05/1985
2;;Xã Mai Pha;;0913111002;1990
3;Trần Văn Quang;Phường Không Tồn Tại;;0913111003;
4;Lý Thị Mai;Xã Mai Pha;;0913 111 001;
5;Nông Văn Dũng;Xã Mai Pha;;0913111005;31/02/1990
`;
const GOOD = `\uFEFFSTT;Họ và tên;Đơn vị;Đối tượng;Điện thoại;Ngày sinh
1;Nguyễn Thị Hồng Nhung;Phòng Giáo dục và Đào tạo thành phố;Giáo viên;0913 111 001;12/05/1985
2;Hà Văn Tiến;Xã Mai Pha;;0913111002;1990
3;Trần Văn Quang;Phường Chi Lăng;;0913111003;
4;Lý Thị Mai;Xã Mai Pha;;0913 111 004;
`;

describe('coordinator roster import', () => {
  it('lists problems by row, refuses to import them, then imports the fixed file', async () => {
    const { browser, server } = venue;
    const event = await venue.freshEvent(2);
    const before = await venue.packageOf(event);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await venue.coordinator(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/coordinator?event=${event}`);
    // Tabs say what a person wants to do; printing badges is the link above them, not a tab.
    await page.waitForSelector('[role=tab]');
    expect(await page.locator('[role=tab]').allTextContents()).toEqual([
      'Ghép nối bàn', 'Nhập danh sách', 'Sửa sự kiện và đơn vị', 'Cấp lại thẻ bị mất', 'Duyệt người đăng ký tại chỗ',
    ]);
    expect(await page.textContent('[data-testid=print-codes]')).toBe('In thẻ (mã QR) theo đơn vị');
    expect(await page.textContent('.coordinator .topbar h1')).toBe('Điều phối sự kiện');
    await page.click('[data-testid=tab-import]');
    await page.setInputFiles('[data-testid=import-file]', { name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    await page.waitForSelector('[data-testid=problems]');
    const problems = await page.locator('[data-testid=problems] li').allTextContents();
    expect(problems).toEqual([
      'Dòng 3: Thiếu họ và tên.',
      'Dòng 4: Đơn vị “Phường Không Tồn Tại” không có trong sự kiện. Hãy thêm đơn vị trước hoặc sửa tên.',
      'Dòng 5: Trùng số điện thoại với dòng 2.',
      'Dòng 6: Ngày sinh “31/02/1990” không có thật trên lịch (ngày/tháng/năm).',
    ]);
    expect(await page.isDisabled('[data-testid=import-commit]')).toBe(true);
    // The button says why it is disabled; the rows with problems are marked, and each problem jumps to its row.
    expect(await page.textContent('[data-testid=import-commit]')).toBe('Sửa 4 vấn đề trước khi nhập');
    expect(await page.locator('[data-testid=preview] tr.has-problem').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row'))))
      .toEqual(['3', '4', '5', '6']);
    await page.locator('[data-testid=problem-row]').nth(1).click();
    expect(await page.getAttribute('[data-testid=preview] tr.focused', 'data-row')).toBe('4');
    expect(await page.inputValue('[data-field=name]')).toBe('Họ và tên');
    // The date-of-birth column was recognised by its header.
    expect(await page.inputValue('[data-field=birthYear]')).toBe('Ngày sinh');
    expect(await page.textContent('label:has([data-field=birthYear])')).toContain('Năm sinh');
    expect(await page.locator('[data-testid=preview] tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(OUT, 'import-problems-1280.png'), fullPage: true });

    await page.setInputFiles('[data-testid=import-file]', { name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
    await page.waitForSelector('[data-testid=no-problems]');
    expect(await page.textContent('[data-testid=import-commit]')).toBe('Nhập 4 người');
    // The preview shows phones as they will be stored.
    expect(await page.locator('[data-testid=preview] tbody tr').first().locator('td').nth(4).textContent()).toBe('0913111001');
    // …and a date of birth as the year alone, which is all that is kept.
    expect(await page.locator('[data-testid=preview] tbody tr').first().locator('td').nth(5).textContent()).toBe('1985');
    await page.screenshot({ path: join(OUT, 'import-ready-1280.png') });
    await page.click('[data-testid=import-commit]');
    await page.waitForSelector('[data-testid=import-done]');
    expect(await page.textContent('[data-testid=import-done]')).toContain('Đã nhập 4 người');
    const after = await venue.packageOf(event);
    expect(after.version).toBe(before.version + 1);
    expect(after.participants.slice(-4).map((p) => [p.name, p.phone])).toEqual([
      ['Nguyễn Thị Hồng Nhung', '0913111001'], ['Hà Văn Tiến', '0913111002'], ['Trần Văn Quang', '0913111003'], ['Lý Thị Mai', '0913111004'],
    ]);
    expect(after.participants.slice(-4).map((p) => p.birthYear)).toEqual([1985, 1990, undefined, undefined]);
    // An unreadable file is named as such, in the language on screen.
    await page.setInputFiles('[data-testid=import-file]', { name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
    await page.waitForSelector('[data-testid=import-error]');
    expect(await page.textContent('[data-testid=import-error]')).toBe('Tệp không phải CSV hay Excel (.xlsx).');
  });
});
