// A citizen ID card (CCCD) at the desk: never an admission by itself; it finds the rostered
// person by name and birth year offline, or by ID number through the server online (tap to
// admit), or fills the walk-in form; a damaged card writes nothing; the ID number and address
// never reach the device's storage.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { ImportReport } from '../../src/shared/roster-import.ts';
import { useVenue } from '../support/e2e.ts';
import { blankCamera } from '../support/fake-camera.ts';
import { readDeskDb } from '../support/desk-page.ts';
import { authHeaders } from '../support/sync-session.ts';

// Its own server: the tests look people up in the demo events' rosters as seeded.
const venue = useVenue({ ownServer: true });

const ID = '001095012345';
const ADDRESS = 'Số 1 Phố Huế, Hai Bà Trưng, Hà Nội';
const card = (name: string, born = '15081995', id = ID) => `${id}|123456789|${name}|${born}|Nam|${ADDRESS}|20042021`;

/** A paired desk of the event at tablet size, on the harness. */
const openDesk = (eventId: number): Promise<Page> => venue.browser.newContext({ viewport: { width: 1280, height: 800 } })
  .then((context) => venue.pairDesk({ event: eventId, desk: 'ban-1', context }));

async function showCard(page: Page, text: string): Promise<void> {
  const url = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 420 });
  await page.evaluate((u) => window.__fakeCamera!.show(u), url);
}

/** Everything in every IndexedDB database of the desk's origin (the app's, the service worker's), as one string. */
async function wholeDeskDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (name: string) => new Promise<string>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const names = [...db.objectStoreNames];
        if (names.length === 0) { db.close(); resolve(''); return; }
        const tx = db.transaction(names, 'readonly');
        const all = names.map((n) => tx.objectStore(n).getAll());
        tx.oncomplete = () => { db.close(); resolve(JSON.stringify(all.map((r) => r.result))); };
        tx.onerror = () => reject(tx.error);
      };
    });
    const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
    if (!names.includes('diem-danh')) throw new Error(`no desk database among ${names.join(', ')}`);
    return (await Promise.all(names.map(dump))).join('\n');
  });
}

/** Imports a CSV roster into the event as the coordinator's screen does, and checks it landed. */
async function importRoster(eventId: number, csv: string): Promise<void> {
  const { url, coordinator } = venue.server;
  const response = await fetch(`${url}/api/events/${eventId}/roster-import?commit=1`, {
    method: 'POST', body: csv, headers: { ...authHeaders(coordinator), 'content-type': 'text/csv' },
  });
  expect(response.status).toBe(200);
  const report = ImportReport.parse(await response.json());
  expect(report.problems).toEqual([]);
  expect(report.imported?.count).toBe(csv.trim().split('\n').length - 1);
}

