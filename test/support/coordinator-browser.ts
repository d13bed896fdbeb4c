// A browser context signed in as the server's coordinator, without typing the password.
import type { BrowserContext } from 'playwright-core';
import type { RunningServer } from './server.ts';

/** Puts the coordinator's session cookie into the browser, as after signing in. */
export async function signInCoordinator(context: BrowserContext, running: RunningServer): Promise<void> {
  const [name, value] = running.coordinator.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: running.url }]);
}
