// A Chromium profile that survives a browser restart: the service worker, its caches and
// IndexedDB stay on disk, as on a tablet that was switched off and on again.
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from './browser.ts';
import { installFakeCamera } from './fake-camera.ts';

/** Launches (or relaunches) Chromium on `profileDir`, with the scriptable fake camera. */
export async function launchPersistent(profileDir: string, options: { offline?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    offline: options.offline ?? false,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: chromiumArgs(),
  });
  await installFakeCamera(context);
  return context;
}
