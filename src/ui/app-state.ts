// App-wide state shared by the shell's screens.
import { signal } from '@preact/signals';
import { DeskDb } from '../db/db.ts';

/** The device's database, opened once. */
export const db = new DeskDb();
/** Whether the browser reports a network. */
export const online = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
/** Answer of navigator.storage.persist(): true, false, or undefined while unknown. */
export const persisted = signal<boolean | undefined>(undefined);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => { online.value = true; });
  window.addEventListener('offline', () => { online.value = false; });
}

/** Asks the browser to keep our data through storage pressure, and records its answer. */
export async function requestPersistence(): Promise<void> {
  try {
    persisted.value = (await navigator.storage?.persisted?.()) || (await navigator.storage?.persist?.()) || false;
  } catch {
    persisted.value = false;
  }
}
