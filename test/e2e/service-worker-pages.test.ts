// With the app installed (its service worker in control), the server's own pages still come from
// the server: the public registration form and its poster, not the desk's app shell. The app's
// own screens still open from the precache with the network gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server.ts';
import { launchBrowser } from '../support/browser.ts';
import { jsonInit } from '../support/sync-session.ts';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

describe('service worker and server pages', () => {
  it('lets /r/:id and its poster through to the server once the app is installed', async () => {
    const put = await fetch(`${server.url}/api/events/3/registration`, jsonInit('PUT', { open: true, caps: {} }, server.coordinator));
    expect(put.status).toBe(200);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      await page.goto(`${server.url}/r/3`);
      await page.waitForSelector('form#register');
      expect(await page.isVisible('select[name=unitId]')).toBe(true);
      expect(await page.locator('#app').count()).toBe(0);

      await page.goto(`${server.url}/r/3/poster`);
      await page.waitForSelector('.qr svg');
      expect(await page.textContent('.call')).toBe('Quét mã để đăng ký tham gia');

      // The app's own screens are still served by the worker when the network is gone.
      await context.setOffline(true);
      await page.goto(`${server.url}/tally?event=3`);
      await page.waitForSelector('#app > *');
      await page.goto(`${server.url}/`);
      await page.waitForSelector('#app > *');
      await context.setOffline(false);
    } finally {
      await browser.close();
    }
  });
});
