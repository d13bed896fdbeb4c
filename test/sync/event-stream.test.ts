// The fetch-based SSE reader a share view uses (EventSource cannot send the share token header):
// it parses events, follows the live stream, resumes from the last id, and stops on a 4xx.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHARE_TOKEN_HEADER } from '../../src/shared/board.ts';
import { followEventStream, parseEventBlock, type StreamEvent } from '../../src/sync/event-stream.ts';
import { admitFact, jsonInit, push } from '../support/sync-session.ts';
import { openSyncFixture, T0, type SyncFixture } from '../server/http/sync-fixture.ts';

describe('parseEventBlock', () => {
  it('reads event, id and multi-line data, and skips comments', () => {
    expect(parseEventBlock('event: fact\nid: 7\ndata: {"a":1}\ndata: x')).toEqual({ event: 'fact', id: '7', data: '{"a":1}\nx' });
    expect(parseEventBlock(': heartbeat')).toBeUndefined();
  });
});

describe('followEventStream', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture({ heartbeatMs: 200 }); });
  afterEach(() => fx.close());

  it('follows a share stream with its header and ends on a refused token', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const offer = await (await fx.fetcher('/api/events/1/units/1/shares', jsonInit('POST', {}, fx.coordinator))).json() as { url: string };
    const token = new URL(offer.url).hash.replace('#share=', '');
    const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => fx.app.request(String(input), init)) as typeof fetch;
    const events: StreamEvent[] = [];
    const states: string[] = [];
    const stream = followEventStream({ url: (after) => `/api/share/stream?after=${after}`, lastId: '0', headers: { [SHARE_TOKEN_HEADER]: token }, fetch: appFetch }, {
      onOpen: () => states.push('live'), onEvent: (e) => events.push(e), onDrop: (s) => states.push(s),
    });
    try {
      await expect.poll(() => states).toContain('live');
      const fact = admitFact({ eventId: 1, deviceId: desk.deviceId, deskId: 'ban-1' }, { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T0 });
      await push(fx.fetcher, desk.auth, 1, [fact]);
      await expect.poll(() => events.filter((e) => e.event === 'fact').map((e) => JSON.parse(e.data).id), { timeout: 3000 }).toEqual([fact.id]);
    } finally {
      stream.close();
    }
    const refused: string[] = [];
    followEventStream({ url: () => '/api/share/stream', lastId: '0', headers: { [SHARE_TOKEN_HEADER]: 'sai' }, fetch: appFetch }, {
      onOpen: () => refused.push('live'), onEvent: () => undefined, onDrop: (s) => refused.push(s),
    });
    await expect.poll(() => refused).toEqual(['closed']);
  });
});
