// Each code's QR mask is chosen once (qr-options.ts says why and what it costs), in a worker
// thread, and stored: a 500-badge sheet then only draws. New codes get theirs in the background
// right after they are issued; a sheet or a QR image fills in any still missing itself.
import type { QRCodeMaskPattern } from 'qrcode';
import { chooseMasksOffThread } from '../offload/pool.ts';
import type { CodeSigner } from './signing.ts';
import type { CodeStore } from '../store/store.ts';

/** A code number with its signed text. */
export interface IssuedCode { no: number; code: string }

/** Codes per task: a background pass of 20 is about 0.2 s of one worker's time. */
const BATCH = 20;

/** Stored masks for the codes, choosing (off the event loop) and storing those not chosen yet. */
export async function masksFor(store: CodeStore, eventId: number, codes: readonly IssuedCode[]): Promise<QRCodeMaskPattern[]> {
  const known = await store.codeMasks(eventId, codes.map((c) => c.no));
  const missing = codes.filter(({ no }) => !known.has(no));
  const chosen = new Map<number, number>();
  if (missing.length > 0) {
    const masks = await chooseMasksOffThread(missing.map((c) => c.code));
    missing.forEach(({ no }, i) => chosen.set(no, masks[i]!));
    await store.saveCodeMasks(eventId, chosen);
  }
  return codes.map(({ no }) => (known.get(no) ?? chosen.get(no)) as QRCodeMaskPattern);
}

/** Chooses masks for an event's new codes off the request path, a batch at a time. */
export class MaskPrecomputer {
  readonly #store: CodeStore;
  readonly #signer: CodeSigner;
  readonly #running = new Map<number, Promise<void>>();
  #again = new Set<number>();

  constructor(store: CodeStore, signer: CodeSigner) {
    this.#store = store;
    this.#signer = signer;
  }

  /** Starts (or extends) the background pass for an event; resolves when it has no code left. */
  schedule(eventId: number): Promise<void> {
    const running = this.#running.get(eventId);
    if (running) { this.#again.add(eventId); return running; }
    const pass = this.#run(eventId).catch((error: unknown) => {
      // A store closed under the pass (shutdown, tests) just ends it; the sheet fills the rest.
      if (!/not open|closed/i.test(String(error))) console.error(`mask precompute for event ${eventId} failed:`, error);
    }).finally(() => this.#running.delete(eventId));
    this.#running.set(eventId, pass);
    return pass;
  }

  /** Resolves when every scheduled pass is done (benchmarks and tests wait on it). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  async #run(eventId: number): Promise<void> {
    for (;;) {
      const nos = await this.#store.codesWithoutMask(eventId, BATCH);
      if (nos.length === 0) {
        if (!this.#again.delete(eventId)) return;
        continue;
      }
      const codes: IssuedCode[] = [];
      for (const no of nos) {
        const code = await this.#signer.codeFor(eventId, no);
        if (code === undefined) return;
        codes.push({ no, code });
      }
      await masksFor(this.#store, eventId, codes);
    }
  }
}
