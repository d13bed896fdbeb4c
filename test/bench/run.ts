// `npm run bench`: every figure issue #2 names, measured on the real build, server and browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, PROJECT_ROOT, type RunningServer } from '../support/server.ts';
import { authHeaders, prepareCoordinator } from '../support/sync-session.ts';
import { BIG_EVENT_ID, createBigEvent } from './big-event.ts';
import { scanRun, type ScanRun } from './scan-bench.ts';
import { scanHardBench } from './scan-hard-bench.ts';
import { offlineColdStarts } from './cold-start.ts';
import { searchTimes, shellSizes, tallyTimes } from './static-bench.ts';
import { emit, median, quantile } from './report.ts';
import { syncIngestBench } from './sync-bench.ts';
import { tallyRenderTimes } from './tally-render-bench.ts';
import { pgIngestBench } from './pg-bench.ts';
import { csvExportBench } from './report-bench.ts';
import { setupBench } from './setup-bench.ts';
import { emitFloodFigures, floodBench } from './flood-bench.ts';
import { venueBench } from './venue-bench.ts';
import { heavyWorkBench } from './heavy-work-bench.ts';

const CODES_PER_RUN = 32;
const FAST_RUNS = Number(process.env.BENCH_RUNS ?? 2);

async function codesFor(server: RunningServer, numbers: number[]): Promise<string[]> {
  return Promise.all(numbers.map(async (no) => {
    const res = await fetch(`${server.url}/api/events/${BIG_EVENT_ID}/participants/${no}/code`, { headers: authHeaders(server.coordinator) });
    return ((await res.json()) as { code: string }).code;
  }));
}

function merge(runs: ScanRun[]): ScanRun {
  return runs.reduce((a, r) => ({
    latencies: [...a.latencies, ...r.latencies], decodeToVerdict: [...a.decodeToVerdict, ...r.decodeToVerdict],
    shown: a.shown + r.shown, admitted: a.admitted + r.admitted,
  }), { latencies: [], decodeToVerdict: [], shown: 0, admitted: 0 });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'dd-bench-'));
  const big = await createBigEvent(join(work, 'diemdanh.sqlite'));
  await prepareCoordinator(work);
  const server = await startServer({ dataDir: work });
  try {
    const people = big.participants.length;
    console.log(`bench: event ${BIG_EVENT_ID}, ${big.units.length} units, ${people} people`);
    const pick = (run: number) => Array.from({ length: CODES_PER_RUN }, (_, i) => 1 + ((run * 7331 + i * 613) % people));

    const fastRuns: ScanRun[] = [];
    for (let r = 0; r < FAST_RUNS; r++) {
      fastRuns.push(await scanRun(server, BIG_EVENT_ID, await codesFor(server, pick(r)), { baseline: false, workDir: work }));
      console.log(`bench: fast run ${r + 1}: ${fastRuns.at(-1)!.admitted}/${fastRuns.at(-1)!.shown} caught, p50 ${median(fastRuns.at(-1)!.latencies).toFixed(0)} ms`);
    }
    const baseline = await scanRun(server, BIG_EVENT_ID, await codesFor(server, pick(FAST_RUNS)), { baseline: true, workDir: work });
    const fast = merge(fastRuns);
    emit('scan_to_verdict_ms_p50', median(fast.latencies), 'ms', 60);
    emit('scan_to_verdict_ms_p95', quantile(fast.latencies, 0.95), 'ms', 150);
    emit('scan_capture_ratio', fast.admitted / Math.max(1, fast.shown), 'ratio', 1);
    emit('baseline_scan_to_verdict_ms_p50', median(baseline.latencies), 'ms', null);
    emit('baseline_scan_capture_ratio', baseline.admitted / Math.max(1, baseline.shown), 'ratio', null);
    emit('scan_to_verdict_speedup_vs_baseline', median(baseline.latencies) / median(fast.latencies), 'x', null);
    emit('decode_to_verdict_ms_p95', quantile(fast.decodeToVerdict, 0.95), 'ms', 30);
    emit('decode_to_verdict_ms_p50', median(fast.decodeToVerdict), 'ms', null);

    emit('name_search_ms_p95', quantile(searchTimes(big.participants), 0.95), 'ms', 50);
    const tally = tallyTimes(big.event, big.units, big.participants);
    emit('tally_full_ms', median(tally.fullMs), 'ms', 10);
    emit('tally_incremental_us', median(tally.incrementalUs), 'µs', 100);
    emit('tally_incremental_us_p95', quantile(tally.incrementalUs, 0.95), 'µs', null);
    const sizes = shellSizes(join(PROJECT_ROOT, 'dist'));
    emit('desk_shell_js_gzip_kb', sizes.shellKb, 'KB', 60);
    emit('fallback_scanner_chunk_js_gzip_kb', sizes.scannerKb, 'KB', null);
    // Issue 12: the hard set, the clean set throttled ×4, the decoder's sizes; on the demo events.
    const demo = await startServer();
    try {
      await scanHardBench(demo, work);
    } finally {
      await demo.stop();
    }

    emit('offline_cold_start_ms', median(await offlineColdStarts(server, BIG_EVENT_ID, 5)), 'ms', 1000);

    // Issue 4: the coordinator's board, 300 units expanded, 20,000 check-ins, one new fact at a time.
    const renders = await tallyRenderTimes(server, big.participants);
    emit('tally_render_ms', median(renders), 'ms', 50);
    emit('tally_render_ms_p95', quantile(renders, 0.95), 'ms', null);
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  // Issue 3: 50 devices × 1,000 facts in batches of 500 into the embedded store, three runs.
  const syncRuns = [];
  for (let r = 0; r < 3; r++) syncRuns.push(await syncIngestBench());
  emit('sync_ingest_per_s', median(syncRuns.map((r) => r.perSecond)), 'facts/s', 5000);
  emit('sync_totals_exact', syncRuns.every((r) => r.totalsExact) ? 1 : 0, 'bool', 1);
  emit('desk_to_screen_ms_p95', median(syncRuns.map((r) => r.deskToScreenP95)), 'ms', 1000);
  // Issue 7: the same ingest workload on PostgreSQL (a throw-away cluster, fsync on), three runs.
  const pgRuns = await pgIngestBench(3);
  if (pgRuns) {
    emit('pg_ingest_per_s', median(pgRuns.map((r) => r.perSecond)), 'facts/s', 5000);
    emit('pg_vs_embedded_ingest_ratio', median(pgRuns.map((r) => r.perSecond)) / median(syncRuns.map((r) => r.perSecond)), 'ratio', null);
    emit('pg_totals_exact', pgRuns.every((r) => r.totalsExact) ? 1 : 0, 'bool', 1);
  } else console.log('bench: PostgreSQL not installed, pg_ingest_per_s skipped');
  // Issue 6: the participants CSV of the 20,100-person event through the real route.
  emit('csv_export_20k_ms', median((await csvExportBench()).ms), 'ms', 1000);
  // Issue 5: roster import, package download to a desk, badge sheet.
  await setupBench();
  // Issue 13: one person flooded 500 at a time into 10,000 of theirs; 40 snapshots at 150,000 facts.
  emitFloodFigures(await floodBench());
  // Issue 13, items 6–7: files read in worker threads (health stays quick), and the zip bombs' memory.
  await heavyWorkBench();
  // Issue 14: the venue's HTTPS handshake, and a backup of 20,000 facts while 10 desks push.
  await venueBench();
}

await main();
