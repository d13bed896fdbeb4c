// Reads a Server-Sent Events body message by message, with a timeout per message, for the
// live-stream tests and the desk-to-screen benchmark.

/** One SSE message; a comment line (heartbeat) comes as `comment`. */
export interface SseMessage { event?: string; id?: string; data: string; comment?: string }

/** Reads an SSE body message by message (comments included, as `comment`). */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffer = '';

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  }

  /** A read that outlived a timeout is kept, so its chunk is not lost to the next call. */
  #pending: Promise<ReadableStreamReadResult<string>> | undefined;

  async next(timeoutMs = 1000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + 2);
        return parseBlock(block);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no SSE message in time');
      this.#pending ??= this.#reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), left); });
      const chunk = await Promise.race([this.#pending, timeout]);
      clearTimeout(timer);
      if (chunk === 'timeout') throw new Error('no SSE message in time');
      this.#pending = undefined;
      if (chunk.done) throw new Error('stream ended');
      this.#buffer += chunk.value;
    }
  }

  /** The next message that is not a heartbeat comment. */
  async nextEvent(timeoutMs = 1000): Promise<SseMessage> {
    for (;;) {
      const message = await this.next(timeoutMs);
      if (message.comment === undefined) return message;
    }
  }

  cancel(): Promise<void> {
    return this.#reader.cancel();
  }
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = { data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  message.data = data.join('\n');
  return message;
}
