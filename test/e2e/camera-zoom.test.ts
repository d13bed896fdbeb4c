// The camera view's zoom (issue 12): phones whose main lens cannot focus close need 2×. Fake
// cameras have no zoom, so an init script makes the video track report one (and records what the
// page asks of it); the control must appear then, set the zoom asked for, fit a phone and a
// tablet, and not appear on a camera without zoom.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';

const SCREENS = join(PROJECT_ROOT, 'test-results', 'screens');
beforeAll(() => { mkdirSync(SCREENS, { recursive: true }); });

declare global {
  interface Window {
    /** Every constraints object the page passed to a video track's applyConstraints. */
    __appliedConstraints?: unknown[];
  }
}

/**
 * Makes every video track offer `zoom` (plain JavaScript, run before the page's own scripts). A
 * zoom the page applies is remembered per track and reported by getSettings, as a real camera does;
 * it never reaches Chromium's fake track, which would refuse it.
 */
const trackWithZoom = (zoom: { min: number; max: number; step: number }, more: { torch?: boolean; otherCamera?: string } = {}) => String.raw`
(() => {
  const proto = MediaStreamTrack.prototype;
  const more = ${JSON.stringify(more)};
  const capabilities = proto.getCapabilities, settings = proto.getSettings, apply = proto.applyConstraints;
  const applied = (window.__appliedConstraints = []);
  const zoomOf = new WeakMap();
  proto.getCapabilities = function () {
    const own = capabilities ? capabilities.call(this) : {};
    return this.kind === 'video' ? { ...own, zoom: ${JSON.stringify(zoom)}, ...(more.torch ? { torch: true } : {}) } : own;
  };
  proto.getSettings = function () {
    const own = settings.call(this);
    return this.kind === 'video' ? { ...own, zoom: zoomOf.get(this) ?? ${zoom.min} } : own;
  };
  proto.applyConstraints = function (constraints) {
    if (this.kind !== 'video') return apply.call(this, constraints);
    applied.push(JSON.parse(JSON.stringify(constraints ?? {})));
    const wanted = (constraints?.advanced ?? []).concat(constraints ?? {}).find((set) => typeof set.zoom === 'number');
    if (wanted) { zoomOf.set(this, wanted.zoom); return Promise.resolve(); }
    if (more.torch && (constraints?.advanced ?? []).some((set) => 'torch' in set)) return Promise.resolve();
    return apply.call(this, constraints);
  };
  // A phone's second (front) camera, listed after the fake camera's own once the page has loaded.
  if (more.otherCamera) document.addEventListener('DOMContentLoaded', () => {
    const devices = navigator.mediaDevices, listed = devices.enumerateDevices.bind(devices);
    const other = { deviceId: 'front-camera', groupId: 'front-camera', kind: 'videoinput', label: more.otherCamera };
    devices.enumerateDevices = async () => [...(await listed()), { ...other, toJSON: () => other }];
  });
})();
`;

const ZOOM = { min: 1, max: 4, step: 0.1 };

/** Lets Preact commit what the last state change asked for. */
const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** The zoom the desk's running video track reports. */
const trackZoom = (page: Page) => page.evaluate(() => {
  const video = document.querySelector<HTMLVideoElement>('[data-testid=camera] video');
  const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
  return (track?.getSettings() as { zoom?: number } | undefined)?.zoom;
});

