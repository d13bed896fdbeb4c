// A citizen ID card (CCCD) at the desk: never an admission by itself; it finds the rostered
// person by name (tap to admit) or fills the walk-in form; a damaged card writes nothing;
// the ID number and address never reach the device's storage.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { useVenue } from '../support/e2e.ts';
import { blankCamera } from '../support/fake-camera.ts';
import { readDeskDb } from '../support/desk-page.ts';

// Its own server: the tests look people up in the demo events' rosters as seeded.
const venue = useVenue({ ownServer: true });

const ID = '001095012345';
const ADDRESS = 'Số 1 Phố Huế, Hai Bà Trưng, Hà Nội';
const card = (name: string, born = '15081995') => `${ID}|123456789|${name}|${born}|Nam|${ADDRESS}|20042021`;

/** A paired desk of the event at tablet size, on the harness. */
const openDesk = (eventId: number): Promise<Page> => venue.browser.newContext({ viewport: { width: 1280, height: 800 } })
  .then((context) => venue.pairDesk({ event: eventId, desk: 'ban-1', context }));

async function showCard(page: Page, text: string): Promise<void> {
  const url = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 420 });
  await page.evaluate((u) => window.__fakeCamera!.show(u), url);
}

/** Everything in the desk's IndexedDB, as one string. */
async function wholeDeskDb(page: Page): Promise<string> {
  return page.evaluate(() => new Promise<string>((resolve, reject) => {
    const open = indexedDB.open('diem-danh');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const all = names.map((n) => tx.objectStore(n).getAll());
      tx.oncomplete = () => { db.close(); resolve(JSON.stringify(all.map((r) => r.result))); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

describe('citizen ID card at the desk', () => {
  it('finds a rostered person by the name on the card; a tap admits; the ID never stored', async () => {
    const roster = await venue.codes(1);
    const page = await openDesk(1);
    await showCard(page, card('Nguyễn Văn An'));
    await page.waitForSelector('[data-testid=cccd][data-state=card]');
    expect(await page.textContent('[data-testid=cccd-person]')).toContain('Nguyễn Văn An');
    expect(await page.textContent('[data-testid=cccd-privacy]')).toContain('Nghị định 13/2023');
    expect(await page.getAttribute('[data-testid=verdict]', 'data-seq')).toBeNull(); // not an admission by itself
    await blankCamera(page);
    const candidates = page.locator('[data-testid=cccd-candidate]');
    expect(await candidates.count()).toBeGreaterThanOrEqual(1);
    await candidates.first().click();
    await page.waitForSelector('[data-verdict=admitted] >> text=Nguyễn Văn An');
    const facts = (await readDeskDb(page)).facts;
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ method: 'lookup' });
    expect(roster.find((c) => String(c.no) === facts[0]!.personKey)?.name).toBe('Nguyễn Văn An');
    const stored = await wholeDeskDb(page);
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain('Phố Huế');
    await page.context().close();
  });

  it('fills the walk-in form from a card not on the roster; a damaged card writes nothing', async () => {
    const page = await openDesk(2);
    await showCard(page, card('Hoàng Thị Mai Phương', '01012001'));
    await page.waitForSelector('[data-testid=cccd][data-state=card]');
    await blankCamera(page);
    expect(await page.locator('[data-testid=cccd-candidate]').count()).toBe(0);
    await page.click('[data-testid=cccd-walk-in]');
    expect(await page.inputValue('[data-testid=walk-in-name]')).toBe('Hoàng Thị Mai Phương');
    await page.click('[data-testid=walk-in-save]');
    await page.waitForSelector('[data-verdict=admitted] >> text=Hoàng Thị Mai Phương');
    const walkIn = (await readDeskDb(page)).facts;
    expect(walkIn.map((f) => f.method)).toEqual(['walk-in']);
    // The card's birth year and gender are kept with the walk-in; its ID number and address are not.
    expect(walkIn[0]!.kind === 'admit' ? walkIn[0]!.walkIn : undefined).toMatchObject({ name: 'Hoàng Thị Mai Phương', birthYear: 2001, gender: 'male' });

    // The same card through a keyboard-wedge scanner into the lookup field: a card, not a
    // mangled code; its characters leave the field.
    await page.click('[data-testid=lookup-input]');
    await page.keyboard.type(card('Hoàng Thị Mai Phương', '01012001'), { delay: 5 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=cccd][data-state=card]');
    expect(await page.inputValue('[data-testid=lookup-input]')).toBe('');
    expect(await page.locator('[data-testid=ime-notice]').count()).toBe(0);
    await page.click('[data-testid=cccd] header button');

    await showCard(page, card('Lê Văn Tám', '31021990'));
    await page.waitForSelector('[data-testid=cccd][data-state=malformed]');
    expect(await page.textContent('[data-testid=cccd-problem]')).toContain('ngày sinh');
    expect((await readDeskDb(page)).facts).toHaveLength(1);
    expect(await wholeDeskDb(page)).not.toContain(ID);
    await page.context().close();
  });
});
