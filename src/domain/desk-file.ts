// Sync with no network at all: a desk writes its facts into one file, another desk or the server
// reads it back. The SHA-256 over the canonical body catches a file cut short or changed on the
// way (a chat app re-encoding it, a half-copied USB stick). It is NOT a signature: someone who
// edits the facts on purpose can recompute it. Deliberate forgery is bounded instead by who may
// import (a coordinator on the server; the volunteer holding the desk), and every fact is
// schema-checked and idempotent on its id, so a file can add facts but never change or remove one.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as z from 'zod/mini';
import type { Fact } from '../shared/schemas.ts';
import { DESK_FILE_FORMAT, DESK_FILE_VERSION, DeskFile, type DeskFileBody, type QuarantinedFact } from '../shared/desk-file.ts';

/** JSON with object keys sorted at every level: the same facts always give the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hex SHA-256 of the body's canonical JSON. */
export function bodyChecksum(body: unknown): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(body))));
}

/**
 * Writes a desk file: the facts of one event as this device holds them, and those the server
 * refused (only when there are any, so other files stay byte for byte as before), with the checksum.
 */
export function writeDeskFile(args: {
  eventId: number; deviceId: string; deskId: string; exportedAt: number; facts: readonly Fact[]; quarantined?: readonly QuarantinedFact[];
}): string {
  const body: DeskFileBody = {
    format: DESK_FILE_FORMAT, version: DESK_FILE_VERSION, eventId: args.eventId, deviceId: args.deviceId,
    deskId: args.deskId, exportedAt: args.exportedAt, factCount: args.facts.length, facts: [...args.facts],
    ...(args.quarantined?.length ? { quarantined: [...args.quarantined] } : {}),
  };
  return JSON.stringify({ ...body, sha256: bodyChecksum(body) });
}

/** Why a file was refused; a closed list, each with a message in both languages. */
export type DeskFileProblem = 'not-a-desk-file' | 'truncated' | 'altered' | 'newer-version' | 'malformed' | 'wrong-event';

/** The messages a volunteer or coordinator reads when a file is refused. */
export const DESK_FILE_PROBLEMS: Record<DeskFileProblem, { vi: string; en: string }> = {
  'not-a-desk-file': { vi: 'Đây không phải tệp dữ liệu điểm danh.', en: 'This is not a check-in data file.' },
  truncated: { vi: 'Tệp bị cắt cụt (chép hoặc gửi chưa hết). Hãy xuất và gửi lại.', en: 'The file is truncated (not fully copied or sent). Export and send it again.' },
  altered: { vi: 'Tệp đã bị thay đổi sau khi xuất (mã kiểm tra không khớp). Không nhập.', en: 'The file was changed after export (checksum mismatch). Not imported.' },
  'newer-version': { vi: 'Tệp do phiên bản mới hơn tạo ra. Hãy cập nhật ứng dụng.', en: 'The file was made by a newer version. Update the app.' },
  malformed: { vi: 'Nội dung tệp không đúng mẫu.', en: 'The file content does not match the format.' },
  'wrong-event': { vi: 'Tệp này thuộc sự kiện khác.', en: 'This file belongs to another event.' },
};

/** A file that can be imported, or the reason it cannot, with its messages. */
export type DeskFileReading =
  | { ok: true; file: DeskFile }
  | { ok: false; problem: DeskFileProblem; vi: string; en: string };

const refuse = (problem: DeskFileProblem): DeskFileReading => ({ ok: false, problem, ...DESK_FILE_PROBLEMS[problem] });

/** Reads and checks a desk file for `eventId`. Never throws; nothing is imported unless ok. */
export function readDeskFile(text: string, expect: { eventId: number }): DeskFileReading {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Our tag near the start but no closing brace: the file was cut short on its way.
    return refuse(text.slice(0, 200).includes(DESK_FILE_FORMAT) ? 'truncated' : 'not-a-desk-file');
  }
  if (raw === null || typeof raw !== 'object' || (raw as { format?: unknown }).format !== DESK_FILE_FORMAT) return refuse('not-a-desk-file');
  const { sha256: claimed, ...body } = raw as Record<string, unknown>;
  if (typeof body.version === 'number' && body.version > DESK_FILE_VERSION) return refuse('newer-version');
  if (typeof claimed !== 'string' || claimed !== bodyChecksum(body)) return refuse('altered');
  const parsed = z.safeParse(DeskFile, raw);
  if (!parsed.success) return refuse('malformed');
  const file = parsed.data;
  if (file.factCount !== file.facts.length) return refuse('truncated');
  if (file.eventId !== expect.eventId) return refuse('wrong-event');
  if (file.facts.some((f) => f.eventId !== file.eventId)) return refuse('malformed');
  return { ok: true, file };
}

/** An ASCII file name saying event, desk and time: "diem-danh-su-kien-1-may-ban-1-20240710-0930.json". */
export function deskFileName(args: { eventId: number; deskId: string; stamp: string; ext: string; kind?: string }): string {
  const desk = args.deskId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'ban';
  return `${args.kind ?? 'diem-danh'}-su-kien-${args.eventId}-may-${desk}-${args.stamp}.${args.ext}`;
}
