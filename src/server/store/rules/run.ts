// How a rule written once runs on both engines. A rule is a generator over the engine's
// transaction primitives: it writes `yield* io(tx.something())` where async code would write
// `await`. SQLite answers each step synchronously, so the whole rule runs inside one
// better-sqlite3 transaction and no other request can interleave; PostgreSQL answers with
// promises, which the async runner awaits on the transaction's own connection.
import type { Awaitable } from '../store.ts';

/** A business rule in progress: yields engine answers, returns the outcome. */
export type Rule<R> = Generator<unknown, R, unknown>;

/** One engine call inside a rule; `yield* io(x)` gives x's value whether x is a value or a promise. */
export function* io<T>(value: Awaitable<T>): Generator<Awaitable<T>, T, unknown> {
  return (yield value) as T;
}

/** Thrown by a rule to undo everything it wrote and still answer `value` (the runners catch it). */
export class Rollback<V> extends Error {
  constructor(readonly value: V) {
    super('rolled back by its rule');
  }
}

/** Runs a rule whose engine answers synchronously (SQLite); a promise here is a programming error. */
export function drainSync<R>(rule: Rule<R>): R {
  let next = rule.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error('a synchronous engine answered a rule step with a promise');
    next = rule.next(next.value);
  }
  return next.value;
}

/** Runs a rule whose engine answers with promises (PostgreSQL); a rejected step is thrown into the rule. */
export async function drainAsync<R>(rule: Rule<R>): Promise<R> {
  let next = rule.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value;
    } catch (error) {
      next = rule.throw(error);
      continue;
    }
    next = rule.next(value);
  }
  return next.value;
}

/** The answer of a transaction that ended in a Rollback, or the error rethrown. */
export function rolledBack<R>(error: unknown): R {
  if (error instanceof Rollback) return error.value as R;
  throw error;
}
