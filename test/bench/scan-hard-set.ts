// The hard set: codes drawn by qrencode (an encoder independent of ours, at level Q as badges
// are printed; level M for the badges printed before) and degraded with ImageMagick the way desks see them, each a 1280×720 frame.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** ImageMagick's own binary: /usr/local/bin/convert may be a stand-in on this machine. */
const CONVERT = '/usr/bin/convert';
const W = 1280;
const H = 720;

export const HARD_CATEGORIES = ['motion_blur', 'low_light', 'small', 'perspective', 'curved', 'finger', 'phone_glare'] as const;
export type HardCategory = (typeof HARD_CATEGORIES)[number];

/** Error-correction levels compared on the hard set: Q is what badges use (qr-options.ts), M what older badges used. */
export type HardLevel = 'M' | 'Q';

/** A code at `px` pixels a module, as a PNG file from qrencode. */
function qrencode(text: string, out: string, px: number, level: HardLevel): string {
  execFileSync('qrencode', ['-l', level, '-s', String(px), '-m', '4', '-o', out, text]);
  return out;
}

/** `variant` (0–3) varies strength, position and angle within the category. */
function degrade(category: HardCategory, code: string, out: string, variant: number): void {
  const v = variant;
  const frame = ['-size', `${W}x${H}`, `xc:#b8b4ac`];
  const place = (size: number, x: number, y: number) => ['(', code, '-filter', 'Triangle', '-resize', `${size}x${size}`, ')', '-geometry', `+${x}+${y}`, '-composite'];
  const args: Record<HardCategory, string[]> = {
    motion_blur: [...frame, ...place(360, 460 + v * 20, 180), '-motion-blur', `0x${5 + v}+${15 + v * 25}`],
    low_light: [...frame, ...place(340, 470, 190 - v * 10), '-evaluate', 'multiply', String(0.22 - v * 0.03), '-attenuate', String(0.6 + v * 0.2), '+noise', 'Gaussian', '-blur', '0x0.8'],
    small: [...frame, ...place(104 - v * 6, 600 + v * 30, 320 - v * 20), '-blur', '0x0.5'],
    // The code alone is tilted (+distort), then laid on the frame: ImageMagick 6 aborts on a
    // perspective of the whole frame.
    perspective: [...frame, '(', code, '-filter', 'Triangle', '-resize', '400x400', '-virtual-pixel', 'white', '-background', 'white', '+distort', 'Perspective',
      `0,0 ${130 + v * 15},${50 + v * 7}  400,0 400,0  400,400 400,400  0,400 ${130 + v * 15},${350 - v * 7}`, ')', '-geometry', '+440+160', '-composite'],
    curved: [...frame, ...place(380, 450, 170), '-virtual-pixel', 'Edge', '-wave', `${14 + v * 4}x${1500 - v * 150}`, '-blur', '0x0.6'],
    // A fingertip over a corner of the code (about a tenth of it; the code spans 450–830 × 170–550).
    finger: [...frame, ...place(380, 450, 170), '-fill', '#c58c6c', '-stroke', '#8a5a40', '-strokewidth', '3',
      '-draw', `roundrectangle ${725 + v * 8},${445 - v * 6} 960,${525 - v * 4} 45,45`, '-blur', '0x0.7'],
    phone_glare: ['-size', `${W}x${H}`, 'xc:#2a2a2a', '-fill', '#101010', '-draw', 'roundrectangle 470,40 810,690 30,30',
      ...place(300, 490, 210 + v * 10), '-fill', '#bcd0ff', '-colorize', '8',
      '(', '-size', '420x420', 'radial-gradient:white-none', ')', '-geometry', `+${380 + v * 40}+${110 + v * 25}`, '-compose', 'Screen', '-composite',
      '-compose', 'Over', '(', '-size', `${W}x${H}`, 'pattern:horizontal3', '-alpha', 'set', '-channel', 'A', '-evaluate', 'set', '12%', '+channel', ')', '-composite', '-blur', '0x0.6'],
  };
  execFileSync(CONVERT, [...args[category], '-colorspace', 'sRGB', '-type', 'TrueColor', out]);
}

/** Renders `codes` (4 or more a category) as degraded 1280×720 PNGs; returns them in playing order. */
export function buildHardSet(codes: readonly string[], dir: string, level: HardLevel = 'Q'): { category: HardCategory; code: string; png: string }[] {
  const perCategory = Math.floor(codes.length / HARD_CATEGORIES.length);
  if (perCategory < 4) throw new Error(`the hard set needs at least ${4 * HARD_CATEGORIES.length} codes`);
  return HARD_CATEGORIES.flatMap((category, c) => Array.from({ length: perCategory }, (_, i) => {
    const code = codes[c * perCategory + i]!;
    // The same printed size at either level: a denser code gets smaller modules.
    const base = qrencode(code, join(dir, `${level}-${category}-${i}-code.png`), 10, level);
    const png = join(dir, `${level}-${category}-${i}.png`);
    degrade(category, base, png, i % 4);
    return { category, code, png };
  }));
}
