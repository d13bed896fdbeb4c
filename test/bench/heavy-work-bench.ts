// Issue 13, items 6 and 7, on a real server process: its peak memory (VmHWM, worker threads
// included) after the zip bombs and the largest workbook it accepts, and how long /api/health
// waits while a 20,000-row workbook is previewed and a 20,000-fact desk file imported, against
// the same probe on the idle server.
import { readFileSync } from 'node:fs';
import { deflateRawSync, constants as zlib } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { writeDeskFile } from '../../src/domain/desk-file.ts';
import { makeXlsx } from '../support/xlsx.ts';
import { fetchPackage, startServer, type RunningServer } from '../support/server.ts';
import { admitFact, authHeaders, httpFetcher, pairDesk } from '../support/sync-session.ts';
import { emit, quantile } from './report.ts';
import { healthLatenciesDuring } from './health-probe.ts';

/** Peak resident memory of a process so far, MB. */
const peakRssMb = (pid: number): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface ZipEntry { name: string; method: 0 | 8; data: Uint8Array; originalSize: number }

/** A zip archive written field by field, so its directory can declare what a bomb declares. */
function zipOf(entries: readonly ZipEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(e.method, 8);
    // CRC left 0: the server refuses or bounds these before any CRC is checked.
    local.writeUInt32LE(e.data.length, 18); local.writeUInt32LE(e.originalSize, 22); local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.data.length, 20); dir.writeUInt32LE(e.originalSize, 24); dir.writeUInt16LE(name.length, 28); dir.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(e.data));
    central.push(dir, name);
    offset += local.length + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, dirBytes, end]));
}

const MiB = 1024 * 1024;

/** A raw deflate stream of `mib` MiB of spaces, built from one compressed 64 MiB block repeated (full flush makes blocks independent). */
function spacesDeflated(mib: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(64 * MiB, 0x20), { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const emptyFinalBlock = Buffer.from([0x03, 0x00]);
  return new Uint8Array(Buffer.concat([...Array.from({ length: mib / 64 }, () => block), emptyFinalBlock]));
}

/** A real workbook's small parts, stored, plus `sheets` worksheet parts as given. */
function workbookWith(sheets: Array<Omit<ZipEntry, 'name'>>): Uint8Array {
  const base = unzipSync(makeXlsx([['Họ và tên'], ['An']]));
  const small = Object.entries(base).filter(([name]) => name !== 'xl/worksheets/sheet1.xml')
    .map(([name, data]): ZipEntry => ({ name, method: 0, data, originalSize: data.length }));
  return zipOf([...small, ...sheets.map((s, i) => ({ ...s, name: i === 0 ? 'xl/worksheets/sheet1.xml' : `xl/worksheets/sheet${i + 1}.xml` }))]);
}

/** Health answers, asked from another process while `work` runs: the longest, and the 99th percentile. */
async function healthDuring(url: string, work: () => Promise<unknown>): Promise<{ max: number; p99: number }> {
  const latencies = await healthLatenciesDuring(url, work);
  return { max: Math.max(...latencies), p99: quantile(latencies, 0.99) };
}

async function upload(server: RunningServer, path: string, body: Uint8Array | string, type: string): Promise<Response> {
  const payload: BodyInit = typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]);
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...authHeaders(server.coordinator) }, body: payload });
  await response.arrayBuffer();
  return response;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the bombs; the server's peak memory before and after. */
async function bombs(server: RunningServer): Promise<{ before: number; after: number }> {
  const before = peakRssMb(server.pid);
  const oneGiBish = spacesDeflated(768);
  // Eight parts of 768 MiB each: a 6 MB file whose directory truthfully says 6 GiB.
  const truthful = workbookWith(Array.from({ length: 8 }, () => ({ method: 8 as const, data: oneGiBish, originalSize: 768 * MiB })));
  // One part that says 1 KB and inflates to 768 MiB: the directory lies.
  const lying = workbookWith([{ method: 8, data: oneGiBish, originalSize: 1024 }]);
  // A million rows: refused by the row count before the sheet is parsed.
  const million = makeXlsx([['Họ và tên'], ...Array.from({ length: 1_000_000 }, () => ['A'])]);
  console.log(`bench: bomb ${(truthful.length / MiB).toFixed(1)} MB declares ${8 * 768} MiB; million-row workbook ${(million.length / MiB).toFixed(1)} MB`);
  for (const [name, body] of [['truthful', truthful], ['lying', lying], ['million-row', million]] as const) {
    const response = await upload(server, '/api/events/1/roster-import', body, XLSX);
    console.log(`bench: ${name} workbook → HTTP ${response.status}, server peak ${peakRssMb(server.pid).toFixed(0)} MB`);
  }
  // A million one-letter lines in 10 MB of CSV.
  const lines = strToU8(['Họ và tên', ...Array.from({ length: 1_000_000 }, () => 'A')].join('\n').slice(0, 10 * MiB - 16));
  const csv = await upload(server, '/api/events/1/roster-import', lines, 'text/csv');
  console.log(`bench: million-line CSV → HTTP ${csv.status}, server peak ${peakRssMb(server.pid).toFixed(0)} MB`);
  return { before, after: peakRssMb(server.pid) };
}

