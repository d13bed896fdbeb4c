// The desk's own decoder (zxing-cpp as wasm, with the worker's options) in Node, so tests and the
// benchmark check what a desk would actually read: the wasm comes from node_modules, never a CDN.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { READER_OPTIONS } from '../../src/ui/scanner/reader-options.ts';

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
  prepared = true;
}

/** The first valid QR read from an encoded image (PNG, JPEG…), or undefined. */
export async function readQrImage(image: Uint8Array): Promise<ReadResult | undefined> {
  prepare();
  return (await readBarcodes(image, READER_OPTIONS)).find((r) => r.isValid);
}

/** The first valid QR read from RGBA pixels, or undefined. */
export async function readQrPixels(rgba: Uint8ClampedArray, width: number, height: number): Promise<ReadResult | undefined> {
  prepare();
  return (await readBarcodes({ data: rgba, width, height, colorSpace: 'srgb' } as ImageData, READER_OPTIONS)).find((r) => r.isValid);
}

/** Draws a module grid (dark = true) at `scale` px per module with a 4-module quiet zone, as RGBA. */
export function gridPixels(isDark: (row: number, col: number) => boolean, n: number, scale: number): { rgba: Uint8ClampedArray; size: number } {
  const margin = 4;
  const size = (n + 2 * margin) * scale;
  const rgba = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!isDark(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = ((y + margin) * scale + dy) * size;
        for (let dx = 0; dx < scale; dx++) rgba.fill(0, (row + (x + margin) * scale + dx) * 4, (row + (x + margin) * scale + dx) * 4 + 3);
      }
    }
  }
  return { rgba, size };
}
