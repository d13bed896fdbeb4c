// The hard set through the desk: 7 categories × 4 qrencode codes, degraded, played at
// 1280×720 by Chromium's fake camera, for our decoder and for html5-qrcode's defaults in the
// same run; the clean set under CPU throttling ×4; the decoder's sizes.
// Run alone (after `vite build`): `npx tsx test/bench/scan-hard-bench.ts`; run.ts calls it too.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../support/browser.ts';
import { picturesToY4m } from '../support/y4m-frames.ts';
import { fetchCodes, PROJECT_ROOT, startServer, type RunningServer } from '../support/server.ts';
import { openDesk, scanRun } from './scan-bench.ts';
import { buildHardSet, HARD_CATEGORIES, type HardCategory } from './scan-hard-set.ts';
import { emit, median } from './report.ts';

const SECONDS_EACH = 1.5;

/**
 * Plays the set once through the desk; the codes read, by text. Any verdict counts: the runs
 * share one server, so a code the first run admitted reads `already` in the next.
 */
async function playHardSet(server: RunningServer, eventId: number, video: string, count: number, baseline: boolean): Promise<Set<string>> {
  const browser = await launchBrowser({ fakeVideoFile: video });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await openDesk(page, baseline ? `${server.url}/?scanner=baseline` : server.url, eventId, server);
    await page.waitForTimeout(count * SECONDS_EACH * 1000 + 3000); // one full pass, and slack
    const timings: { text: string; verdict: string }[] = await page.evaluate(() => window.__scanTimings ?? []);
    return new Set(timings.filter((t) => t.verdict === 'admitted' || t.verdict === 'already').map((t) => t.text));
  } finally {
    await browser.close();
  }
}

/** Capture ratio per category and overall, for one decoder. */
function ratios(set: { category: HardCategory; code: string }[], caught: Set<string>): { all: number; by: Record<HardCategory, number> } {
  const by = Object.fromEntries(HARD_CATEGORIES.map((c) => {
    const inCategory = set.filter((s) => s.category === c);
    return [c, inCategory.filter((s) => caught.has(s.code)).length / inCategory.length];
  })) as Record<HardCategory, number>;
  return { all: set.filter((s) => caught.has(s.code)).length / set.length, by };
}

/** The zxing scanner chunk plus its worker (gzip), and the wasm as served (raw). */
export function decoderSizes(distDir: string): { scannerKb: number; wasmKb: number } {
  const assets = readdirSync(join(distDir, 'assets'));
  const js = assets.filter((f) => /^(zxing-scanner|decode-worker)-.*\.js$/.test(f));
  const wasm = assets.find((f) => f.endsWith('.wasm'));
  if (js.length < 2 || !wasm) throw new Error('dist/ has no zxing scanner chunk, worker or wasm: run vite build');
  const scannerKb = js.reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, 'assets', f)), { level: 9 }).length / 1024, 0);
  return { scannerKb, wasmKb: statSync(join(distDir, 'assets', wasm)).size / 1024 };
}

/** Single frames of the hard set at levels M and Q decoded in Node by the desk's decoder: the data behind the level badges use (Q), and old (M) badges. */
export async function levelFigures(codes: readonly string[], workDir: string): Promise<void> {
  const { readQrImage } = await import('../support/zxing-node.ts');
  for (const level of ['M', 'Q'] as const) {
    const set = buildHardSet(codes, workDir, level);
    const caught = new Set<string>();
    for (const s of set) {
      if ((await readQrImage(new Uint8Array(readFileSync(s.png))))?.text === s.code) caught.add(s.code);
    }
    const r = ratios(set, caught);
    emit(`scan_hard_single_frame_ratio_level_${level}`, r.all, 'ratio', null);
    for (const c of HARD_CATEGORIES) emit(`scan_hard_single_frame_ratio_level_${level}_${c}`, r.by[c], 'ratio', null);
  }
}

/** Every figure of the hard-set bench, on `server` (demo event 2 has enough people). */
export async function scanHardBench(server: RunningServer, workDir: string): Promise<void> {
  const eventId = 2;
  const codes = (await fetchCodes(server, eventId)).slice(0, 4 * HARD_CATEGORIES.length).map((c) => c.code);
  const set = buildHardSet(codes, workDir);
  const video = await picturesToY4m({ pictures: set.map((s) => s.png), out: join(workDir, 'hard.y4m'), secondsEach: SECONDS_EACH, fps: 10 });
  const ours = ratios(set, await playHardSet(server, eventId, video, set.length, false));
  const base = ratios(set, await playHardSet(server, eventId, video, set.length, true));
  emit('scan_hard_capture_ratio', ours.all, 'ratio', 0.85);
  for (const c of HARD_CATEGORIES) emit(`scan_hard_capture_ratio_${c}`, ours.by[c], 'ratio', null);
  emit('baseline_scan_hard_capture_ratio', base.all, 'ratio', null);
  for (const c of HARD_CATEGORIES) emit(`baseline_scan_hard_capture_ratio_${c}`, base.by[c], 'ratio', null);

  const clean = (await fetchCodes(server, 1)).slice(0, 16).map((c) => c.code);
  const throttled = await scanRun(server, 1, clean, { baseline: false, workDir, cpuThrottle: 4 });
  emit('scan_to_verdict_throttled_ms_p50', median(throttled.latencies), 'ms', 200);
  emit('scan_throttled_capture_ratio', throttled.admitted / Math.max(1, throttled.shown), 'ratio', null);

  await levelFigures(codes, workDir);
  const sizes = decoderSizes(join(PROJECT_ROOT, 'dist'));
  emit('scanner_chunk_js_gzip_kb', sizes.scannerKb, 'KB', null);
  emit('decoder_wasm_kb', sizes.wasmKb, 'KB', null);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'dd-hard-bench-'));
  const server = await startServer();
  try {
    await scanHardBench(server, work);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
