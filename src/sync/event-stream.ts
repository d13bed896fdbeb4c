// Server-Sent Events read with fetch, for streams that need a header EventSource cannot send
// (a share link's token). It resumes like EventSource: after a drop it waits, then asks again
// from the last event id it saw, so nothing is missed and nothing arrives twice.

/** One dispatched event: its type (default "message"), its id if any, and its data lines joined. */
export interface StreamEvent { event: string; id?: string; data: string }

/** How a followed stream reports; `closed` means the server refused it and no retry will help. */
export interface EventStreamHandlers {
  onOpen(): void;
  onEvent(event: StreamEvent): void;
  onDrop(state: 'reconnecting' | 'closed'): void;
}

/** Parses one blank-line-terminated block; comments (heartbeats) give undefined. */
export function parseEventBlock(block: string): StreamEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 && id === undefined ? undefined : { event, id, data: data.join('\n') };
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const event = parseEventBlock(block);
      if (event) onEvent(event);
    }
  }
}

/** Follows `url(lastId)` with `headers` until closed; a 4xx ends it, anything else retries after `retryMs`. */
export function followEventStream(options: {
  url: (lastId: string) => string; lastId: string; headers: Record<string, string>; retryMs?: number; fetch?: typeof fetch;
}, handlers: EventStreamHandlers): { close(): void } {
  const { url, headers, retryMs = 2000, fetch: doFetch = fetch } = options;
  let lastId = options.lastId;
  let stopped = false;
  let controller: AbortController | undefined;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await doFetch(url(lastId), { headers: { ...headers, accept: 'text/event-stream' }, cache: 'no-store', signal: controller.signal });
        if (response.status >= 400 && response.status < 500 && response.status !== 429) {
          handlers.onDrop('closed');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        handlers.onOpen();
        await readEvents(response.body, (event) => {
          if (event.id) lastId = event.id;
          handlers.onEvent(event);
        });
      } catch {
        // dropped or unreachable: retried below
      }
      if (stopped) return;
      handlers.onDrop('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  void run();
  return { close: () => { stopped = true; controller?.abort(); } };
}
