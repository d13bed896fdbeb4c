// The rule runner: one generator, answered synchronously (SQLite) or by promises (PostgreSQL),
// gives the same outcome, and a failing step reaches the rule as a throw.
import { describe, expect, it } from 'vitest';
import { drainAsync, drainSync, io, rolledBack, Rollback, type Rule } from '../../../../src/server/store/rules/run.ts';

interface Counter { read(): number | Promise<number>; write(value: number): void | Promise<void> }

function* addTwice(tx: Counter): Rule<number> {
  const first = yield* io(tx.read());
  yield* io(tx.write(first + 1));
  const second = yield* io(tx.read());
  yield* io(tx.write(second + 1));
  return second + 1;
}

const syncCounter = (start: number) => {
  let value = start;
  return { read: () => value, write: (v: number) => { value = v; }, get value() { return value; } };
};
const asyncCounter = (start: number) => {
  let value = start;
  return { read: async () => value, write: async (v: number) => { value = v; }, get value() { return value; } };
};

describe('rule runner', () => {
  it('runs the same rule synchronously and asynchronously to the same outcome and writes', async () => {
    const a = syncCounter(5);
    const b = asyncCounter(5);
    expect(drainSync(addTwice(a))).toBe(7);
    expect(await drainAsync(addTwice(b))).toBe(7);
    expect([a.value, b.value]).toEqual([7, 7]);
  });

  it('refuses a promise where a synchronous engine was promised', () => {
    expect(() => drainSync(addTwice(asyncCounter(0)))).toThrow(/synchronous engine/);
  });

  it('throws a rejected step into the rule, so its own finally runs and the error leaves the runner', async () => {
    const seen: string[] = [];
    function* rule(): Rule<number> {
      try {
        return yield* io(Promise.reject(new Error('connection lost')));
      } finally {
        seen.push('finally');
      }
    }
    await expect(drainAsync(rule())).rejects.toThrow('connection lost');
    expect(seen).toEqual(['finally']);
  });

  it('answers a Rollback with its value and rethrows anything else', () => {
    expect(rolledBack(new Rollback('kept'))).toBe('kept');
    expect(() => rolledBack(new Error('boom'))).toThrow('boom');
  });
});
