// Reads the desk's IndexedDB from inside the page, as a person checking the device would.
import type { Page } from 'playwright-core';
import type { Fact } from '../../src/shared/schemas.ts';

/** Every fact and outbox row stored on the device. */
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
