// Keyboard-wedge scanners at the desk: a burst at scanner speed ending in Enter is a scan
// wherever the focus is; its characters are taken back out of any field they landed in.
import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { looksImeMangled, WedgeDetector, type WedgeKey } from '../../domain/wedge.ts';
import type { SignatureCheck } from '../../domain/token.ts';

/** What the input method did to the last wedge scan: shown until the next clean one. */
export const imeNotice = signal<'none' | 'repaired' | 'mangled'>('none');
/** While the scanner test is open, bursts are shown key by key and never scanned. */
export const wedgeTestOpen = signal(false);
export const lastBurst = signal<readonly WedgeKey[]>([]);

type TextField = HTMLInputElement | HTMLTextAreaElement;
interface FieldSnapshot { field: TextField; value: string; start: number | null; end: number | null }

function isTextField(el: Element | null): el is TextField {
  return el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(text|search|tel|url|email|password|number|)$/.test(el.type));
}

function snapshotOf(el: Element | null): FieldSnapshot | undefined {
  if (!isTextField(el)) return undefined;
  try {
    return { field: el, value: el.value, start: el.selectionStart, end: el.selectionEnd };
  } catch {
    return { field: el, value: el.value, start: null, end: null };
  }
}

/** Puts the field back as it was before the burst, and tells Preact (controlled inputs). */
function restore(snapshot: FieldSnapshot | undefined): void {
  if (!snapshot || snapshot.field.value === snapshot.value) return;
  snapshot.field.value = snapshot.value;
  try { snapshot.field.setSelectionRange(snapshot.start, snapshot.end); } catch { /* number inputs have no selection */ }
  snapshot.field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens on the whole window while the desk is shown; `onScan` gets each scanned text.
 * Keys come from keydown; letters an input method commits without a keydown of their own
 * (insertText, as Telex in a text field) come from beforeinput.
 */
export function useWedgeScanner(onScan: (text: string) => void): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  useEffect(() => {
    const detector = new WedgeDetector();
    // The field as it was before each slow key: a burst begins at one of them.
    const before = new Map<number, FieldSnapshot | undefined>();
    let lastKeydown = { key: '', at: -Infinity };
    const feed = (key: string, at: number, event: Event): void => {
      const step = detector.feed(key, at);
      if (step.kind === 'key') {
        if (step.index === 0) before.clear();
        if (step.slow) before.set(step.index, snapshotOf(document.activeElement));
        // A space inside a burst must not press the button that has the focus.
        else if (key === ' ' && detector.inBurst && !isTextField(document.activeElement)) event.preventDefault();
      }
      if (step.kind !== 'scan') return;
      event.preventDefault();
      event.stopPropagation();
      restore(before.get(step.startIndex));
      before.clear();
      if (wedgeTestOpen.value) lastBurst.value = step.keys;
      else onScanRef.current(step.text);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      lastKeydown = { key: event.key, at: event.timeStamp };
      feed(event.key, event.timeStamp, event);
    };
    const onBeforeInput = (event: InputEvent) => {
      if (event.inputType !== 'insertText' || !event.data) return;
      if (event.data === lastKeydown.key && event.timeStamp - lastKeydown.at < 50) return; // its keydown counted it
      for (const char of event.data) feed(char, event.timeStamp, event);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('beforeinput', onBeforeInput, true);
    };
  }, []);
}

/**
 * The text a wedge scan stands for: as typed, or repaired when a Vietnamese input method
 * rewrote it and exactly the repaired reading verifies. Sets the notice either way.
 */
export async function wedgeText(text: string, args: { eventId: number; verify: () => Promise<SignatureCheck> }): Promise<string> {
  if (!looksImeMangled(text)) { imeNotice.value = 'none'; return text; }
  // The repair is needed only with an input method on: its code loads then (precached).
  const { repairImeMangledCode } = await import('../../domain/vietnamese-ime.ts');
  const repaired = await repairImeMangledCode(text, { eventId: args.eventId, verify: await args.verify() });
  imeNotice.value = repaired ? 'repaired' : 'mangled';
  return repaired ?? text;
}
