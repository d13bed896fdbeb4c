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
  return {
    async check(eventId, codes) {
      const answer = new Map<string, number | undefined>();
      if (codes.length === 0) return answer;
      const key = await keyOf(eventId);
      let known = verified.get(eventId);
      if (!known) verified.set(eventId, known = new Map());
      for (const code of codes) {
        const remembered = known.get(code);
        if (remembered !== undefined) { answer.set(code, remembered); continue; }
        // The desk sends what the camera read; keyboard-wedge scanners append line endings (domain/admit.ts readCode).
        const token = parseToken(code.replace(/^[\r\n\t]+|[\r\n\t]+$/g, ''));
        const genuine = key !== null && token !== null && token.eventId === eventId
          && verify(null, token.signed, key, token.signature);
        answer.set(code, genuine ? token.codeNo : undefined);
        if (genuine) {
          if (known.size >= REMEMBERED) known.clear();
          known.set(code, token.codeNo);
        }
      }
      return answer;
    },
  };
}
