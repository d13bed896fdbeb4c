// The server's secrets: random tokens, their hashes, pairing codes and scrypt passwords.
// Everything a request presents is hashed before it is looked up, so the database holds no secret.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A fresh bearer token, session id or setup token: 32 random bytes, base64url. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** How a presented secret is looked up: sha256, hex. Fast is fine: the secrets are 256-bit random. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Pairing-code letters: no 0/O and no 1/I, so a code read aloud or typed from a screen is unambiguous. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 32^8 ≈ 10^12 codes, each alive ten minutes and usable once: guessing is hopeless, typing is easy. */
export const PAIRING_CODE_LENGTH = 8;

/** A random 8-character pairing code; 32 letters divide 256, so every letter is equally likely. */
export function newPairingCode(): string {
  return [...randomBytes(PAIRING_CODE_LENGTH)].map((b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]).join('');
}

/** A typed code as the server stores it: upper case, spaces and dashes dropped. */
export const normalizePairingCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');

// N = 2^15 costs ~50–100 ms per guess and needs 32 MiB; maxmem must allow 128 * N * r bytes.
const SCRYPT: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 64;

/**
 * At most two scrypt runs at once: they run on libuv's pool (4 threads), which static files and
 * every fs call share, so a login flood must leave it room. A few dozen more may wait their turn.
 */
export const MAX_CONCURRENT_SCRYPT = 2;
const MAX_WAITING_SCRYPT = 64;

/** Thrown when the scrypt queue is full: the caller answers "busy, retry" instead of queueing forever. */
export class ScryptBusy extends Error {}

const scryptSlots = { running: 0, peak: 0, waiting: [] as Array<() => void> };

/** The most scrypt runs seen at once since the last call (for tests), then resets the count. */
export function takeScryptPeak(): number {
  const { peak } = scryptSlots;
  scryptSlots.peak = scryptSlots.running;
  return peak;
}

async function inScryptSlot<T>(work: () => Promise<T>): Promise<T> {
  if (scryptSlots.running >= MAX_CONCURRENT_SCRYPT) {
    if (scryptSlots.waiting.length >= MAX_WAITING_SCRYPT) throw new ScryptBusy('too many password checks at once');
    await new Promise<void>((resolve) => scryptSlots.waiting.push(resolve)); // the finishing run hands its slot over
  } else {
    scryptSlots.running += 1;
  }
  scryptSlots.peak = Math.max(scryptSlots.peak, scryptSlots.running);
  try {
    return await work();
  } finally {
    const next = scryptSlots.waiting.shift();
    if (next) next();
    else scryptSlots.running -= 1;
  }
}

function scryptHex(password: string, saltHex: string): Promise<Buffer> {
  return inScryptSlot(() => new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), Buffer.from(saltHex, 'hex'), KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  }));
}

/** A password's scrypt hash with a fresh random salt, both hex, as the store keeps them. */
export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  return { hash: (await scryptHex(password, salt)).toString('hex'), salt };
}

/** Compares in constant time; always runs scrypt, so an unknown user takes as long as a wrong password. */
export async function verifyPassword(password: string, stored: { hash?: string; salt?: string }): Promise<boolean> {
  const salt = stored.salt ?? '00'.repeat(16);
  const actual = await scryptHex(password, salt);
  if (stored.hash === undefined) return false;
  const expected = Buffer.from(stored.hash, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Shortest password accepted; long enough to stop "1234", short enough for a venue laptop. */
export const MIN_PASSWORD_LENGTH = 8;
