// Ed25519 verification on the device: WebCrypto where the browser has it, else @noble/curves.
import type { SignatureCheck } from '../domain/token.ts';
import { fromBase64Url } from '../domain/token.ts';

async function webCryptoCheck(publicKey: Uint8Array): Promise<SignatureCheck | null> {
  try {
    const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    return (signed, signature) =>
      crypto.subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, signed as BufferSource);
  } catch {
    return null;
  }
}

/**
 * A signature check bound to one event's public key. The pure-JS fallback is imported only
 * on browsers without WebCrypto Ed25519, so it costs the others nothing.
 */
export async function signatureCheckFor(publicKeyBase64Url: string, options: { forceFallback?: boolean } = {}): Promise<SignatureCheck> {
  const publicKey = fromBase64Url(publicKeyBase64Url);
  const native = options.forceFallback ? null : await webCryptoCheck(publicKey);
  if (native) return native;
  const { ed25519 } = await import('@noble/curves/ed25519.js');
  return async (signed, signature) => ed25519.verify(signature, signed, publicKey);
}