/** The peak after the largest workbook a coordinator may send: 99,999 rows of five columns. */
async function largestAccepted(server: RunningServer): Promise<number> {
  const rows = [['Họ và tên', 'Đơn vị', 'Điện thoại', 'CCCD', 'Đối tượng'],
    ...Array.from({ length: 99_999 }, (_, i) => [`Nguyễn Thị Bích Ngọc ${i}`, 'Phường Sông Cầu', `09${10_000_000 + i}`, String(1_000_000_000 + i).padStart(12, '0'), 'Đoàn viên'])];
  const response = await upload(server, '/api/events/1/roster-import', makeXlsx(rows), XLSX);
  console.log(`bench: largest accepted workbook → HTTP ${response.status}`);
  return peakRssMb(server.pid);
}

type Stall = { max: number; p99: number };

/** Health during a 20,000-row workbook preview and a 20,000-fact desk file import, and for as long with nothing to do. */
async function stalls(server: RunningServer): Promise<{ preview: Stall; deskFile: Stall; idle: Stall }> {
  const pkg = await fetchPackage(server.url, 1, server.coordinator);
  // A unit with one quota takes any row without a category column.
  const unit = pkg.units.find((u) => u.quotas.length === 1)!;
  const rows = [['Họ và tên', 'Đơn vị', 'Điện thoại'], ...Array.from({ length: 20_000 }, (_, i) => [`Trần Văn Bình ${i}`, unit.name, `08${10_000_000 + i}`])];
  const workbook = makeXlsx(rows);
  const started = performance.now();
  // Five previews one after another, as a coordinator re-maps columns: enough answers for a p99.
  const preview = await healthDuring(server.url, async () => {
    for (let i = 0; i < 5; i++) await upload(server, '/api/events/1/roster-import', workbook, XLSX);
  });
  // The same probe with the server idle, as long: what this machine's scheduling alone costs.
  const idleMs = performance.now() - started;
  const idle = await healthDuring(server.url, () => new Promise((resolve) => setTimeout(resolve, idleMs)));
  const fetcher = httpFetcher(server.url);
  const desk = await pairDesk(fetcher, server.coordinator, { eventId: 1, deskId: 'ban-1', name: 'Máy tệp' });
  const start = Date.now() - 3_600_000;
  const facts = Array.from({ length: 20_000 }, (_, i) => {
    const p = pkg.participants[i % pkg.participants.length]!;
    return admitFact(desk, { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: start + i * 100 });
  });
  const text = writeDeskFile({ eventId: 1, deviceId: desk.deviceId, deskId: desk.deskId, exportedAt: Date.now(), facts });
  const deskFile = await healthDuring(server.url, () => upload(server, '/api/events/1/desk-file', text, 'application/json'));
  return { preview, deskFile, idle };
}

/** Runs both on a fresh demo server and prints the BENCH lines. */
export async function heavyWorkBench(): Promise<void> {
  const server = await startServer({ timeoutMs: 60_000 });
  try {
    // Bombs first, on a fresh process: its peak memory is then theirs alone.
    const memory = await bombs(server);
    emit('xlsx_bomb_rss_mb', memory.after, 'MB', 300);
    emit('xlsx_bomb_rss_before_mb', memory.before, 'MB', null);
    const stall = await stalls(server);
    // The goal is on p99: on this VM one health answer in a few hundred takes ~50 ms with the server idle.
    emit('roster_preview_20k_xlsx_x5_health_ms_p99', stall.preview.p99, 'ms', 50);
    emit('roster_preview_20k_xlsx_x5_health_ms_max', stall.preview.max, 'ms', null);
    emit('desk_file_import_20k_health_ms_p99', stall.deskFile.p99, 'ms', 50);
    emit('desk_file_import_20k_health_ms_max', stall.deskFile.max, 'ms', null);
    emit('idle_health_ms_p99', stall.idle.p99, 'ms', null);
    emit('idle_health_ms_max', stall.idle.max, 'ms', null);
    emit('xlsx_largest_accepted_rss_mb', await largestAccepted(server), 'MB', null);
  } finally {
    await server.stop();
  }
}

// `tsx test/bench/heavy-work-bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) await heavyWorkBench();
