// Driving the PWA's pages in Chromium as the people at the venue do: a desk scans through the
// fake camera, its IndexedDB is read back, the coordinator signs in and makes pairing codes.
// Used through the venue of e2e.ts; no server process here.
import type { BrowserContext, Page } from 'playwright-core';
import type { Fact } from '../../src/shared/schemas.ts';
import { blankCamera, showCode } from './fake-camera.ts';

/** Shows a code to the desk's fake camera and returns the verdict it paints (a new data-seq on screen). */
export async function scan(page: Page, code: string): Promise<string> {
  const before = await page.getAttribute('[data-testid=verdict]', 'data-seq');
  await showCode(page, code);
  await page.waitForFunction((seq) => document.querySelector('[data-testid=verdict]')?.getAttribute('data-seq') !== seq, before, { timeout: 10_000 });
  const verdict = (await page.getAttribute('[data-testid=verdict]', 'data-verdict'))!;
  await blankCamera(page);
  return verdict;
}

/** Every fact and outbox row stored on the device, read inside the page as a person checking it would. */
export async function readDeskDb(page: Page): Promise<{ facts: Fact[]; outbox: { factId: string }[] }> {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('diem-danh');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['facts', 'outbox'], 'readonly');
      const facts = tx.objectStore('facts').getAll();
      const outbox = tx.objectStore('outbox').getAll();
      tx.oncomplete = () => { db.close(); resolve({ facts: facts.result, outbox: outbox.result }); };
      tx.onerror = () => reject(tx.error);
    };
  }));
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

/** Signs in with the password on `/coordinator` at `baseUrl`, then picks the event if one is given. */
export async function signInOnScreen(page: Page, baseUrl: string, account: { username: string; password: string }, eventId?: number): Promise<void> {
  await page.goto(`${baseUrl}/coordinator`);
  await page.fill('[data-testid=login-form] input[name=username]', account.username);
  await page.fill('[data-testid=login-form] input[name=password]', account.password);
  await page.click('[data-testid=login-submit]');
  if (eventId !== undefined) await page.selectOption('[data-testid=coordinator-event]', String(eventId));
}

/** Puts the coordinator's session cookie (`name=value`, as login returns it) into a browser context, as after signing in. */
export async function signInContext(context: BrowserContext, server: { url: string; coordinator: { cookie: string } }): Promise<void> {
  const pair = server.coordinator.cookie.split(';')[0]!;
  const at = pair.indexOf('=');
  await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: server.url }]);
}

/**
 * Picks an event in the desk's chooser. Past events hide behind "Sự kiện đã qua" once the server
 * has one dated today (another file's, on the shared server), so it opens that toggle if it must.
 */
export async function chooseEvent(page: Page, eventId: number): Promise<void> {
  const choice = page.locator(`[data-testid=event-${eventId}]`);
  const toggle = page.locator('[data-testid=show-past-events]');
  await choice.or(toggle).first().waitFor();
  if (!(await choice.isVisible())) await toggle.click();
  await choice.click();
}
