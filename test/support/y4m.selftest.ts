// Self-test of the camera harness, run by hand (not part of vitest):
//   node_modules/.bin/tsx test/support/y4m.selftest.ts
// 1. A 3-code Y4M as Chromium's fake capture: the marker reader must see segments 1, 2, 3 in
//    order; reports whether the file loops, the delivered frame rate and rVFC timing.
// 2. The canvas fake camera: frames must keep flowing while the picture is still, and a
//    shown code must reach the <video> quickly; also under context.clock.setFixedTime.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chooseMask } from '../../src/server/codes/qr-options.ts';
import { launchBrowser } from './browser.ts';
import { PROJECT_ROOT } from './server.ts';
import { makeEventKeys, mintCode } from './codes.ts';
import { blankCamera, installFakeCamera, showCode } from './fake-camera.ts';
import { buildY4m, FRAME_HEIGHT, FRAME_WIDTH, installMarkerReader, markerFrames, segmentFirstSeen, type MarkerFrame } from './y4m.ts';

const PAGE_URL = 'http://localhost/selftest'; // localhost is a secure context: getUserMedia works
const PAGE_HTML = `<!doctype html><meta charset="utf-8"><video id="v" muted playsinline autoplay></video>
<script>
navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } }).then((stream) => {
  const v = document.getElementById('v'); v.srcObject = stream; return v.play();
}).catch((e) => { window.__cameraError = String(e); });
</script>`;

const SCANNER_URL = 'http://localhost/scanner';
const SCANNER_JS = join(PROJECT_ROOT, 'node_modules/html5-qrcode/html5-qrcode.min.js');
const SCANNER_HTML = `<!doctype html><meta charset="utf-8"><div id="reader" style="width:640px"></div>`;

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

async function openCameraPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.route(PAGE_URL, (route) => route.fulfill({ contentType: 'text/html', body: PAGE_HTML }));
  await page.goto(PAGE_URL);
  await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return (v && v.videoWidth > 0) || 'cameraError' in window;
  }, undefined, { timeout: 15_000 });
  const error = await page.evaluate(() => (window as unknown as { __cameraError?: string }).__cameraError);
  if (error) throw new Error(`getUserMedia failed: ${error}`);
  return page;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Consecutive frames with the same segment, with the time of their first frame. */
function runsOf(frames: MarkerFrame[]): Array<{ segment: number; frames: number; start: number }> {
  const runs: Array<{ segment: number; frames: number; start: number }> = [];
  for (const f of frames) {
    const last = runs[runs.length - 1];
    if (last && last.segment === f.segment) last.frames++;
    else runs.push({ segment: f.segment, frames: 1, start: f.presentationTime });
  }
  return runs;
}

