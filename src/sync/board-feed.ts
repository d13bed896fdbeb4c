// Follows an event's log for a tally screen: the board's metadata, every fact so far in
// pages, then the live stream from that cursor. EventSource resumes by itself with
// Last-Event-ID after a drop, so nothing is missed and nothing arrives twice.
import * as z from 'zod/mini';
import { BoardMeta, SHARE_TOKEN_HEADER } from '../shared/board.ts';
import { followEventStream } from './event-stream.ts';
import { PullResponse, ServerFact } from '../shared/sync.ts';
import { HttpFailure, requestJson } from './http.ts';

/** Where a board reads from: an event (coordinator's cookie) or a share link (its token in a header). */
export interface BoardEndpoints {
  meta: string;
  facts: (after: number) => string;
  stream: (after: number) => string;
  /** Sent with every request; when set, the stream is read with fetch, since EventSource sends no headers. */
  headers?: Record<string, string>;
}

/** The endpoints of an event's board, for a signed-in coordinator. */
export const eventEndpoints = (eventId: number): BoardEndpoints => ({
  meta: `/api/events/${eventId}/board`,
  facts: (after) => `/api/events/${eventId}/facts?after=${after}&limit=2000`,
  stream: (after) => `/api/events/${eventId}/stream?after=${after}`,
});

/** The endpoints of a unit leader's share link; the token never appears in a path. */
export const shareEndpoints = (token: string): BoardEndpoints => ({
  meta: '/api/share',
  facts: (after) => `/api/share/facts?after=${after}`,
  stream: (after) => `/api/share/stream?after=${after}`,
  headers: { [SHARE_TOKEN_HEADER]: token },
});

/** How the live part stands: `live` while the stream is open, `reconnecting` while EventSource retries. */
export type FeedState = 'live' | 'reconnecting' | 'closed';

export interface BoardFeedHandlers {
  /** Called once, before any fact: the board's metadata and the server clock offset. */
  onMeta(meta: BoardMeta, offsetMs: number): void;
  onFacts(facts: readonly ServerFact[]): void;
  onState(state: FeedState): void;
}

/** A followed board: how to stop following. */
export interface BoardFeed {
  close(): void;
}

/** Loads the board (`onMeta`) and every fact so far (`onFacts`), then follows the stream. Throws HttpFailure. */
export async function followBoard(endpoints: BoardEndpoints, handlers: BoardFeedHandlers): Promise<BoardFeed> {
  const { headers } = endpoints;
  const { body: meta, sentAt, receivedAt } = await requestJson(endpoints.meta, BoardMeta, { headers });
  handlers.onMeta(meta, Math.round(meta.serverTime - (sentAt + receivedAt) / 2));
  let cursor = 0;
  for (;;) {
    const { body: page } = await requestJson(endpoints.facts(cursor), PullResponse, { headers });
    handlers.onFacts(page.facts);
    cursor = page.cursor;
    if (!page.more) break;
  }
  if (headers) return followWithFetch(endpoints, headers, cursor, handlers);
  const source = new EventSource(endpoints.stream(cursor));
  source.addEventListener('open', () => handlers.onState('live'));
  source.addEventListener('error', () => handlers.onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  source.addEventListener('fact', (event) => {
    const parsed = z.safeParse(ServerFact, JSON.parse((event as MessageEvent<string>).data));
    if (parsed.success) handlers.onFacts([parsed.data]);
  });
  return { close: () => source.close() };
}

function followWithFetch(endpoints: BoardEndpoints, headers: Record<string, string>, cursor: number, handlers: BoardFeedHandlers): BoardFeed {
  return followEventStream({ url: (lastId) => endpoints.stream(Number(lastId)), lastId: String(cursor), headers }, {
    onOpen: () => handlers.onState('live'),
    onDrop: (state) => handlers.onState(state),
    onEvent: (event) => {
      if (event.event !== 'fact') return;
      const parsed = z.safeParse(ServerFact, JSON.parse(event.data));
      if (parsed.success) handlers.onFacts([parsed.data]);
    },
  });
}

export { HttpFailure };
