// Verifies the signed codes desks attach to their scans, with the same parser the desk uses
// (domain/token.ts) and node:crypto for the Ed25519 check. The public key is derived from the
// stored private key, read once per event.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { parseToken } from '../../domain/token.ts';
import { privateKeyFromStored } from '../codes/signing.ts';
import type { CodeStore } from '../store/store.ts';

/** Most verified codes remembered per event; a resent batch is not verified twice. */
const REMEMBERED = 50_000;

/** Checks attached codes for any event in the store. */
export interface CodeChecker {
  /** Each code's number when it is a genuine code of the event, else undefined. */
  check(eventId: number, codes: readonly string[]): Promise<Map<string, number | undefined>>;
  /** The event's public key as SPKI PEM, for a worker thread that verifies a whole file; null without a key. */
  publicKeyPem(eventId: number): Promise<string | null>;
  /** Takes answers verified elsewhere (a worker thread) as known, so they are not verified again. */
  remember(eventId: number, verified: ReadonlyMap<string, number>): void;
}

/** The code numbers of the genuine codes among `codes` for `eventId` (a pure check: worker threads run it too). */
export function verifyCodes(key: KeyObject | null, eventId: number, codes: readonly string[]): Map<string, number> {
  const genuine = new Map<string, number>();
  if (key === null) return genuine;
  for (const code of codes) {
    // The desk sends what the camera read; keyboard-wedge scanners append line endings (domain/admit.ts readCode).
    const token = parseToken(code.replace(/^[\r\n\t]+|[\r\n\t]+$/g, ''));
    if (token !== null && token.eventId === eventId && verify(null, token.signed, key, token.signature)) genuine.set(code, token.codeNo);
  }
  return genuine;
}

/** A checker that keeps each event's public key and the codes it has already verified. */
export function createCodeChecker(store: Pick<CodeStore, 'getPrivateKey'>): CodeChecker {
  const keys = new Map<number, KeyObject | null>();
  const verified = new Map<number, Map<string, number>>();
  async function keyOf(eventId: number): Promise<KeyObject | null> {
    let key = keys.get(eventId);
    if (key === undefined) {
      const stored = await store.getPrivateKey(eventId);
      key = stored === undefined ? null : createPublicKey(privateKeyFromStored(stored));
      keys.set(eventId, key);
    }
    return key;
  }
  function knownOf(eventId: number): Map<string, number> {
    let known = verified.get(eventId);
    if (!known) verified.set(eventId, known = new Map());
    return known;
  }
  function remember(eventId: number, genuine: ReadonlyMap<string, number>): void {
    const known = knownOf(eventId);
    for (const [code, no] of genuine) {
      if (known.size >= REMEMBERED) known.clear();
      known.set(code, no);
    }
  }
  return {
    async check(eventId, codes) {
      const answer = new Map<string, number | undefined>();
      if (codes.length === 0) return answer;
      const known = knownOf(eventId);
      const unknown = codes.filter((code) => !known.has(code));
      const genuine = unknown.length === 0 ? new Map<string, number>() : verifyCodes(await keyOf(eventId), eventId, unknown);
      // Answer first: remembering may clear the cache when it is full.
      for (const code of codes) answer.set(code, known.get(code) ?? genuine.get(code));
      remember(eventId, genuine);
      return answer;
    },
    async publicKeyPem(eventId) {
      const key = await keyOf(eventId);
      return key === null ? null : key.export({ type: 'spki', format: 'pem' }).toString();
    },
    remember,
  };
}
