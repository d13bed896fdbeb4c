// The browser's offer to install the PWA (beforeinstallprompt, Chromium and Android), caught
// as early as the shell starts, and whether this is an iPad/iPhone, which never offers it
// and needs the "Add to Home Screen" hint instead.
import { signal } from '@preact/signals';

/** The part of Chromium's BeforeInstallPromptEvent we use (not in the DOM typings). */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** The pending offer, until it is used or the app is installed. */
export const installOffer = signal<InstallPromptEvent | undefined>(undefined);

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // our button asks, at a moment the volunteer chooses
    installOffer.value = event as InstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => { installOffer.value = undefined; });
}

/** Already running from the home screen (or as an installed app). */
export function runsInstalled(): boolean {
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return standalone || (typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);
}

/** iPad or iPhone Safari (iPadOS reports a Mac with a touch screen). */
export function isAppleMobile(): boolean {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
}
