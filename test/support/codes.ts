// Test-side code minting: real Ed25519 keys, real signatures, the real token encoding.
// Used by the domain tests and by e2e tests that need forged or foreign codes to show.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { encodeToken, signedBytes, type SignatureCheck } from '../../src/domain/token.ts';

/** An event key pair as the server would hold it: Node key objects plus the raw public key. */
export interface EventKeys {
  privateKey: KeyObject;
  /** The 32 raw public-key bytes a desk gets (base64url) in the event package. */
  publicKeyRaw: Uint8Array;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A fresh Ed25519 key pair, or a reproducible one from a 32-byte `seed` (same seed, same codes). */
export function makeEventKeys(options: { seed?: Uint8Array } = {}): EventKeys {
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  if (options.seed) {
    if (options.seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, options.seed]), format: 'der', type: 'pkcs8' });
    publicKey = createPublicKey(privateKey);
  } else {
    ({ privateKey, publicKey } = generateKeyPairSync('ed25519'));
  }
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('ed25519 public key exported without x');
  return { privateKey, publicKeyRaw: new Uint8Array(Buffer.from(jwk.x, 'base64url')) };
}

/** The QR text of a participant's code, signed with `keys`. */
export function mintCode(keys: EventKeys, eventId: number, codeNo: number): string {
  const signed = signedBytes(eventId, codeNo);
  const signature = new Uint8Array(sign(null, signed, keys.privateKey));
  return encodeToken(signed, signature);
}

// WebCrypto's BufferSource wants an ArrayBuffer-backed view; copying also guards the caller's bytes.
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** The verifier a browser desk uses: WebCrypto Ed25519 over the raw public key. */
export function webCryptoVerifier(publicKeyRaw: Uint8Array): SignatureCheck {
  const key = globalThis.crypto.subtle.importKey('raw', own(publicKeyRaw), { name: 'Ed25519' }, false, ['verify']);
  return async (signed, signature) =>
    globalThis.crypto.subtle.verify({ name: 'Ed25519' }, await key, own(signature), own(signed));
}

/** The fallback verifier for browsers without WebCrypto Ed25519: @noble/curves. */
export function nobleVerifier(publicKeyRaw: Uint8Array): SignatureCheck {
  return async (signed, signature) => ed25519.verify(signature, signed, publicKeyRaw);
}
