// A video file for Chromium's --use-file-for-fake-video-capture: one segment per code, each a
// 640×480 white frame with the QR in the middle and a binary marker strip in the top-left
// corner, so a page can tell which segment a frame belongs to without decoding the QR.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import type { BrowserContext, Page } from 'playwright-core';
import { chooseMask, qrOptionsWithMask } from '../../src/server/codes/qr-options.ts';

const run = promisify(execFile);

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;
/** Marker geometry: MARKER_CELLS cells of MARKER_CELL px along the top edge, most significant bit first. */
export const MARKER_CELLS = 8;
export const MARKER_CELL = 20;
/** Largest segment number the strip can carry (0 means "no marker"). */
export const MAX_SEGMENTS = 2 ** MARKER_CELLS - 1;
/** The QR image is at most this wide, centred: it spans y 40–440, clear of the 20 px strip. */
const QR_MAX_WIDTH = 400;

export interface Y4mOptions {
  /** QR texts; segment n (1-based) shows codes[n-1] and carries marker n. */
  codes: readonly string[];
  out: string;
  secondsEach?: number;
  fps?: number;
  /** White frames with marker 0 between codes, so a scanner sees each code appear afresh. */
  gapSeconds?: number;
}

/** The ffmpeg drawbox filters that paint segment `n`'s black cells. */
function markerBoxes(n: number): string[] {
  const boxes: string[] = [];
  for (let cell = 0; cell < MARKER_CELLS; cell++) {
    const bit = (n >> (MARKER_CELLS - 1 - cell)) & 1;
    if (bit) boxes.push(`drawbox=x=${cell * MARKER_CELL}:y=0:w=${MARKER_CELL}:h=${MARKER_CELL}:color=black:t=fill`);
  }
  return boxes;
}

/**
 * A QR PNG drawn as the badges are (qr-options.ts), with
 * whole-pixel modules (crisp edges), as close to 400 px wide as fits.
 */
async function writeQrPng(path: string, text: string): Promise<void> {
  const options = qrOptionsWithMask(chooseMask(text));
  const modules = QRCode.create(text, options).modules.size;
  const margin = 4;
  const scale = Math.max(1, Math.floor(QR_MAX_WIDTH / (modules + 2 * margin)));
  await QRCode.toFile(path, text, { ...options, type: 'png', margin, scale });
}

/**
 * Renders the codes to a Y4M (yuv420p, 640×480, `fps`, default 10) with ffmpeg and returns
 * the absolute path, the frame count and the marker of each segment in file order (0 = gap). Size is 460.8 kB a frame: 100 codes × 1.5 s at 10 fps ≈ 690 MB.
 */
export async function buildY4m(options: Y4mOptions): Promise<{ path: string; frames: number; markerOrder: number[] }> {
  const { codes, secondsEach = 1.5, fps = 10, gapSeconds = 0 } = options;
  if (codes.length === 0 || codes.length > MAX_SEGMENTS) throw new Error(`1–${MAX_SEGMENTS} codes per file, got ${codes.length}`);
  const work = await mkdtemp(join(tmpdir(), 'diemdanh-y4m-'));
  try {
    const inputs: string[] = [];
    const chains: string[] = [];
    const labels: string[] = [];
    const markerOrder: number[] = [];
    const pad = `pad=${FRAME_WIDTH}:${FRAME_HEIGHT}:(ow-iw)/2:(oh-ih)/2:color=white`;
    let input = 0;
    const addSegment = (png: string, seconds: number, marker: number, filters: string[]): void => {
      inputs.push('-framerate', String(fps), '-loop', '1', '-t', String(seconds), '-i', png);
      const chain = [...filters, ...markerBoxes(marker), 'setsar=1', 'format=yuv420p'];
      chains.push(`[${input}:v]${chain.join(',')}[s${input}]`);
      labels.push(`[s${input}]`);
      markerOrder.push(marker);
      input++;
    };
    for (const [i, code] of codes.entries()) {
      const png = join(work, `code-${i + 1}.png`);
      await writeQrPng(png, code);
      addSegment(png, secondsEach, i + 1, [pad]);
      if (gapSeconds > 0) addSegment(png, gapSeconds, 0, ['drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill', pad]);
    }
    const filter = `${chains.join(';')};${labels.join('')}concat=n=${labels.length}:v=1:a=0[out]`;
    const out = resolve(options.out);
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y', ...inputs,
      '-filter_complex', filter, '-map', '[out]', '-r', String(fps), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out,
    ], { maxBuffer: 16 * 1024 * 1024 });
    const perSegment = (seconds: number): number => Math.round(seconds * fps);
    const frames = codes.length * (perSegment(secondsEach) + (gapSeconds > 0 ? perSegment(gapSeconds) : 0));
    return { path: out, frames, markerOrder };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One frame as the marker reader saw it; times are performance.now() based, in ms. */
