// Shapes a desk keeps or hands over without the network: its refused scans, and the file that
// carries its facts to another desk or the server (by USB stick, Zalo, Bluetooth, e-mail).
import * as z from 'zod/mini';
import { Checkpoint, Fact } from './schemas.ts';

/** Why a scan was refused; these are never facts (nobody was admitted), so they stay on the desk. */
export const RejectionReason = z.enum(['already', 'voided', 'forged', 'wrong-event', 'not-a-code']);
export type RejectionReason = z.infer<typeof RejectionReason>;

/** One refused scan, kept in the desk's own `rejections` table for its scan log. */
export const Rejection = z.object({
  id: z.uuid(),
  eventId: z.int().check(z.positive()),
  reason: RejectionReason,
  deviceId: z.string().check(z.minLength(1)),
  deskId: z.string().check(z.minLength(1)),
  checkpoint: Checkpoint,
  deviceTime: z.int(),
  clockOffsetMs: z.int(),
  /** The code number, when the code was signed (already, voided). */
  codeNo: z.optional(z.int().check(z.nonnegative())),
  /** The event a wrong-event code belongs to. */
  otherEventId: z.optional(z.int().check(z.nonnegative())),
  /** The start of what was read (not-a-code, forged), cut short: enough to recognise, no more. */
  text: z.optional(z.string().check(z.maxLength(80))),
});
export type Rejection = z.infer<typeof Rejection>;

/**
 * A fact the server refused, moved out of the desk's log and outbox into its quarantine: kept
 * whole with the server's reason, shown on the desk and carried in its files, never resent.
 */
export const QuarantinedFact = z.object({
  factId: z.string().check(z.minLength(1)),
  eventId: z.int().check(z.positive()),
  fact: Fact,
  /** The server's reason code (sync.ts FactRefusal) and its words. */
  reason: z.string(),
  vi: z.string(),
  en: z.string(),
  /** Device time when the refusal arrived. */
  refusedAt: z.int(),
});
export type QuarantinedFact = z.infer<typeof QuarantinedFact>;

/** The `format` tag of a desk file; anything else is not ours. */
export const DESK_FILE_FORMAT = 'diem-danh-desk-file';
/** Bumped when the file's shape changes incompatibly. */
export const DESK_FILE_VERSION = 1;

/** The body of a desk file: what the checksum covers (everything but the checksum itself). */
export const DeskFileBody = z.object({
  format: z.literal(DESK_FILE_FORMAT),
  version: z.literal(DESK_FILE_VERSION),
  eventId: z.int().check(z.positive()),
  /** The device that wrote the file and its desk; the facts may include others' it had pulled. */
  deviceId: z.string().check(z.minLength(1)),
  deskId: z.string().check(z.minLength(1)),
  exportedAt: z.int(),
  factCount: z.int().check(z.nonnegative()),
  facts: z.array(Fact),
  /** Facts the server refused, with why; readers from before this field ignore it. */
  quarantined: z.optional(z.array(QuarantinedFact)),
});
export type DeskFileBody = z.infer<typeof DeskFileBody>;

/** A desk file as written: the body plus the SHA-256 (hex) of its canonical JSON. */
export const DeskFile = z.extend(DeskFileBody, { sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)) });
export type DeskFile = z.infer<typeof DeskFile>;

/** What importing a desk file did; importing the same file again adds nothing. */
export const DeskFileImportResult = z.object({
  /** Facts new to the receiver. */
  added: z.int().check(z.nonnegative()),
  /** Facts the receiver held already. */
  alreadyHeld: z.int().check(z.nonnegative()),
  /** Facts the server refused (claims.ts); absent when none were, and on a desk's own import. */
  refused: z.optional(z.int().check(z.nonnegative())),
});
export type DeskFileImportResult = z.infer<typeof DeskFileImportResult>;