async function y4mCheck(work: string): Promise<void> {
  // A fixed key, so every run shows the same three codes.
  const keys = makeEventKeys({ seed: new Uint8Array(32).fill(45) });
  const codes = [1, 2, 3].map((no) => mintCode(keys, 1, no));
  console.log(`masks the codes are issued with: ${codes.map((c) => chooseMask(c)).join(' ')}`);
  const fps = 10;
  const built = await buildY4m({ codes, secondsEach: 1.5, fps, out: join(work, 'three.y4m') });
  const size = (await stat(built.path)).size;
  const frameBytes = 6 + FRAME_WIDTH * FRAME_HEIGHT * 1.5; // "FRAME\n" + I420 planes
  check(built.frames === 45 && (size - 45 * frameBytes) > 0 && (size - 45 * frameBytes) < 100, `y4m has 45 frames (${size} bytes)`);

  const browser = await launchBrowser({ fakeVideoFile: built.path });
  try {
    const context = await browser.newContext();
    await installMarkerReader(context);
    const page = await openCameraPage(context);
    await page.waitForFunction(() => [1, 2, 3].every((n) => n in (window.__segmentFirstSeen ?? {})), undefined, { timeout: 20_000 });
    await page.waitForTimeout(9_000); // two more passes of the 4.5 s file, if it loops
    const seen = await segmentFirstSeen(page);
    const frames = await markerFrames(page);
    check(seen[1]! < seen[2]! && seen[2]! < seen[3]!, `segments first seen in order 1 < 2 < 3: ${JSON.stringify(seen)}`);
    const runs = runsOf(frames);
    const sequence = runs.map((r) => r.segment);
    console.log('runs (segment×frames):', runs.map((r) => `${r.segment}×${r.frames}`).join(' '));
    check(sequence.every((s) => s >= 1 && s <= 3), 'every frame carries a readable marker 1–3');
    const loops = sequence.some((s, i) => i > 0 && s === 1 && sequence[i - 1] === 3);
    console.log(`loops: ${loops}`);
    const deltas = frames.slice(1).map((f, i) => f.presentationTime - frames[i]!.presentationTime);
    console.log(`delivered fps: ${(1000 / median(deltas)).toFixed(2)} (median frame interval ${median(deltas).toFixed(1)} ms, ` +
      `min ${Math.min(...deltas).toFixed(1)}, max ${Math.max(...deltas).toFixed(1)}) over ${frames.length} frames`);
    const whole = runs.slice(1, -1); // the first and last runs are cut by the recording window
    const runMs = whole.slice(1).map((r, i) => r.start - whole[i]!.start);
    console.log(`segment lengths (ms, first frame to first frame): ${runMs.map((x) => x.toFixed(0)).join(' ')}; frames per segment: ${whole.map((r) => r.frames).join(' ')}`);
    check(runMs.every((x) => Math.abs(x - 1500) < 150), 'each segment lasts 1.5 s ± 150 ms');
    const withCapture = frames.filter((f) => f.captureTime !== null);
    if (withCapture.length > 0) {
      console.log(`presentationTime − captureTime: median ${median(withCapture.map((f) => f.presentationTime - f.captureTime!)).toFixed(1)} ms`);
    } else console.log('captureTime: not provided by Chromium for this source');
    console.log(`callback − presentationTime: median ${median(frames.map((f) => f.callbackAt - f.presentationTime)).toFixed(1)} ms; ` +
      `expectedDisplayTime − presentationTime: median ${median(frames.map((f) => f.expectedDisplayTime - f.presentationTime)).toFixed(1)} ms`);
  } finally {
    await browser.close();
  }
  await scannerCheck(built.path, codes);
}

interface Decoded { text: string; at: number }

/** html5-qrcode (the scanner the desk uses) reading the y4m camera: every code, exact text, and how fast. */
async function scannerCheck(y4m: string, codes: readonly string[]): Promise<void> {
  const browser = await launchBrowser({ fakeVideoFile: y4m });
  try {
    const context = await browser.newContext();
    await installMarkerReader(context);
    const page = await context.newPage();
    await page.route(SCANNER_URL, (route) => route.fulfill({ contentType: 'text/html', body: SCANNER_HTML }));
    await page.goto(SCANNER_URL);
    await page.addScriptTag({ path: SCANNER_JS });
    await page.evaluate(String.raw`(() => {
      window.__decoded = [];
      const scanner = new __Html5QrcodeLibrary__.Html5Qrcode('reader', { verbose: false, formatsToSupport: [0] });
      return scanner.start({ facingMode: 'environment' }, { fps: 30 },
        (text) => window.__decoded.push({ text, at: performance.now() }), () => {});
    })()`);
    // Under CPU load (2 cores shared with other test runs) the scanner can fall behind and
    // skip a segment; the file loops, so wait for a later pass rather than fail at once.
    await page.waitForFunction((texts) => texts.every((t) => (window as unknown as { __decoded: Decoded[] }).__decoded.some((d) => d.text === t)),
      codes, { timeout: 30_000, polling: 200 }).catch(() => undefined);
    const decoded = await page.evaluate(() => (window as unknown as { __decoded: Decoded[] }).__decoded);
    const seen = await segmentFirstSeen(page);
    check(decoded.every((d) => codes.includes(d.text)), `scanner: every decode is exactly one of the codes (${decoded.length} decodes)`);
    console.log(`scanner: segments first seen ${JSON.stringify(seen)}; decodes per code ${codes.map((c) => decoded.filter((d) => d.text === c).length).join(' ')}; ` +
      `first decode at ${decoded[0]?.at.toFixed(0)} ms`);
    check(decoded.length > 0, 'scanner: decodes codes from the fake capture at all');
    // Not a harness failure: ZXing-js misses some valid codes whatever the camera (see the report
    // in the commit); the e2e and bench runs are where that counts.
    codes.forEach((code, i) => {
      const first = decoded.find((d) => d.text === code);
      const shown = seen[i + 1];
      if (first && shown !== undefined) console.log(`scanner: code ${i + 1} decoded ${(first.at - shown).toFixed(1)} ms after its first frame was presented`);
      else console.log(`NOTE scanner: code ${i + 1} never decoded by html5-qrcode: ${JSON.stringify(code)}`);
    });
  } finally {
    await browser.close();
  }
}

