// Scanned text that is a citizen ID card (CCCD) is taken here, in the desk shell, before the
// code path; the panel that shows it loads when a card is first scanned.
import { signal } from '@preact/signals';
import { looksLikeCccd, readCccd, type CccdReading } from '../../domain/cccd.ts';

/** The card read last; only name, birth year and gender, never the ID number. */
export const cccdReading = signal<Exclude<CccdReading, { kind: 'not-cccd' }> | undefined>(undefined);
let lastShown = '';
/** The last card's ID number, in memory only until the panel sends it to the server once. */
let pendingIdNumber: string | undefined;

/** Hands over the last card's ID number once, for the server lookup; it is kept nowhere else. */
export function takeCardIdNumber(): string | undefined {
  const idNumber = pendingIdNumber;
  pendingIdNumber = undefined;
  return idNumber;
}
let lastShownAt = -Infinity;

/**
 * Takes a scanned text if it is a CCCD, so it never reaches the code path (whose refusal log
 * would keep the text, ID number and address included). Returns false for any other text.
 */
export function takeCccd(text: string, now = performance.now()): boolean {
  if (!looksLikeCccd(text)) return false;
  const reading = readCccd(text, new Date().getFullYear());
  if (reading.kind === 'not-cccd') return false;
  // The camera sees the card many times a second: the same card within 3 s is the same scan.
  const key = JSON.stringify(reading);
  // Once closed, the same card may be scanned again at once.
  if (key === lastShown && now - lastShownAt < 3000 && cccdReading.value) return true;
  lastShown = key;
  lastShownAt = now;
  pendingIdNumber = reading.kind === 'cccd' ? text.split('|', 1)[0] : undefined;
  cccdReading.value = reading;
  return true;
}

