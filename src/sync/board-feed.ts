// Follows an event's log for a tally screen: the board's metadata, every fact so far in
// pages, then the live stream from that cursor. EventSource resumes by itself with
// Last-Event-ID after a drop, so nothing is missed and nothing arrives twice.
import * as z from 'zod/mini';
import { BoardMeta } from '../shared/board.ts';
import { PullResponse, ServerFact } from '../shared/sync.ts';
import { HttpFailure, requestJson } from './http.ts';

/** Where a board reads from: an event (coordinator's cookie) or a share link (its token in the path). */
export interface BoardEndpoints {
  meta: string;
  facts: (after: number) => string;
  stream: (after: number) => string;
}

/** The endpoints of an event's board, for a signed-in coordinator. */
export const eventEndpoints = (eventId: number): BoardEndpoints => ({
  meta: `/api/events/${eventId}/board`,
  facts: (after) => `/api/events/${eventId}/facts?after=${after}&limit=2000`,
  stream: (after) => `/api/events/${eventId}/stream?after=${after}`,
});

/** The endpoints of a unit leader's share link. */
export const shareEndpoints = (token: string): BoardEndpoints => ({
  meta: `/api/share/${encodeURIComponent(token)}`,
  facts: (after) => `/api/share/${encodeURIComponent(token)}/facts?after=${after}`,
  stream: (after) => `/api/share/${encodeURIComponent(token)}/stream?after=${after}`,
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
  const { body: meta, sentAt, receivedAt } = await requestJson(endpoints.meta, BoardMeta);
  handlers.onMeta(meta, Math.round(meta.serverTime - (sentAt + receivedAt) / 2));
  let cursor = 0;
  for (;;) {
    const { body: page } = await requestJson(endpoints.facts(cursor), PullResponse);
    handlers.onFacts(page.facts);
    cursor = page.cursor;
    if (!page.more) break;
  }
  const source = new EventSource(endpoints.stream(cursor));
  source.addEventListener('open', () => handlers.onState('live'));
  source.addEventListener('error', () => handlers.onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  source.addEventListener('fact', (event) => {
    const parsed = z.safeParse(ServerFact, JSON.parse((event as MessageEvent<string>).data));
    if (parsed.success) handlers.onFacts([parsed.data]);
  });
  return { close: () => source.close() };
}

export { HttpFailure };