export interface MarkerFrame {
  segment: number;
  callbackAt: number;
  presentationTime: number;
  expectedDisplayTime: number;
  captureTime: number | null;
  mediaTime: number;
  presentedFrames: number;
}

declare global {
  interface Window {
    /** Segment number → presentationTime of the first frame that carried it. */
    __segmentFirstSeen?: Record<number, number>;
    __markerFrames?: MarkerFrame[];
    __installMarkerReader?: (video: HTMLVideoElement) => void;
  }
}

/**
 * Page-side marker reader, as JavaScript source (see FAKE_CAMERA_SCRIPT for why not a function).
 * Defines window.__installMarkerReader(video), and installs itself on every <video> that starts
 * playing. Per frame (requestVideoFrameCallback) it draws the middle rows of the strip into an
 * 8×1 canvas, thresholds each cell's luminance and records the segment number; the first
 * presentationTime of each number lands in window.__segmentFirstSeen.
 */
export const MARKER_READER_SCRIPT = String.raw`
(() => {
  if (window.__installMarkerReader) return;
  const CELLS = ${MARKER_CELLS}, CELL = ${MARKER_CELL}, WIDTH = ${FRAME_WIDTH}, HEIGHT = ${FRAME_HEIGHT};
  const LIMIT = 20000;
  window.__segmentFirstSeen = window.__segmentFirstSeen || {};
  window.__markerFrames = window.__markerFrames || [];
  const canvas = document.createElement('canvas');
  canvas.width = CELLS; canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const readSegment = (video) => {
    const sx = video.videoWidth / WIDTH, sy = video.videoHeight / HEIGHT;
    ctx.drawImage(video, 0, CELL * 0.25 * sy, CELLS * CELL * sx, CELL * 0.5 * sy, 0, 0, CELLS, 1);
    const d = ctx.getImageData(0, 0, CELLS, 1).data;
    let n = 0;
    for (let i = 0; i < CELLS; i++) {
      const luma = 0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2];
      n = n * 2 + (luma < 128 ? 1 : 0);
    }
    return n;
  };
  window.__installMarkerReader = (video) => {
    if (!video || video.__markerReader) return;
    video.__markerReader = true;
    const onFrame = (now, meta) => {
      if (video.videoWidth > 0) {
        const segment = readSegment(video);
        const frames = window.__markerFrames;
        if (frames.length >= LIMIT) frames.splice(0, frames.length - LIMIT + 1);
        frames.push({
          segment, callbackAt: now, presentationTime: meta.presentationTime,
          expectedDisplayTime: meta.expectedDisplayTime, captureTime: meta.captureTime ?? null,
          mediaTime: meta.mediaTime, presentedFrames: meta.presentedFrames,
        });
        if (segment > 0 && !(segment in window.__segmentFirstSeen)) window.__segmentFirstSeen[segment] = meta.presentationTime;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  document.addEventListener('playing', (event) => {
    if (event.target instanceof HTMLVideoElement) window.__installMarkerReader(event.target);
  }, true);
})();
`;

/** Reads markers in every page the context (or page) opens from now on. */
export async function installMarkerReader(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript({ content: MARKER_READER_SCRIPT });
}

/** Starts reading markers on the page's `selector` video now (for pages opened before install). */
export async function readMarkerInPage(page: Page, selector = 'video'): Promise<void> {
  await page.evaluate(MARKER_READER_SCRIPT);
  await page.locator(selector).first().evaluate((video) => window.__installMarkerReader?.(video as HTMLVideoElement));
}

/** Segment number → first presentationTime (page ms) seen so far. */
export async function segmentFirstSeen(page: Page): Promise<Record<number, number>> {
  return page.evaluate(() => ({ ...window.__segmentFirstSeen }));
}

/** Every frame the reader has recorded so far, oldest first. */
export async function markerFrames(page: Page): Promise<MarkerFrame[]> {
  return page.evaluate(() => [...(window.__markerFrames ?? [])]);
}
