// Participant codes are signed here with the event's Ed25519 key, so a desk can tell a real
// code from a forged one offline, holding only the public key from the event package.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { encodeToken, signedBytes } from '../../domain/token.ts';
import type { CodeStore, EventKeys } from '../store/store.ts';

/** A fresh key pair for a new event, in the shapes the store keeps. */
export function generateEventKeys(): EventKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // JWK `x` is exactly the raw 32-byte key, base64url: what WebCrypto and @noble import.
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 JWK without x');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return { publicKey: jwk.x, privateKey: der.toString('base64') };
}

/** Turns the stored PKCS#8 text back into a key node:crypto can sign with. */
export function privateKeyFromStored(pkcs8Base64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** The QR text for one code: 110 Base45 characters, QR version 5 at level M. */
export function signCode(privateKey: KeyObject, eventId: number, codeNo: number): string {
  const signed = signedBytes(eventId, codeNo);
  return encodeToken(signed, new Uint8Array(sign(null, signed, privateKey)));
}

/** Issues codes for any event in the store. */
export interface CodeSigner {
  /** The signed code text for a code number; undefined when the event has no key (unknown event). */
  codeFor(eventId: number, codeNo: number): Promise<string | undefined>;
}

/** A signer that reads each event's key once and keeps the KeyObject (parsing DER per code is waste). */
export function createSigner(store: CodeStore): CodeSigner {
  const keys = new Map<number, KeyObject>();
  return {
    async codeFor(eventId, codeNo) {
      let key = keys.get(eventId);
      if (!key) {
        const stored = await store.getPrivateKey(eventId);
        if (stored === undefined) return undefined;
        key = privateKeyFromStored(stored);
        keys.set(eventId, key);
      }
      return signCode(key, eventId, codeNo);
    },
  };
}