/** Dark-pixel share of the centre of the video, per frame, recorded in the page. */
const DARKNESS_PROBE = String.raw`(() => {
  const v = document.querySelector('video');
  const c = document.createElement('canvas'); c.width = 160; c.height = 120;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  window.__darkness = [];
  const onFrame = (now, meta) => {
    ctx.drawImage(v, 0, 0, 160, 120);
    const d = ctx.getImageData(40, 20, 80, 80).data;
    let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 100) dark++;
    window.__darkness.push({ t: meta.presentationTime, dark: dark / (d.length / 4), perfNow: performance.now() });
    v.requestVideoFrameCallback(onFrame);
  };
  v.requestVideoFrameCallback(onFrame);
})()`;

interface Darkness { t: number; dark: number; perfNow: number }

async function canvasCameraCheck(options: { fixedClock: boolean }): Promise<void> {
  const label = options.fixedClock ? 'canvas camera, clock.setFixedTime' : 'canvas camera';
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    if (options.fixedClock) await context.clock.setFixedTime(new Date('2024-07-10T08:45:00+07:00'));
    await installFakeCamera(context);
    await installMarkerReader(context);
    const page = await openCameraPage(context);
    await page.evaluate(DARKNESS_PROBE);
    await page.waitForTimeout(1000);
    const still = await page.evaluate(() => (window as unknown as { __darkness: Darkness[] }).__darkness.length);
    check(still >= 20, `${label}: frames keep flowing on a still picture (${still} in 1 s)`);
    const code = mintCode(makeEventKeys(), 1, 42);
    const shownAt = await showCode(page, code);
    await page.waitForTimeout(500);
    await blankCamera(page);
    await page.waitForTimeout(300);
    const samples = await page.evaluate(() => (window as unknown as { __darkness: Darkness[] }).__darkness);
    const firstDark = samples.find((s) => s.dark > 0.2 && s.perfNow >= shownAt);
    check(firstDark !== undefined, `${label}: the shown code reaches the video`);
    if (firstDark) console.log(`${label}: show() → first frame with the code: ${(firstDark.t - shownAt).toFixed(1)} ms (presentationTime − show time)`);
    check((samples[samples.length - 1]?.dark ?? 1) < 0.01, `${label}: blank() clears it`);
    const markers = await markerFrames(page);
    check(markers.length > 0 && markers.every((m) => m.segment === 0), `${label}: no marker read on canvas frames`);
    const skew = await page.evaluate(() => new Promise<number>((resolve) => {
      const v = document.querySelector('video')!;
      v.requestVideoFrameCallback((now) => resolve(performance.now() - now));
    }));
    console.log(`${label}: performance.now() − rVFC now: ${skew.toFixed(1)} ms; Date.now() in page = ${await page.evaluate(() => new Date().toISOString())}`);
  } finally {
    await browser.close();
  }
}

const work = await mkdtemp(join(tmpdir(), 'diemdanh-selftest-'));
try {
  await y4mCheck(work);
  await canvasCameraCheck({ fixedClock: false });
  await canvasCameraCheck({ fixedClock: true });
} finally {
  await rm(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('all checks passed');
