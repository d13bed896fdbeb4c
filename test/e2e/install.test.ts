// Installing the desk app: the button appears when the browser offers installation and uses
// that offer; on an iPad, which never offers it, the "Add to Home Screen" hint shows instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

/** What Chromium dispatches when the app is installable; prompt() and userChoice as the real event has them. */
const OFFER_SCRIPT = `
  window.__prompted = 0;
  const offer = new Event('beforeinstallprompt', { cancelable: true });
  offer.prompt = async () => { window.__prompted += 1; };
  offer.userChoice = Promise.resolve({ outcome: 'accepted' });
  window.dispatchEvent(offer);
`;

describe('installing the desk app', () => {
  it('shows an install button when the browser offers it, and the button uses the offer', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForSelector('[data-testid=event-1]');
      expect(await page.locator('[data-testid=install-app]').count()).toBe(0);
      await page.evaluate(OFFER_SCRIPT);
      await page.click('[data-testid=install-app]');
      await page.waitForSelector('[data-testid=install-app]', { state: 'detached' });
      expect(await page.evaluate(() => (window as unknown as { __prompted: number }).__prompted)).toBe(1);
      expect(await page.locator('[data-testid=install-hint-ios]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  it('on an iPad shows how to add it to the home screen', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({
        userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        viewport: { width: 820, height: 1180 }, hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForSelector('[data-testid=install-hint-ios]');
      expect(await page.textContent('[data-testid=install-hint-ios]')).toContain('Thêm vào MH chính');
      expect(await page.locator('[data-testid=install-app]').count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
