// A scanner plugged into a computer with a Vietnamese input method on (Telex or VNI, in
// Unikey, Laban Key, GBoard) has its letters rewritten: "AA" → "Â", "DD" → "Đ", "OW" → "Ơ",
// "AS" → "Á", "A6" → "Â". Our codes are Base45 (0-9 A-Z space $%*+-./:), so any such letter
// betrays the input method; this lists the texts the scanner may have sent.

import { parseToken, TOKEN_BYTES, type SignatureCheck } from './token.ts';

export { looksImeMangled } from './wedge.ts';

type Mode = 'telex' | 'vni';

const SHAPE_KEYS: Record<string, Record<Mode, (base: string) => string>> = {
  '\u0302': { telex: (b) => b, vni: () => '6' }, // circumflex: AA EE OO / A6 E6 O6
  '\u0306': { telex: () => 'W', vni: () => '8' }, // breve: AW / A8
  '\u031b': { telex: () => 'W', vni: () => '7' }, // horn: OW UW / O7 U7
};
const TONE_KEYS: Record<string, Record<Mode, string>> = {
  '\u0301': { telex: 'S', vni: '1' }, '\u0300': { telex: 'F', vni: '2' }, '\u0309': { telex: 'R', vni: '3' },
  '\u0303': { telex: 'X', vni: '4' }, '\u0323': { telex: 'J', vni: '5' },
};

/** One rewritten letter read back: the keys typed in place, and a tone key that may have come later. */
interface Undo { inline: string; tone?: string }

/** The key sequences that may have produced `char` in `mode`; empty when it is not such a letter. */
function undosOf(char: string, mode: Mode): Undo[] {
  if (char === 'Đ') return [{ inline: mode === 'telex' ? 'DD' : 'D9' }];
  const [base = '', ...marks] = [...char.normalize('NFD')];
  if (!/^[AEIOUY]$/.test(base) || marks.length === 0) return [];
  let shape = '';
  let tone: string | undefined;
  for (const mark of marks) {
    const shapeKey = SHAPE_KEYS[mark]?.[mode];
    const toneKey = TONE_KEYS[mark]?.[mode];
    if (shapeKey) shape = shapeKey(base);
    else if (toneKey) tone = toneKey;
    else return [];
  }
  const undos: Undo[] = [{ inline: base + shape, tone }];
  // The tone key may also come first ("ESE" → "Ế").
  if (shape && tone) undos.push({ inline: base + tone + shape });
  // Telex also makes "Ư" from a lone W.
  if (mode === 'telex' && base === 'U' && shape === 'W') undos.push({ inline: 'W', tone });
  return undos;
}

/** How far after its letter a tone key may have been typed (the method moves tones within a word). */
const MAX_TONE_DEFER = 3;

/**
 * Texts the scanner may have sent before the input method rewrote them, each `targetLength`
 * long, at most `limit` of them, Telex readings first. The caller accepts one only if it
 * verifies as a signed code, so a wrong guess is never admitted.
 */
export function imeCandidates(text: string, targetLength: number, limit = 4096): string[] {
  const chars = [...text.replace(/[\r\n\t]+$/g, '')];
  const out: string[] = [];
  for (const mode of ['telex', 'vni'] as const) {
    if (out.length >= limit) break;
    expand(chars, mode, targetLength, limit, out);
  }
  return [...new Set(out)];
}

interface Reading { inline: string; tone: string; defer: number }

/** Each letter's possible readings: its keys, and how many letters later its tone key came. */
function readingsOf(chars: string[], mode: Mode): Reading[][] {
  return chars.map((c, i) => {
    const undos = undosOf(c, mode);
    if (undos.length === 0) return [{ inline: c, tone: '', defer: 0 }];
    return undos.flatMap((u) => {
      if (!u.tone) return [{ inline: u.inline, tone: '', defer: 0 }];
      const readings: Reading[] = [];
      for (let d = 0; d <= MAX_TONE_DEFER && i + d < chars.length; d++) {
        if (d > 0 && !/^[A-Z]$/.test(chars[i + d]!.normalize('NFD')[0] ?? '')) break; // a tone key stays in its word
        readings.push({ inline: u.inline, tone: u.tone, defer: d });
      }
      return readings;
    });
  });
}

/** The keys in typing order for one choice of reading per letter. */
function assemble(choice: Reading[]): string {
  const later: string[][] = choice.map(() => []);
  let text = '';
  choice.forEach((r, i) => {
    if (r.tone) later[i + r.defer]!.push(r.tone);
    text += r.inline + later[i]!.join('');
  });
  return text;
}

function expand(chars: string[], mode: Mode, targetLength: number, limit: number, out: string[]): void {
  const readings = readingsOf(chars, mode);
  const size = (r: Reading) => r.inline.length + r.tone.length;
  const minRest: number[] = [];
  const maxRest: number[] = [];
  for (let i = readings.length, lo = 0, hi = 0; i >= 0; i--) {
    minRest[i] = lo;
    maxRest[i] = hi;
    if (i > 0) { lo += Math.min(...readings[i - 1]!.map(size)); hi += Math.max(...readings[i - 1]!.map(size)); }
  }
  const choice: Reading[] = [];
  const walk = (i: number, length: number): void => {
    if (out.length >= limit) return;
    if (length + minRest[i]! > targetLength || length + maxRest[i]! < targetLength) return;
    if (i === readings.length) { out.push(assemble(choice)); return; }
    for (const r of readings[i]!) {
      choice[i] = r;
      walk(i + 1, length + size(r));
    }
    choice.length = i;
  };
  walk(0, 0);
}

/** Length of our code's text: 73 bytes in Base45 (3 characters a pair, 2 for the odd byte). */
const CODE_TEXT_LENGTH = Math.ceil(TOKEN_BYTES / 2) * 3 - (TOKEN_BYTES % 2);

/**
 * Undoes an input method's rewriting of one of our codes: the one reading that parses as a
 * code of this event and whose signature verifies, else undefined (then the text is shown as
 * it came, as not-a-code). At most 64 signature checks, however the text looks.
 */
export async function repairImeMangledCode(text: string, args: { eventId: number; verify: SignatureCheck }): Promise<string | undefined> {
  const readings = imeCandidates(text, CODE_TEXT_LENGTH)
    .filter((c) => parseToken(c)?.eventId === args.eventId)
    .slice(0, 64);
  for (const reading of readings) {
    const token = parseToken(reading)!;
    if (await args.verify(token.signed, token.signature).catch(() => false)) return reading;
  }
  return undefined;
}