/** The candidates the card panel lists, as a volunteer reads them. */
const candidateTexts = (page: Page) => page.locator('[data-testid=cccd-candidate]').allTextContents();

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

  it('offline, tells two namesakes apart by the birth year the roster gives', async () => {
    const event = await venue.freshEvent(2);
    const NAME = 'Hà Thị Ngọc Diệp';
    await importRoster(event, `Họ và tên,Đơn vị,Điện thoại,Năm sinh\n${NAME},Xã Mai Pha,0912777001,1990\n`
      + `${NAME},Phường Chi Lăng,0912777002,15/08/2002\n${NAME},Thành đoàn Lạng Sơn,0912777003,\n`);
    const namesakes = (await venue.packageOf(event)).participants.filter((p) => p.name === NAME);
    expect(namesakes.map((p) => p.birthYear)).toEqual([1990, 2002, undefined]);
    const [born1990, born2002, noYear] = namesakes;
    const page = await openDesk(event);
    // The desk holds the birth years it matches on: the year alone, never the date.
    const held = await wholeDeskDb(page);
    expect(held).toContain('"birthYear":2002');
    expect(held).not.toContain('15/08/2002');
    const answered: number[] = [];
    page.on('response', (r) => { if (r.url().includes('/cccd-lookup')) answered.push(r.status()); });
    // Installed: the service worker serves the card panel's chunk, which loads at the first card.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.context().setOffline(true);

    await showCard(page, card(NAME, '03022002', '001302000777'));
    await page.waitForSelector('[data-testid=cccd][data-state=card]');
    await blankCamera(page);
    // The one born in 1990 is someone else; the one without a year may be the card's holder, after the sure one.
    const texts = await candidateTexts(page);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Phường Chi Lăng');
    expect(texts[0]).toContain('Năm sinh 2002');
    expect(texts[1]).toContain('Thành đoàn Lạng Sơn');
    expect(texts.join(' ')).not.toContain('Xã Mai Pha');
    expect(await page.getAttribute('[data-testid=cccd-candidate] >> nth=0', 'data-no')).toBe(String(born2002!.no));
    expect(await page.getAttribute('[data-testid=cccd-candidate] >> nth=1', 'data-no')).toBe(String(noYear!.no));
    await page.locator('[data-testid=cccd-candidate]').first().click();
    await page.waitForSelector(`[data-verdict=admitted] >> text=${NAME}`);
    const facts = (await readDeskDb(page)).facts;
    expect(facts.map((f) => [f.personKey, f.method])).toEqual([[String(born2002!.no), 'lookup']]);
    expect(facts.map((f) => f.personKey)).not.toContain(String(born1990!.no));
    expect(await wholeDeskDb(page)).not.toContain('001302000777');
    expect(answered).toEqual([]); // offline: the match was the desk's own, no server answered
    await page.context().close();
  });

  it('online, asks the server which roster person holds the card\'s ID number, sending the number alone', async () => {
    const event = await venue.freshEvent(2);
    const CARD_ID = '001195034567';
    // The roster spells her name otherwise than her card, so no name match can find her; a namesake
    // of the card's name is there too, and the server's answer must come before him.
    await importRoster(event, `Họ và tên,Đơn vị,Điện thoại,CCCD,Năm sinh\nĐinh Thanh Tâm,Phường Chi Lăng,0912888001,${CARD_ID},1995\n`
      + 'Đinh Thị Thanh Tâm,Xã Mai Pha,0912888002,,1995\n');
    const people = (await venue.packageOf(event)).participants;
    const holder = people.find((p) => p.name === 'Đinh Thanh Tâm')!;
    const namesake = people.find((p) => p.name === 'Đinh Thị Thanh Tâm')!;
    expect(JSON.stringify(people)).not.toContain(CARD_ID);
    expect(JSON.stringify(people)).not.toContain('123456789'); // so finding it on the desk could only mean the card's old ID
    const page = await openDesk(event);
    const lookups: Array<{ method: string; body: string | null }> = [];
    page.on('request', (r) => { if (r.url().endsWith(`/api/events/${event}/cccd-lookup`)) lookups.push({ method: r.method(), body: r.postData() }); });

    await showCard(page, card('Đinh Thị Thanh Tâm', '20071995', CARD_ID));
    await page.waitForSelector('[data-testid=cccd-candidate][data-by-id=true]');
    await blankCamera(page);
    const texts = await candidateTexts(page);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Đinh Thanh Tâm');
    expect(texts[0]).toContain('Phường Chi Lăng');
    expect(texts[1]).toContain('Đinh Thị Thanh Tâm');
    expect(await page.getAttribute('[data-testid=cccd-candidate] >> nth=0', 'data-no')).toBe(String(holder.no));
    expect(await page.getAttribute('[data-testid=cccd-candidate] >> nth=1', 'data-by-id')).toBe('false');
    // The request carried the ID number and nothing else of the card: no name, date, address or old ID.
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.method).toBe('POST');
    expect(JSON.parse(lookups[0]!.body!)).toEqual({ idNumber: CARD_ID });

    await page.locator('[data-testid=cccd-candidate]').first().click();
    await page.waitForSelector('[data-verdict=admitted] >> text=Đinh Thanh Tâm');
    const facts = (await readDeskDb(page)).facts;
    expect(facts.map((f) => [f.personKey, f.method, f.kind])).toEqual([[String(holder.no), 'lookup', 'admit']]);
    expect(facts.map((f) => f.personKey)).not.toContain(String(namesake.no));
    const stored = await wholeDeskDb(page);
    expect(stored).not.toContain(CARD_ID);
    expect(stored).not.toContain('123456789');
    expect(stored).not.toContain('Phố Huế');
    await page.context().close();
  });
});
