// The decoder worker: zxing-cpp (zxing-wasm) reads QR codes from camera frames at their
// native size, off the main thread. The .wasm comes from our own origin, never a CDN.
import { prepareZXingModule, readBarcodes, ZXING_WASM_VERSION } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { FromDecoder, ToDecoder } from './decode-protocol.ts';
import { READER_OPTIONS } from './reader-options.ts';

const scope = self as unknown as { postMessage(message: FromDecoder): void; onmessage: ((event: MessageEvent<ToDecoder>) => void) | null };
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixelsOf(frame: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
    canvas = new OffscreenCanvas(frame.width, frame.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) throw new Error('no 2d context in the worker');
  context.drawImage(frame, 0, 0);
  return context.getImageData(0, 0, frame.width, frame.height);
}

async function init(): Promise<void> {
  try {
    // Without OffscreenCanvas (Safari before 16.4) no frame could be read: say so, so the desk falls back.
    if (typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in workers');
    await prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path) },
      fireImmediately: true,
    });
    scope.postMessage({ kind: 'ready', version: ZXING_WASM_VERSION });
  } catch (error) {
    scope.postMessage({ kind: 'failed', reason: String(error) });
  }
}

async function decode(id: number, frame: ImageBitmap): Promise<void> {
  const started = performance.now();
  let text: string | undefined;
  try {
    const results = await readBarcodes(pixelsOf(frame), READER_OPTIONS);
    text = results.find((r) => r.isValid && r.text)?.text;
  } catch {
    text = undefined; // a frame the decoder could not take is a frame with no code
  } finally {
    frame.close();
  }
  scope.postMessage({ kind: 'result', id, text, decodeMs: performance.now() - started });
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.kind === 'init') void init();
  else void decode(message.id, message.frame);
};
