// Reads back the QR codes of a printed page: parses the SVG paths `qrcode` writes into a module
// grid and decodes it with the desk's own zxing-cpp, so a test checks what would actually be scanned.
import type { ReadResult } from 'zxing-wasm/reader';
import { gridPixels, readQrPixels } from './zxing-node.ts';

/** Every `<svg>` QR in the HTML, in page order, as read (undefined where it does not decode). */
export async function readSvgQrs(html: string, scale = 5): Promise<Array<ReadResult | undefined>> {
  const reads: Array<ReadResult | undefined> = [];
  for (const [, size, inner] of html.matchAll(/<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*>([\s\S]*?)<\/svg>/g)) {
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
    // The quiet zone drawn in the SVG is part of the grid; gridPixels adds its own around it.
    const { rgba, size: px } = gridPixels((row, col) => dark.has(row * full + col), full, scale);
    reads.push(await readQrPixels(rgba, px, px));
  }
  return reads;
}

/** The text of every `<svg>` QR in the HTML, in page order (undefined where it does not decode). */
export async function decodeSvgQrs(html: string, scale = 5): Promise<Array<string | undefined>> {
  return (await readSvgQrs(html, scale)).map((r) => r?.text);
}
