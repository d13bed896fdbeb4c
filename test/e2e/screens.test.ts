// Screenshots of the desk as volunteers see it, at tablet (both orientations) and phone
// size, in Vietnamese and English. Saved under test-results/ as artefacts to look at.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/server.ts';
import { chooseEvent, useVenue } from '../support/e2e.ts';
import { installFakeCamera, showCode, blankCamera } from '../support/fake-camera.ts';

const OUT = join(PROJECT_ROOT, 'test-results', 'screens');
const venue = useVenue();
beforeAll(() => { mkdirSync(OUT, { recursive: true }); });

const SIZES = [
  { name: 'tablet-landscape', width: 1280, height: 800 },
  { name: 'tablet-portrait', width: 800, height: 1280 },
  { name: 'phone', width: 390, height: 844 },
];

describe('desk screens', () => {
  it('renders every verdict kind legibly at tablet and phone sizes', async () => {
    const { browser, server } = venue;
    const event = await venue.freshEvent(2);
    const codes = await venue.codes(event);
    const teacher = codes.find((c) => c.unitId === codes.find((x) => x.name)!.unitId)!;
    const context = await browser.newContext({ viewport: SIZES[0]! });
    await installFakeCamera(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.screenshot({ path: join(OUT, 'setup.png') });
    await chooseEvent(page, event);
    await page.fill('[data-testid=pair-code]', await venue.pairingCode(event));
    await page.screenshot({ path: join(OUT, 'desk-setup.png') });
    await page.click('[data-testid=start-desk]');
    await page.waitForFunction(() => document.body.dataset.scanner === 'running');
    await showCode(page, teacher.code);
    await page.waitForSelector('[data-verdict=admitted]');
    await blankCamera(page);
    // Vietnamese with full diacritics is on screen as text, not mangled.
    expect(await page.textContent('[data-testid=verdict]')).toContain('HỢP LỆ');
    expect(await page.textContent('[data-testid=verdict-name]')).toBe(teacher.name);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(OUT, `admitted-${size.name}.png`) });
      // Nothing spills sideways: the desk fits the screen width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    }
    await showCode(page, 'https://zalo.me/khong-phai-ma');
    await page.waitForSelector('[data-verdict=not-a-code]');
    await page.screenshot({ path: join(OUT, 'not-a-code-phone.png') });
    await page.setViewportSize(SIZES[0]!);
    await page.click('text=English');
    expect(await page.textContent('[data-testid=verdict]')).toContain('NOT A CHECK-IN CODE');
    await page.fill('[data-testid=lookup-input]', 'nguyen');
    await page.screenshot({ path: join(OUT, 'lookup-en-tablet.png') });
  });
});