describe('camera zoom', () => {
  const venue = useVenue();

  async function desk(event: number, viewport: { width: number; height: number }, zoom?: typeof ZOOM, more?: Parameters<typeof trackWithZoom>[1]): Promise<Page> {
    const context = await venue.browser.newContext({ viewport });
    if (zoom) await context.addInitScript({ content: trackWithZoom(zoom, more) });
    return venue.pairDesk({ event, desk: 'ban-1', context });
  }

  for (const viewport of [{ width: 390, height: 844 }, { width: 800, height: 1280 }, { width: 1280, height: 800 }]) {
    it(`offers 1×, 2× and 4× where the track has zoom, and 2× sets zoom 2 (${viewport.width}×${viewport.height})`, async () => {
      const event = await venue.freshEvent(1);
      const page = await desk(event, viewport, ZOOM);
      const buttons = page.locator('[data-testid=zoom]');
      await buttons.first().waitFor();
      expect(await buttons.allTextContents()).toEqual(['1×', '2×', '4×']);
      expect(await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Phóng to 1×', 'Phóng to 2×', 'Phóng to 4×']);
      expect(await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')))).toEqual(['true', 'false', 'false']);
      // Every button is on screen, inside the camera view, and big enough for a thumb.
      const view = (await page.locator('.camera-box').boundingBox())!;
      for (const box of await Promise.all((await buttons.all()).map((b) => b.boundingBox()))) {
        expect(box!.x).toBeGreaterThanOrEqual(view.x);
        expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(view.x + view.width, viewport.width));
        expect(box!.y + box!.height).toBeLessThanOrEqual(view.y + view.height);
        expect(box!.height).toBeGreaterThanOrEqual(44);
        expect(box!.width).toBeGreaterThanOrEqual(44);
      }
      const before = (await page.evaluate(() => window.__appliedConstraints!.length));

      await page.click('[data-testid=zoom] >> text=2×');
      await expect.poll(() => page.evaluate(() => window.__appliedConstraints!.length)).toBe(before + 1);
      expect(await page.evaluate((n) => window.__appliedConstraints!.slice(n), before)).toEqual([{ advanced: [{ zoom: 2 }] }]);
      expect(await trackZoom(page)).toBe(2);
      await settled(page);
      expect(await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')))).toEqual(['false', 'true', 'false']);
      // …and the volunteer sees which one is on, not only a screen reader.
      const looks = await buttons.evaluateAll((els) => els.map((e) => `${getComputedStyle(e).backgroundColor} ${getComputedStyle(e).color}`));
      expect(looks[1]).not.toBe(looks[0]);
      expect(looks[2]).toBe(looks[0]);
      // The desk still scans at 2×.
      const [person] = await venue.codes(event);
      expect(await venue.scan(page, person!.code)).toBe('admitted');
      await page.screenshot({ path: join(SCREENS, `desk-zoom-${viewport.width}x${viewport.height}.png`) });

      await page.click('[data-testid=zoom] >> text=1×');
      await expect.poll(() => trackZoom(page)).toBe(1);
      await page.context().close();
    });
  }

  it('keeps every control on a phone\'s screen when it also has a torch and a second camera', async () => {
    const event = await venue.freshEvent(1);
    const viewport = { width: 390, height: 844 };
    const page = await desk(event, viewport, ZOOM, { torch: true, otherCamera: 'camera2 1, facing front' });
    const controls = page.locator('.camera-controls > *');
    await page.locator('.camera-controls select').waitFor();
    expect(await page.locator('[data-testid=zoom]').allTextContents()).toEqual(['1×', '2×', '4×']);
    expect(await page.locator('.camera-controls button:not([data-testid=zoom])').allTextContents()).toEqual(['Đèn']);
    const view = (await page.locator('.camera-box').boundingBox())!;
    for (const box of await Promise.all((await controls.all()).map((c) => c.boundingBox()))) {
      expect(box!.x).toBeGreaterThanOrEqual(view.x);
      expect(box!.x + box!.width).toBeLessThanOrEqual(view.x + view.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(view.y + view.height);
    }
    await page.click('[data-testid=zoom] >> text=2×');
    await expect.poll(() => trackZoom(page)).toBe(2);
    await page.screenshot({ path: join(SCREENS, 'desk-zoom-controls-390x844.png') });
    await page.context().close();
  });

  it('shows no zoom control on a camera without zoom, or with a zoom that goes nowhere', async () => {
    const event = await venue.freshEvent(1);
    for (const zoom of [undefined, { min: 1, max: 1, step: 0.1 }]) {
      const page = await desk(event, { width: 390, height: 844 }, zoom);
      await settled(page);
      expect(await page.locator('.camera-box video').count()).toBe(1);
      expect(await page.locator('[data-testid=zoom]').count()).toBe(0);
      await page.context().close();
    }
  });
});
