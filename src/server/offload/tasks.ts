// The work that runs in the worker threads: pure functions of their input, no store, no clock.
// Each gets a copy of what it needs (the file's bytes, the event's units and roster identities,
// the event's public key) and returns plain data the main thread stores.
import { createPublicKey } from 'node:crypto';
import { readDeskFile, type DeskFileReading } from '../../domain/desk-file.ts';
import { prepareImport, type ImportPreparation, type PreparationInput } from '../roster/import.ts';
import { verifyCodes } from '../facts/code-check.ts';
import { namesIn } from '../facts/claims.ts';
import { chooseMask } from '../codes/qr-options.ts';

/** Reads, maps and checks an uploaded roster (the all-or-nothing decision is the caller's). */
export function prepareRosterImport(input: PreparationInput): Promise<ImportPreparation> {
  return prepareImport(input);
}

/** What the desk-file import sends: the upload's bytes, the event, and its public key (SPKI PEM). */
export interface DeskFileInput { bytes: Uint8Array; eventId: number; publicKeyPem: string | null }

/** Facts handed back per step of the import: JSON text crosses threads as one copy, 20,000 objects would not. */
export const DESK_FILE_STEP = 250;

/**
 * A refusal, or the file's facts (checked against the schema) in steps of DESK_FILE_STEP, each as
 * JSON with the code numbers of the codes whose signature holds (verified here, not on the event
 * loop). JSON text crosses threads as one copy per step; the main thread parses one step at a time.
 */
export type DeskFileChecked =
  | { ok: false; reading: Extract<DeskFileReading, { ok: false }> }
  | { ok: true; exportedAt: number; factCount: number; steps: string[] };

/** One step as JSON: its facts, and the code numbers of the genuine codes they carry. */
export interface DeskFileStep { facts: unknown[]; genuine: Array<[string, number]> }

/** Decodes, checksums and schema-checks a desk file, and verifies every code its facts carry. */
export function readDeskFileChecked({ bytes, eventId, publicKeyPem }: DeskFileInput): DeskFileChecked {
  const reading = readDeskFile(new TextDecoder().decode(bytes), { eventId });
  if (!reading.ok) return { ok: false, reading };
  const { facts, exportedAt } = reading.file;
  const attached = namesIn(facts).codes;
  const key = publicKeyPem === null ? null : createPublicKey(publicKeyPem);
  const verified = verifyCodes(key, eventId, attached);
  const steps: string[] = [];
  for (let from = 0; from < facts.length; from += DESK_FILE_STEP) {
    const slice = facts.slice(from, from + DESK_FILE_STEP);
    const genuine = namesIn(slice).codes.flatMap((code) => { const no = verified.get(code); return no === undefined ? [] : [[code, no]]; });
    steps.push(JSON.stringify({ facts: slice, genuine }));
  }
  return { ok: true, exportedAt, factCount: facts.length, steps };
}

/** Each code's QR mask, chosen by decoding it with the fallback decoder (qr-options.ts). */
export function chooseMasks(codes: readonly string[]): number[] {
  return codes.map(chooseMask);
}
