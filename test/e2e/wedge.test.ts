// USB and Bluetooth scanners type the code: a burst at 5 ms a key ending in Enter is a scan
// wherever the focus is, its characters never stay in the lookup field, human typing stays
// typing, and a code rewritten by a Vietnamese input method (Telex) is recognised and repaired.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RosterCode } from '../support/server.ts';
import { useVenue } from '../support/e2e.ts';
import { typeThrough } from '../support/vietnamese-ime-sim.ts';
import { readDeskDb } from '../support/desk-page.ts';

// Its own server: the tests read the demo events' codes and pair desks of all three.
const venue = useVenue({ ownServer: true });
let codes: RosterCode[];
beforeAll(async () => { codes = await venue.codes(1); });

/** A paired desk of the event at tablet size, on the harness (its camera shows nothing). */
const openDesk = (eventId: number): Promise<Page> => venue.browser.newContext({ viewport: { width: 1280, height: 800 } })
  .then((context) => venue.pairDesk({ event: eventId, desk: 'ban-1', context }));

/** Types `text` as a scanner does, 5 ms a key, then Enter; waits for the verdict it causes. */
async function wedge(page: Page, text: string): Promise<string> {
  const before = await page.getAttribute('[data-testid=verdict]', 'data-seq');
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.waitForFunction((seq) => document.querySelector('[data-testid=verdict]')?.getAttribute('data-seq') !== seq, before, { timeout: 10_000 });
  return (await page.getAttribute('[data-testid=verdict]', 'data-verdict'))!;
}

async function admittedKeys(page: Page): Promise<string[]> {
  return (await readDeskDb(page)).facts.filter((f) => f.kind === 'admit').map((f) => `${f.personKey}:${f.method}`);
}

describe('keyboard-wedge scanner', () => {
  it('scans from the lookup field and from a button, leaves human typing alone', async () => {
    const [a, b] = codes;
    const page = await openDesk(1);
    // A person starts typing a name, then a scanner fires into the same field.
    await page.click('[data-testid=lookup-input]');
    await page.keyboard.type('ngu', { delay: 120 });
    await page.waitForTimeout(400); // and picks up the scanner
    expect(await wedge(page, a!.code)).toBe('admitted');
    expect(await page.textContent('[data-verdict=admitted]')).toContain(a!.name);
    expect(await page.inputValue('[data-testid=lookup-input]')).toBe('ngu');
    expect(await admittedKeys(page)).toEqual([`${a!.no}:scan`]);

    // Focus on a button: Enter must not press it, and the code still scans.
    await page.focus('[data-testid=wedge-test-open]');
    expect(await wedge(page, b!.code)).toBe('admitted');
    expect(await page.locator('[data-testid=wedge-test]').count()).toBe(0);
    expect(await admittedKeys(page)).toEqual([`${a!.no}:scan`, `${b!.no}:scan`]);

    // A burst that is not one of our codes reads not-a-code, like any other text; the same
    // text again within 3 s is the same scan: no second verdict.
    expect(await wedge(page, 'HELLO-1234567')).toBe('not-a-code');
    const seq = await page.getAttribute('[data-testid=verdict]', 'data-seq');
    await page.keyboard.type('HELLO-1234567', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    expect(await page.getAttribute('[data-testid=verdict]', 'data-seq')).toBe(seq);

    // Human typing and Enter: typing, no verdict.
    await page.fill('[data-testid=lookup-input]', '');
    await page.click('[data-testid=lookup-input]');
    await page.keyboard.type('nguyen van an', { delay: 80 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.inputValue('[data-testid=lookup-input]')).toBe('nguyen van an');
    expect(await page.getAttribute('[data-testid=verdict]', 'data-seq')).toBe(seq);
    expect(await admittedKeys(page)).toHaveLength(2);
    await page.context().close();
  });

  it('recognises a Telex-mangled code, repairs it and says to turn the input method off', async () => {
    // Event 3: the facts synced from the first test's desk (event 1) are not in its log.
    const person = (await venue.codes(3)).find((c) => typeThrough(c.code, 'telex') !== c.code)!;
    const mangled = typeThrough(person.code, 'telex');
    const page = await openDesk(3);
    // The input method commits its letters into the focused field (Playwright: insertText).
    await page.click('[data-testid=lookup-input]');
    expect(await wedge(page, mangled)).toBe('admitted');
    expect(await page.inputValue('[data-testid=lookup-input]')).toBe('');
    expect(await page.textContent('[data-verdict=admitted]')).toContain(person.name);
    expect(await page.getAttribute('[data-testid=ime-notice]', 'data-state')).toBe('repaired');
    expect(await page.textContent('[data-testid=ime-notice]')).toContain('bộ gõ tiếng Việt');
    expect(await admittedKeys(page)).toEqual([`${person.no}:scan`]);

    // Mangled text that repairs to no code of ours: not-a-code, and the plain instruction.
    expect(await wedge(page, 'ĐÂY LÀ MÃ KHÁC 123')).toBe('not-a-code');
    expect(await page.textContent('[data-testid=ime-notice]')).toBe('Tắt bộ gõ tiếng Việt trên máy quét');
    expect(await admittedKeys(page)).toHaveLength(1);
    await page.context().close();
  });

  it('shows what the scanner sent, key by key, without scanning', async () => {
    const page = await openDesk(2);
    await page.click('[data-testid=wedge-test-open]');
    await page.waitForSelector('[data-testid=wedge-test]'); // the panel loads on first open
    await page.keyboard.type('AB C$9-X.', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=wedge-key]');
    const keys = await page.$$eval('[data-testid=wedge-key]', (els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys).toEqual([...'AB C$9-X.', 'Enter']);
    expect(await page.getAttribute('[data-testid=verdict]', 'data-seq')).toBeNull();
    expect(await admittedKeys(page)).toEqual([]);
    await page.context().close();
  });
});
