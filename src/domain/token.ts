// The participant code: version, event, code number and an Ed25519 signature, as Base45.
// No personal data is ever in a code; the desk looks the number up in its roster.
import { decodeBase45, encodeBase45 } from './base45.ts';

/** Format version written in the first byte; a desk rejects versions it does not know. */
export const TOKEN_VERSION = 1;
const SIGNED_LENGTH = 9; // version u8 + event u32 + code u32
const SIGNATURE_LENGTH = 64;
export const TOKEN_BYTES = SIGNED_LENGTH + SIGNATURE_LENGTH;

/** A code read apart; `signed` is exactly the bytes the signature covers. */
export interface ParsedToken {
  eventId: number;
  codeNo: number;
  signed: Uint8Array;
  signature: Uint8Array;
}

/** The bytes the server signs for one participant's code. */
export function signedBytes(eventId: number, codeNo: number): Uint8Array {
  const bytes = new Uint8Array(SIGNED_LENGTH);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, TOKEN_VERSION);
  view.setUint32(1, eventId);
  view.setUint32(5, codeNo);
  return bytes;
}

/** Assembles the text put into the QR from the signed bytes and their signature. */
export function encodeToken(signed: Uint8Array, signature: Uint8Array): string {
  if (signed.length !== SIGNED_LENGTH || signature.length !== SIGNATURE_LENGTH) {
    throw new Error('token parts have the wrong length');
  }
  const bytes = new Uint8Array(TOKEN_BYTES);
  bytes.set(signed, 0);
  bytes.set(signature, SIGNED_LENGTH);
  return encodeBase45(bytes);
}

/** Reads a scanned text; null when it is not one of our codes (any other text, any version). */
export function parseToken(text: string): ParsedToken | null {
  if (text.length !== Math.ceil(TOKEN_BYTES / 2) * 3 - (TOKEN_BYTES % 2 ? 1 : 0)) return null;
  const bytes = decodeBase45(text);
  if (!bytes || bytes.length !== TOKEN_BYTES || bytes[0] !== TOKEN_VERSION) return null;
  const view = new DataView(bytes.buffer);
  return {
    eventId: view.getUint32(1),
    codeNo: view.getUint32(5),
    signed: bytes.slice(0, SIGNED_LENGTH),
    signature: bytes.slice(SIGNED_LENGTH),
  };
}

/** Verifies an Ed25519 signature; injected so the domain stays free of IO and platform APIs. */
export type SignatureCheck = (signed: Uint8Array, signature: Uint8Array) => Promise<boolean>;

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}
