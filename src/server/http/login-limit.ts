// Password guessing: after a few free mistakes each further one locks the account (and, more
// leniently, the address) for a delay that doubles, answered 429 with the wait in Vietnamese.
// The lock is checked before scrypt runs, so a locked flood costs the server nothing.
import type { Context } from 'hono';
import type { ApiError } from '../../shared/sync.ts';

/** How many mistakes are free, and how the delay after them grows. */
export interface LoginLimits {
  freePerAccount: number;
  freePerAddress: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Mistakes older than this are forgotten. */
  forgetAfterMs: number;
}

/** Five tries per account (a typo or two), twenty per address (a venue's shared NAT); 2 s doubling to 15 min. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freePerAccount: 5, freePerAddress: 20, firstDelayMs: 2000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000,
};

interface Record { failures: number; lastAt: number; lockedUntil: number }

/** Past this many records the oldest are dropped: a flood of made-up usernames cannot grow memory without bound. */
const MAX_RECORDS = 20_000;

/** Failure counts per account and per address, in memory (per process, like the rate limiter). */
export class LoginThrottle {
  readonly #records = new Map<string, Record>();
  readonly #limits: LoginLimits;

  constructor(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
    this.#limits = limits;
  }

  /** Milliseconds to wait before this account may be tried from this address; 0 when allowed. */
  waitMs(account: string, address: string, now: number): number {
    const lock = (key: string) => Math.max(0, (this.#live(key, now)?.lockedUntil ?? 0) - now);
    return Math.max(lock(`account:${account}`), lock(`address:${address}`));
  }

  /** A wrong password: counts against both, and locks whichever is past its free mistakes. */
  failed(account: string, address: string, now: number): void {
    this.#count(`account:${account}`, this.#limits.freePerAccount, now);
    this.#count(`address:${address}`, this.#limits.freePerAddress, now);
  }

  /** A right password clears the account's mistakes (the address keeps its own). */
  succeeded(account: string): void {
    this.#records.delete(`account:${account}`);
  }

  #live(key: string, now: number): Record | undefined {
    const record = this.#records.get(key);
    if (record && now - record.lastAt > this.#limits.forgetAfterMs && record.lockedUntil <= now) {
      this.#records.delete(key);
      return undefined;
    }
    return record;
  }

  #count(key: string, free: number, now: number): void {
    const record = this.#live(key, now) ?? { failures: 0, lastAt: now, lockedUntil: 0 };
    record.failures += 1;
    record.lastAt = now;
    const beyond = record.failures - free;
    if (beyond > 0) record.lockedUntil = now + Math.min(this.#limits.maxDelayMs, this.#limits.firstDelayMs * 2 ** (beyond - 1));
    this.#records.delete(key); // re-inserted last: the map's order is oldest activity first
    this.#records.set(key, record);
    if (this.#records.size > MAX_RECORDS) this.#records.delete(this.#records.keys().next().value!);
  }
}

/** "45 giây" / "3 phút": the wait as a person reads it. */
function waitText(ms: number): { vi: string; en: string } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return { vi: `${seconds} giây`, en: `${seconds} second${seconds === 1 ? '' : 's'}` };
  const minutes = Math.ceil(seconds / 60);
  return { vi: `${minutes} phút`, en: `${minutes} minutes` };
}

/** 429 with Retry-After and the wait in both languages. */
export function sendLoginLocked(c: Context, waitMs: number): Response {
  const wait = waitText(waitMs);
  c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  const body: ApiError = {
    error: {
      code: 'loginLocked',
      vi: `Đăng nhập sai quá nhiều lần. Vui lòng chờ ${wait.vi} rồi thử lại.`,
      en: `Too many failed sign-ins. Wait ${wait.en} and try again.`,
    },
  };
  return c.json(body, 429);
}
