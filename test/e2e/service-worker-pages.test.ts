// With the app installed (its service worker in control), the server's own pages still come from
// the server: the public registration form and its poster, not the desk's app shell. The app's
// own screens still open from the precache with the network gone.
import { describe, expect, it } from 'vitest';
import { jsonInit } from '../support/sync-session.ts';
import { useVenue } from '../support/e2e.ts';

describe('service worker and server pages', () => {
  const venue = useVenue();
  it('lets /r/:id and its poster through to the server once the app is installed', async () => {
    const { server, browser } = venue;
    const event = await venue.freshEvent(3);
    const put = await fetch(`${server.url}/api/events/${event}/registration`, jsonInit('PUT', { open: true, caps: {} }, server.coordinator));
    expect(put.status).toBe(200);
    {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

      await page.goto(`${server.url}/r/${event}`);
      await page.waitForSelector('form#register');
      expect(await page.isVisible('select[name=unitId]')).toBe(true);
      expect(await page.locator('#app').count()).toBe(0);

      await page.goto(`${server.url}/r/${event}/poster`);
      await page.waitForSelector('.qr svg');
      expect(await page.textContent('.call')).toBe('Quét mã để đăng ký tham gia');

      // The app's own screens are still served by the worker when the network is gone.
      await context.setOffline(true);
      await page.goto(`${server.url}/tally?event=${event}`);
      await page.waitForSelector('#app > *');
      await page.goto(`${server.url}/`);
      await page.waitForSelector('#app > *');
      await context.setOffline(false);
      await context.close();
    }
  });
});
