import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeStep } from '../../src/domain/wedge.ts';

/** Feeds `keys` with the given gaps (one number: all alike), then Enter; returns the last step. */
function typeAt(detector: WedgeDetector, keys: string[], gapMs: number | ((i: number) => number), enterGapMs = 5): WedgeStep {
  let at = 10_000;
  keys.forEach((k, i) => { if (i > 0) at += typeof gapMs === 'number' ? gapMs : gapMs(i); detector.feed(k, at); });
  return detector.feed('Enter', at + enterGapMs);
}

describe('WedgeDetector', () => {
  it('takes a burst at scanner speed ending in Enter as a scan', () => {
    expect(typeAt(new WedgeDetector(), [...'NCF3 8-A.*'], 5)).toMatchObject({ kind: 'scan', text: 'NCF3 8-A.*', startIndex: 0 });
  });

  it('leaves human typing as typing, even quick typing with a few rolled keys', () => {
    expect(typeAt(new WedgeDetector(), [...'nguyen van an'], 90).kind).toBe('key');
    expect(typeAt(new WedgeDetector(), [...'0912345678'], (i) => (i % 3 === 0 ? 25 : 70)).kind).toBe('key');
  });

  it('keeps a burst whole through a stall or two, as a busy page or a Bluetooth link delivers it', () => {
    const step = typeAt(new WedgeDetector(), [...'ABCDEFGHIJKLMNOP'], (i) => (i === 5 || i === 11 ? 190 : 6));
    expect(step).toMatchObject({ kind: 'scan', text: 'ABCDEFGHIJKLMNOP' });
  });

  it('keeps the first key when the page was slow to deliver the second', () => {
    expect(typeAt(new WedgeDetector(), [...'V50000Q70AK'], (i) => (i === 1 ? 160 : 8))).toMatchObject({ kind: 'scan', text: 'V50000Q70AK' });
  });

  it('leaves a person\'s keys typed just before the burst out of the scan', () => {
    const step = typeAt(new WedgeDetector(), [...'nguXYZ12345'], (i) => (i < 4 ? 300 : 5));
    expect(step).toMatchObject({ kind: 'scan', text: 'XYZ12345', startIndex: 3 });
  });

  it('ignores short bursts and modifier keys', () => {
    expect(typeAt(new WedgeDetector(), [...'ABC'], 5).kind).toBe('key');
    const d = new WedgeDetector();
    let at = 0;
    for (const k of 'ABCDEFG') { expect(d.feed('Shift', (at += 2))).toEqual({ kind: 'ignored' }); d.feed(k, (at += 3)); }
    expect(d.feed('Enter', at + 4)).toMatchObject({ kind: 'scan', text: 'ABCDEFG' });
  });

  it('applies Backspace inside a burst, as input methods that rewrite a letter send it', () => {
    const step = typeAt(new WedgeDetector(), ['X', 'Y', 'A', 'A', 'Backspace', 'Backspace', 'Â', 'Z', '1', '2'], 4);
    expect(step).toMatchObject({ kind: 'scan', text: 'XYÂZ12' });
    if (step.kind === 'scan') expect(step.keys.map((k) => k.key).at(-1)).toBe('Enter');
  });

  it('numbers keys from the last pause and marks the slow ones, so a screen can take a burst back', () => {
    const d = new WedgeDetector();
    expect(d.feed('A', 0)).toEqual({ kind: 'key', index: 0, slow: true });
    expect(d.feed('B', 5)).toEqual({ kind: 'key', index: 1, slow: false });
    expect(d.feed('C', 500)).toEqual({ kind: 'key', index: 2, slow: true });
    expect(d.feed('D', 2000)).toEqual({ kind: 'key', index: 0, slow: true });
  });
});
