// Per-credential token buckets in memory: one flooding desk empties only its own bucket,
// so the other desks' pushes keep going. Per process; behind a load balancer each process limits alone.
import type { MiddlewareHandler } from 'hono';
import { sendError } from './errors.ts';

/** Sustained requests per second and the burst a bucket holds when full. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** 20 requests/s with bursts of 40: a desk syncs a few times a minute, a catch-up pull a few dozen times. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 40 };

interface Bucket { tokens: number; at: number }

/** Past this many buckets, full (idle) ones are forgotten: they would refill to full anyway. */
const MAX_BUCKETS = 10_000;

/** A token bucket per key; `take` answers how long to wait when the bucket is empty. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #limit: RateLimit;

  constructor(limit: RateLimit) {
    this.#limit = limit;
  }

  /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string, now: number): number {
    const { perSecond, burst } = this.#limit;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (!this.#buckets.has(key)) this.#remember(key, bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
  }

  #remember(key: string, bucket: Bucket, now: number): void {
    if (this.#buckets.size >= MAX_BUCKETS) {
      const { perSecond, burst } = this.#limit;
      for (const [k, b] of this.#buckets) if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.#buckets.delete(k);
    }
    this.#buckets.set(key, bucket);
  }
}

/** 429 with Retry-After (whole seconds, at least 1) once the request's credential runs dry. */
export function rateLimiter(limit: RateLimit, now: () => number): MiddlewareHandler {
  const buckets = new TokenBuckets(limit);
  return async (c, next) => {
    const waitMs = buckets.take(c.get('credential'), now());
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return sendError(c, 'rateLimited');
    }
    await next();
  };
}
