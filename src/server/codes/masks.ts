// Choosing a code's QR mask means decoding it several times (about 10 ms), so each code's mask is
// chosen once, stored, and reused: a 500-badge sheet then only draws. New codes get theirs in
// the background right after they are issued; a sheet fills in any still missing itself.
import type { QRCodeMaskPattern } from 'qrcode';
import { chooseMask } from './qr-options.ts';
import type { CodeSigner } from './signing.ts';
import type { CodeStore } from '../store/store.ts';

/** A code number with its signed text. */
export interface IssuedCode { no: number; code: string }

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Stored masks for the codes, choosing and storing those not chosen yet. */
export async function masksFor(store: CodeStore, eventId: number, codes: readonly IssuedCode[]): Promise<QRCodeMaskPattern[]> {
  const known = await store.codeMasks(eventId, codes.map((c) => c.no));
  const chosen = new Map<number, number>();
  for (const { no, code } of codes) {
    if (known.has(no)) continue;
    chosen.set(no, chooseMask(code));
    // Each choice is ~10 ms of decoding: let desks' requests in between.
    await yieldToRequests();
  }
  if (chosen.size > 0) await store.saveCodeMasks(eventId, chosen);
  return codes.map(({ no }) => (known.get(no) ?? chosen.get(no)) as QRCodeMaskPattern);
}

/** Chooses masks for an event's new codes off the request path, a few at a time. */
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
      const nos = await this.#store.codesWithoutMask(eventId, 20);
      if (nos.length === 0) {
        if (!this.#again.delete(eventId)) return;
        continue;
      }
      const chosen = new Map<number, number>();
      for (const no of nos) {
        const code = await this.#signer.codeFor(eventId, no);
        if (code === undefined) return;
        chosen.set(no, chooseMask(code));
        await yieldToRequests();
      }
      await this.#store.saveCodeMasks(eventId, chosen);
    }
  }
}
