// Reads back the QR codes of a printed page: parses the SVG paths `qrcode` writes into a module
// grid and decodes it with the desk's own ZXing, so a test checks what would actually be scanned.
import { deskDecode } from '../../src/server/codes/qr-options.ts';

/** The text of every `<svg>` QR in the HTML, in page order (undefined where it does not decode). */
export function decodeSvgQrs(html: string, scale = 5): Array<string | undefined> {
  return [...html.matchAll(/<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*>([\s\S]*?)<\/svg>/g)].map(([, size, inner]) => {
    const path = /<path stroke="[^"]+" d="([^"]+)"/.exec(inner!)?.[1] ?? '';
    const full = Number(size);
    const dark = new Set<number>();
    let x = 0;
    let y = 0;
    for (const [, op, a, b] of path.matchAll(/([MmHh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?/g)) {
      const n = Number(a);
      if (op === 'M') { x = n; y = Number(b); } else if (op === 'm') { x += n; y += Number(b); } else {
        for (let i = 0; i < n; i++) dark.add(Math.floor(y) * full + x + i);
        x += n;
      }
    }
    // The quiet zone drawn in the SVG is part of the grid; deskDecode adds its own around it.
    return deskDecode((row, col) => dark.has(row * full + col), full, scale);
  });
}
