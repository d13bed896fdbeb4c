// The scan log: every recorded admission and undo, with duplicates and undone ones named, and
// (from a desk) every refused scan with its reason. One row per scan, in the order they happened.
import type { Fact } from '../shared/schemas.ts';
import type { QuarantinedFact, Rejection } from '../shared/desk-file.ts';
import { correctedTime } from './admit.ts';
import { formatDateTime, label, neutraliseCell as safe, type LabelKey, type ReportLang, type ReportTable } from './report-format.ts';
import { reportTally, type ReportInput } from './report-summary.ts';

/** What became of one scan; a closed list, so each has a label in both languages. */
export type ScanResult = 'admitted' | 'duplicate' | 'unrostered' | 'undone' | 'void' | 'quarantined' | Rejection['reason'];

interface LogEntry {
  at: number;
  deviceTime: number;
  deskId: string;
  deviceId: string;
  checkpoint: Fact['checkpoint'];
  result: ScanResult;
  reason: string;
  personKey?: string;
  unitId?: number;
  name?: string;
  method?: Fact['method'];
  id: string;
  text?: string;
}

/** Each fact's result: undone, the undo itself, a later duplicate, off the roster, or simply admitted. */
function factEntries(input: ReportInput, lang: ReportLang): LogEntry[] {
  const tally = reportTally(input);
  const standing = new Set<string>();
  for (const c of input.event.checkpoints) for (const f of tally.standing(c)) standing.add(f.id);
  const undoneBy = new Map<string, string>();
  for (const f of input.facts) if (f.kind === 'void' && f.voids && !undoneBy.has(f.voids)) undoneBy.set(f.voids, f.id);
  const rostered = new Set(input.participants.map((p) => String(p.no)));
  return input.facts.map((f) => {
    let result: ScanResult;
    let reason = '';
    if (f.kind === 'void') { result = 'void'; reason = `${label('reason_void', lang)} ${f.voids ?? ''}`; }
    else if (undoneBy.has(f.id)) { result = 'undone'; reason = `${label('reason_undone', lang)} ${undoneBy.get(f.id)}`; }
    else if (!standing.has(f.id)) { result = 'duplicate'; reason = label('reason_duplicate', lang); }
    else if (f.unknown || (!f.walkIn && !rostered.has(f.personKey))) { result = 'unrostered'; reason = label('reason_unrostered', lang); }
    else result = 'admitted';
    return {
      at: correctedTime(f), deviceTime: f.deviceTime, deskId: f.deskId, deviceId: f.deviceId, checkpoint: f.checkpoint,
      result, reason, personKey: f.personKey, unitId: f.unitId, name: f.kind === 'admit' ? f.walkIn?.name : undefined, method: f.method, id: f.id,
    };
  });
}

function rejectionEntry(r: Rejection, lang: ReportLang): LogEntry {
  const reason = label(`reason_${r.reason}` as LabelKey, lang) + (r.reason === 'wrong-event' && r.otherEventId !== undefined ? ` ${r.otherEventId}` : '');
  return {
    at: r.deviceTime + r.clockOffsetMs, deviceTime: r.deviceTime, deskId: r.deskId, deviceId: r.deviceId,
    checkpoint: r.checkpoint, result: r.reason, reason, personKey: r.codeNo === undefined ? undefined : String(r.codeNo),
    id: r.id, text: r.text,
  };
}

/** A fact the server refused: out of the log (so judged against nothing), with the server's words. */
function quarantinedEntry(q: QuarantinedFact, lang: ReportLang): LogEntry {
  const f = q.fact;
  return {
    at: correctedTime(f), deviceTime: f.deviceTime, deskId: f.deskId, deviceId: f.deviceId, checkpoint: f.checkpoint,
    result: 'quarantined', reason: lang === 'vi' ? q.vi : q.en, personKey: f.personKey, unitId: f.unitId,
    name: f.kind === 'admit' ? f.walkIn?.name : undefined, method: f.method, id: f.id,
  };
}

/**
 * The scan log table. The server has no refused scans (they are never facts), so it passes none;
 * a desk passes its own `rejections`, its `quarantined` facts and its `deviceId`, and gets a complete
 * log of what its camera saw.
 */
export function scanLogRows(input: ReportInput, rejections: readonly Rejection[], lang: ReportLang,
  options: { deviceId?: string; quarantined?: readonly QuarantinedFact[] } = {}): ReportTable {
  const { timeZone } = input.event;
  const fields = [
    label('time', lang), label('deviceTime', lang), label('deskName', lang), label('device', lang), label('checkpoint', lang),
    label('result', lang), label('reason', lang), label('no', lang), label('name', lang), label('unit', lang),
    label('method', lang), label('factId', lang), label('scannedText', lang),
  ];
  const people = new Map(input.participants.map((p) => [String(p.no), p]));
  const units = new Map(input.units.map((u) => [u.id, u.name]));
  const desks = new Map(input.desks.map((d) => [d.id, d.name]));
  const entries = [...factEntries(input, lang), ...rejections.map((r) => rejectionEntry(r, lang)),
    ...(options.quarantined ?? []).map((q) => quarantinedEntry(q, lang))]
    // Results are judged against the whole log held (a duplicate needs the other desk's fact), then
    // narrowed to one device when a desk exports its own log.
    .filter((e) => options.deviceId === undefined || e.deviceId === options.deviceId)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const rows = entries.map((e) => {
    const person = e.personKey === undefined ? undefined : people.get(e.personKey);
    const unitId = person?.unitId ?? e.unitId;
    const walkIn = e.personKey?.startsWith('w:');
    return [
      formatDateTime(e.at, timeZone), formatDateTime(e.deviceTime, timeZone), safe(desks.get(e.deskId) ?? e.deskId), safe(e.deviceId),
      label(`checkpoint_${e.checkpoint}`, lang), label(`result_${e.result}` as LabelKey, lang), safe(e.reason),
      walkIn ? '' : e.personKey ?? '', safe(person?.name ?? e.name ?? ''),
      safe(unitId === undefined ? '' : units.get(unitId) ?? (unitId === 0 ? label('unknownUnit', lang) : String(unitId))),
      e.method ? label(`method_${e.method}`, lang) : '', e.id, safe(e.text ?? ''),
    ];
  });
  return { fields, rows };
}
