// Heavy pure work off the event loop (issue 13, item 6): reading roster files (CSV, XLSX) and
// desk files, verifying the codes in them, and choosing QR masks run in worker threads, so no desk's push or
// coordinator's screen waits behind a 20,000-row sheet. One small pool for the whole process,
// started on first use: it is what a request needs, never what the server needs to start.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ImportPreparation, PreparationInput } from '../roster/import.ts';
import type { DeskFileChecked, DeskFileInput } from './tasks.ts';

/**
 * A worker's heap, bounded: every file is size-checked before it is inflated, so this only
 * matters for a file that slips past those checks; its worker dies and the server carries on.
 */
const WORKER_HEAP_MB = 768;
/** Files waiting beyond this are refused as "busy" rather than queued without end. */
const MAX_QUEUED = 16;

/** Why a task did not give an answer: too many files at once, or the worker gave out on this one. */
export class OffloadError extends Error {
  constructor(readonly reason: 'busy' | 'failed', cause: unknown) {
    super(`offloaded task ${reason}`, { cause });
  }
}

let pool: Piscina | undefined;

function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./boot.mjs', import.meta.url).href,
    // Leave a core to the event loop; the pool is for files, which come one or two at a time.
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // On a two-core laptop the file's thread takes one core whole; at a lower priority it yields
    // the CPU to the event loop (and to the desks' requests) whenever both want it.
    niceIncrement: 10,
  });
  return pool;
}

async function run<R>(name: string, task: unknown, transferList?: ArrayBuffer[]): Promise<R> {
  const workers = thePool();
  if (workers.queueSize >= MAX_QUEUED) throw new OffloadError('busy', undefined);
  try {
    return await workers.run(task, { name, transferList }) as R;
  } catch (error) {
    throw new OffloadError('failed', error);
  }
}

/** Reads, maps and checks a roster upload in a worker thread. */
export const prepareRosterImportOffThread = (input: PreparationInput): Promise<ImportPreparation> =>
  run('prepareRosterImport', input);

/** Reads a desk file and verifies its codes in a worker thread; the bytes move there (the caller must not use them again). */
export const readDeskFileOffThread = (input: DeskFileInput): Promise<DeskFileChecked> =>
  run('readDeskFileChecked', input, input.bytes.byteOffset === 0 && input.bytes.byteLength === input.bytes.buffer.byteLength ? [input.bytes.buffer as ArrayBuffer] : undefined);

/** Chooses the QR masks of these codes in a worker thread (about 10 ms each). */
export const chooseMasksOffThread = (codes: readonly string[]): Promise<number[]> =>
  run('chooseMasks', codes);

/** Stops the workers (shutdown); the next task would start a new pool. */
export async function closeOffload(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
