// Keyboard-wedge scanners (USB, Bluetooth) type a code as a burst of keystrokes ending in
// Enter, far faster than a person types. This tells such a burst from human typing.

/** Scanners send a key every 1–20 ms; a person, rarely under 60 ms between two keys. */
export const WEDGE_FAST_GAP_MS = 40;
/** A burst may stall (a busy page, a Bluetooth hiccup); most of its gaps must still be fast. */
export const WEDGE_FAST_SHARE = 0.75;
/** Shorter bursts are not taken as scans: a person can chord two or three keys that fast. */
export const WEDGE_MIN_LENGTH = 6;
/** A pause this long before a burst is a person picking up the scanner: what came before stays
 *  typing. A scanner's own gaps stay far below it even when a busy page delivers keys late. */
const PERSON_GAP_MS = 250;
/** A pause this long ends whatever was being typed. */
const FORGET_AFTER_MS = 1000;
const MAX_KEYS = 1024;

/** One key as it arrived, with the gap since the key before it. */
export interface WedgeKey { key: string; gapMs: number }

/** What one keydown means: `index` numbers the keys since the last pause; a scan says where it began. */
export type WedgeStep =
  | { kind: 'key'; index: number; slow: boolean }
  | { kind: 'ignored' }
  | { kind: 'scan'; text: string; keys: readonly WedgeKey[]; startIndex: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Infinity;
}

/**
 * Feeds keydowns (key as in KeyboardEvent.key, time in ms) and reports a scan when Enter or
 * Tab ends a long-enough burst of mostly scanner-speed keys. Slow keys typed just before
 * (a person's) are left out of it. Backspace inside a burst removes the last character, as
 * input methods that rewrite letters send it. Modifier keys are ignored.
 */
export class WedgeDetector {
  private keys: WedgeKey[] = [];
  private lastAt = -Infinity;

  feed(key: string, at: number): WedgeStep {
    const ends = key === 'Enter' || key === 'Tab';
    if (!ends && key !== 'Backspace' && key.length !== 1) return { kind: 'ignored' }; // Shift, CapsLock, arrows…
    const gap = at - this.lastAt;
    this.lastAt = at;
    if (gap > FORGET_AFTER_MS || this.keys.length >= MAX_KEYS) this.keys = [];
    if (!ends) {
      this.keys.push({ key, gapMs: this.keys.length === 0 ? Infinity : gap });
      return { kind: 'key', index: this.keys.length - 1, slow: gap > WEDGE_FAST_GAP_MS };
    }
    const scan = this.scanOf({ key, gapMs: gap });
    this.keys = [];
    return scan ?? { kind: 'key', index: 0, slow: true };
  }

  /** True once the last two keys came at scanner speed: a burst is under way. */
  get inBurst(): boolean {
    return this.keys.length >= 2 && this.keys[this.keys.length - 1]!.gapMs <= WEDGE_FAST_GAP_MS;
  }

  private scanOf(enter: WedgeKey): Extract<WedgeStep, { kind: 'scan' }> | undefined {
    // The burst starts after the last pause a person makes: keys typed before it stay typing.
    let start = 0;
    this.keys.forEach((k, i) => { if (k.gapMs >= PERSON_GAP_MS) start = i; });
    if (enter.gapMs > FORGET_AFTER_MS) return undefined;
    const burst = this.keys.slice(start);
    const gaps = burst.slice(1).map((k) => k.gapMs);
    const fast = gaps.filter((g) => g <= WEDGE_FAST_GAP_MS).length;
    let text = '';
    for (const k of burst) text = k.key === 'Backspace' ? text.slice(0, -1) : text + k.key;
    if (text.length < WEDGE_MIN_LENGTH || fast < WEDGE_FAST_SHARE * gaps.length || median(gaps) > WEDGE_FAST_GAP_MS) return undefined;
    return { kind: 'scan', text, keys: [{ ...burst[0]!, gapMs: 0 }, ...burst.slice(1), enter], startIndex: start };
  }
}

// A scanner typing through a Vietnamese input method (Telex/VNI) has its Base45 letters
// rewritten ("AA" → "Â"); the repair itself is in vietnamese-ime.ts, loaded when needed.
const BASE45 = /^[0-9A-Z $%*+\-./:]*$/;
const COMBINING = /[\u0300-\u036f]/;

/** True when the text holds letters that only a Vietnamese input method produces from Base45. */
export function looksImeMangled(text: string): boolean {
  const plain = text.replace(/[\r\n\t]+$/g, '');
  return !BASE45.test(plain) && [...plain].some((c) => c === 'Đ' || c === 'Ư' || c === 'Ơ' || COMBINING.test(c.normalize('NFD')));
}

