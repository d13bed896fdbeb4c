// A share link's cursors are opaque: the log's seq counts every fact of every event, so a unit
// leader comparing two cursors would learn how busy the whole server is. Each link maps seqs
// through its own keyed permutation (a 4-round Feistel network over 48 bits), stable across
// restarts and processes because the key comes from the link's stored token hash.
import { createHmac } from 'node:crypto';

const HALF_BITS = 24;
const HALF = 1 << HALF_BITS;
const DOMAIN = HALF * HALF; // 2^48 seqs: decades of a national campaign
const ROUNDS = 4;

/** Encodes and decodes one link's cursors; 0 ("from the start") maps to itself. */
export class ShareCursor {
  readonly #key: Buffer;

  constructor(tokenHash: string) {
    this.#key = createHmac('sha256', 'diemdanh share cursor').update(tokenHash).digest();
  }

  #round(round: number, half: number): number {
    return createHmac('sha256', this.#key).update(`${round}:${half}`).digest().readUIntBE(0, 3);
  }

  /** The opaque cursor a viewer sees for `seq` (a positive int, not ordered like seqs). */
  encode(seq: number): number {
    if (seq === 0) return 0;
    let left = Math.floor(seq / HALF) % HALF;
    let right = seq % HALF;
    for (let r = 0; r < ROUNDS; r++) [left, right] = [right, (left ^ this.#round(r, right)) % HALF];
    return left * HALF + right + 1;
  }

  /** The seq behind a cursor this link handed out; undefined for a number no cursor can be. */
  decode(cursor: number): number | undefined {
    if (cursor === 0) return 0;
    if (!Number.isSafeInteger(cursor) || cursor < 1 || cursor > DOMAIN) return undefined;
    let left = Math.floor((cursor - 1) / HALF);
    let right = (cursor - 1) % HALF;
    for (let r = ROUNDS - 1; r >= 0; r--) [left, right] = [(right ^ this.#round(r, left)) % HALF, left];
    return left * HALF + right;
  }
}
