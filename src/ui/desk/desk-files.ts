// The files a desk hands over by hand: its own scan log as CSV, its facts as a sync file (shared
// through the Web Share API where the device has it, else downloaded), and a sync file read in.
// Loaded with the data panel, never on the scan path.
import type { DeskDb, StoredPackage } from '../../db/db.ts';
import { factsOfEvent } from '../../db/record.ts';
import { importFacts, rejectionsOf } from '../../db/desk-data.ts';
import { quarantinedOf } from '../../db/quarantine.ts';
import { deskFileName, readDeskFile, writeDeskFile } from '../../domain/desk-file.ts';
import { formatDateTime, neutraliseCell, toCsv, type ReportLang } from '../../domain/report-format.ts';
import { scanLogRows } from '../../domain/scan-log-rows.ts';
import type { DeskFileImportResult } from '../../shared/desk-file.ts';

/** Who is exporting: the desk's package, this device and its desk. */
export interface DeskIdentity {
  db: DeskDb;
  pkg: StoredPackage;
  deviceId: string;
  deskId: string;
}

/** "20240710-0930" on the event's clock, for file names. */
function stamp(now: number, timeZone: string): string {
  const [date, time] = formatDateTime(now, timeZone).split(' ') as [string, string];
  const [d, m, y] = date.split('/');
  return `${y}${m}${d}-${time.replace(':', '')}`;
}

/** A file to hand over: its name, type and text. */
export interface OutgoingFile { name: string; type: string; text: string }

/**
 * This device's own scan log (its admissions, undos and refused scans) as CSV. The first line says
 * it is one desk's log, not the merged report, so nobody sends it upward as the event's result.
 */
export async function ownScanLogCsv(who: DeskIdentity, lang: ReportLang, now: number): Promise<OutgoingFile> {
  const { pkg } = who;
  const facts = await factsOfEvent(who.db, pkg.event.id);
  const rejections = await rejectionsOf(who.db, pkg.event.id);
  const quarantined = await quarantinedOf(who.db, pkg.event.id);
  const table = scanLogRows({ event: pkg.event, units: pkg.units, desks: pkg.desks, participants: pkg.participants, facts }, rejections, lang, { deviceId: who.deviceId, quarantined });
  const desk = pkg.desks.find((d) => d.id === who.deskId)?.name ?? who.deskId;
  const when = formatDateTime(now, pkg.event.timeZone);
  const title = lang === 'vi'
    ? `NHẬT KÝ RIÊNG CỦA MÁY: ${desk} (thiết bị ${who.deviceId}), xuất lúc ${when}. Chỉ gồm các lượt quét tại máy này; báo cáo tổng hợp lấy từ máy chủ.`
    : `ONE DESK'S OWN LOG: ${desk} (device ${who.deviceId}), exported ${when}. Only this device's scans; the merged report comes from the server.`;
  return {
    name: deskFileName({ kind: 'nhat-ky-quet', eventId: pkg.event.id, deskId: who.deskId, stamp: stamp(now, pkg.event.timeZone), ext: 'csv' }),
    type: 'text/csv;charset=utf-8',
    text: toCsv(table, [neutraliseCell(`${pkg.event.name} — ${title}`)]),
  };
}

/** Every fact of the event this device holds, and those the server refused, as one checked file. */
export async function syncFile(who: DeskIdentity, now: number): Promise<OutgoingFile & { facts: number }> {
  const { pkg } = who;
  const facts = await factsOfEvent(who.db, pkg.event.id);
  const quarantined = await quarantinedOf(who.db, pkg.event.id);
  return {
    name: deskFileName({ eventId: pkg.event.id, deskId: who.deskId, stamp: stamp(now, pkg.event.timeZone), ext: 'json' }),
    type: 'application/json',
    text: writeDeskFile({ eventId: pkg.event.id, deviceId: who.deviceId, deskId: who.deskId, exportedAt: now, facts, quarantined }),
    facts: facts.length,
  };
}

/** Shares the file (Zalo, Bluetooth, mail) where the browser can, else downloads it. */
export async function handOver(file: OutgoingFile, options: { share: boolean }): Promise<'shared' | 'downloaded'> {
  const blob = new Blob([file.text], { type: file.type });
  if (options.share && typeof File !== 'undefined' && navigator.canShare) {
    const asFile = new File([blob], file.name, { type: file.type });
    if (navigator.canShare({ files: [asFile] })) {
      try {
        await navigator.share({ files: [asFile], title: file.name });
        return 'shared';
      } catch (error) {
        if ((error as { name?: string }).name === 'AbortError') return 'shared';
        // Sharing refused (no target app): fall back to a download.
      }
    }
  }
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'downloaded';
}

/** Reads a sync file into this desk's log; refused files change nothing and say why. */
export async function importSyncFile(db: DeskDb, eventId: number, text: string): Promise<{ ok: true; result: DeskFileImportResult } | { ok: false; vi: string; en: string }> {
  const reading = readDeskFile(text, { eventId });
  if (!reading.ok) return { ok: false, vi: reading.vi, en: reading.en };
  return { ok: true, result: await importFacts(db, reading.file.facts) };
}
