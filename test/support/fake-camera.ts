// A scriptable camera for e2e tests: getUserMedia returns a 640×480 canvas stream that the
// test paints QR codes onto, so a test decides exactly which code the scanner sees and when.
import QRCode from 'qrcode';
import type { BrowserContext, Page } from 'playwright-core';
import { chooseMask, qrOptionsWithMask } from '../../src/server/codes/qr-options.ts';

/** What the init script exposes as `window.__fakeCamera`. */
export interface FakeCamera {
  /** Draws the image centred on white; resolves with performance.now() once it is on the canvas. */
  show(dataUrl: string): Promise<number>;
  /** Back to plain white (no code in view). */
  blank(): void;
  /** performance.now() of the last show() or blank(); 0 before either. */
  lastChangeAt: number;
  /** How many times the page asked for the camera. */
  getUserMediaCalls: number;
}

declare global {
  interface Window {
    __fakeCamera?: FakeCamera;
  }
}

/**
 * The init script (plain JavaScript source, so no transpiler helper such as tsx's `__name`
 * leaks into the page). A canvas captureStream only emits a frame when the canvas changes,
 * so a 33 ms timer toggles one near-white corner pixel: frames keep flowing at ~30 fps even
 * while the picture is still, as a real camera's would.
 */
export const FAKE_CAMERA_SCRIPT = String.raw`
(() => {
  if (window.__fakeCamera || !navigator.mediaDevices) return;
  const WIDTH = 640, HEIGHT = 480;
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH; canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  const paintWhite = () => { ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, WIDTH, HEIGHT); };
  paintWhite();
  let tick = false;
  setInterval(() => {
    tick = !tick;
    ctx.fillStyle = tick ? '#fefefe' : '#ffffff';
    ctx.fillRect(WIDTH - 1, HEIGHT - 1, 1, 1);
  }, 33);
  const stream = canvas.captureStream(30);
  const camera = {
    lastChangeAt: 0,
    getUserMediaCalls: 0,
    async show(dataUrl) {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const scale = Math.min(1, WIDTH / image.naturalWidth, HEIGHT / image.naturalHeight);
      const w = Math.round(image.naturalWidth * scale), h = Math.round(image.naturalHeight * scale);
      paintWhite();
      ctx.drawImage(image, Math.round((WIDTH - w) / 2), Math.round((HEIGHT - h) / 2), w, h);
      camera.lastChangeAt = performance.now();
      return camera.lastChangeAt;
    },
    blank() {
      paintWhite();
      camera.lastChangeAt = performance.now();
    },
  };
  window.__fakeCamera = camera;
  const devices = navigator.mediaDevices;
  devices.getUserMedia = async (constraints) => {
    camera.getUserMediaCalls++;
    if (!constraints || !constraints.video) throw new DOMException('only video is faked', 'NotFoundError');
    return new MediaStream(stream.getVideoTracks().map((track) => track.clone()));
  };
  const fakeDevice = { deviceId: 'fake-camera', groupId: 'fake-camera', kind: 'videoinput', label: 'Fake camera' };
  devices.enumerateDevices = async () => [{ ...fakeDevice, toJSON: () => fakeDevice }];
})();
`;

/** Installs the fake camera in every page the context (or page) opens from now on. */
export async function installFakeCamera(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript({ content: FAKE_CAMERA_SCRIPT });
}

/** A PNG data URL of the QR code for `text`, drawn as a printed badge is (qr-options.ts). */
export function qrDataUrl(text: string, options: { width?: number } = {}): Promise<string> {
  return QRCode.toDataURL(text, { ...qrOptionsWithMask(chooseMask(text)), margin: 4, width: options.width ?? 360 });
}

/** Holds `text` as a QR code in front of the fake camera; resolves with the page time it appeared. */
export async function showCode(page: Page, text: string): Promise<number> {
  const dataUrl = await qrDataUrl(text);
  return page.evaluate(async (url) => {
    if (!window.__fakeCamera) throw new Error('fake camera not installed: call installFakeCamera first');
    return window.__fakeCamera.show(url);
  }, dataUrl);
}

/** Takes the code away: the camera sees white. */
export async function blankCamera(page: Page): Promise<void> {
  await page.evaluate(() => window.__fakeCamera?.blank());
}
