// The page's side of the service worker: register, and hold an update until the desk is idle.
import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';

/** True when a new version is installed and waiting for the user's consent. */
export const updateWaiting = signal(false);
let workbox: Workbox | undefined;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => { updateWaiting.value = true; });
  // Reload only after the user chose to update, when the new worker takes control.
  workbox.addEventListener('controlling', (event) => { if (event.isUpdate) location.reload(); });
  void workbox.register();
}

/** Activates the waiting version; the page reloads once it controls it. */
export function applyUpdate(): void {
  workbox?.messageSkipWaiting();
}
