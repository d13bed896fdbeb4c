// Driving desks and the coordinator's pairing screen in Chromium, shared by the e2e tests.
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { installFakeCamera, showCode, blankCamera } from '../support/fake-camera.ts';
import type { RunningServer } from '../support/server.ts';

/** Shows a code to the desk's fake camera and returns the verdict it paints. */
export async function scan(page: Page, code: string): Promise<string> {
  const before = await page.getAttribute('[data-testid=verdict]', 'data-seq');
  await showCode(page, code);
  await page.waitForFunction((seq) => document.querySelector('[data-testid=verdict]')?.getAttribute('data-seq') !== seq, before, { timeout: 10_000 });
  await blankCamera(page);
  return (await page.getAttribute('[data-testid=verdict]', 'data-verdict'))!;
}

/** Makes a new pairing code on the coordinator's screen and reads it back. */
export async function newPairingCode(coordinator: Page): Promise<string> {
  const previous = await coordinator.evaluate(() => document.querySelector('[data-testid=pair-code-text]')?.textContent ?? null);
  await coordinator.click('[data-testid=make-pairing]');
  await coordinator.waitForFunction((p) => {
    const text = document.querySelector('[data-testid=pair-code-text]')?.textContent;
    return !!text && text !== p;
  }, previous);
  return (await coordinator.textContent('[data-testid=pair-code-text]'))!;
}

/** Opens a desk in `context`, pairs it with `code` (by link or typed) and waits until it scans and syncs. */
export async function openPairedDesk(server: RunningServer, context: BrowserContext, deskId: string, code: string, viaLink: boolean): Promise<Page> {
  await installFakeCamera(context);
  const page = await context.newPage();
  await page.goto(viaLink ? `${server.url}/#pair=${code}` : server.url);
  await page.click('[data-testid=event-1]');
  await page.click(`[data-testid=desk-${deskId}]`);
  if (viaLink) expect(await page.inputValue('[data-testid=pair-code]')).toBe(code);
  else await page.fill('[data-testid=pair-code]', code);
  await page.fill('[data-testid=device-name]', `Máy tính bảng ${deskId}`);
  await page.click('[data-testid=start-desk]');
  await page.waitForFunction(() => document.body.dataset.scanner === 'running');
  await page.waitForSelector('[data-testid=sync-status][data-state=idle]');
  return page;
}

/** Signs the coordinator in on `/coordinator` and picks the event. */
export async function signInCoordinator(page: Page, server: RunningServer, account: { username: string; password: string }, eventId = 1): Promise<void> {
  await page.goto(`${server.url}/coordinator`);
  await page.fill('[data-testid=login-form] input[name=username]', account.username);
  await page.fill('[data-testid=login-form] input[name=password]', account.password);
  await page.click('[data-testid=login-submit]');
  await page.selectOption('[data-testid=coordinator-event]', String(eventId));
}
