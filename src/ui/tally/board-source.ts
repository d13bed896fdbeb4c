// Connects a BoardModel to where its facts come from: the server (snapshot pages plus the live
// stream) for a coordinator or a share link, or this device's own log when there is no network.
import { HttpFailure, followBoard, type BoardEndpoints } from '../../sync/board-feed.ts';
import { BoardModel } from './board-model.ts';

/** Where a board reads: the server, or this device's Dexie log ("local only"). */
export type BoardSource = { kind: 'server'; endpoints: BoardEndpoints; eventId?: number } | { kind: 'local'; eventId: number };

/** Follows the source until the returned stop is called. */
export function connectBoard(model: BoardModel, source: BoardSource): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const run = async () => {
    if (source.kind === 'local') { stop = await followLocal(model, source.eventId); return; }
    try {
      let lastData = Date.now();
      const feed = await followBoard(source.endpoints, {
        onMeta: (meta, offsetMs) => model.setMeta(meta, offsetMs),
        onFacts: (facts) => { if (model.tally) { lastData = Date.now(); model.add(facts); } },
        onState: (state) => {
          model.freshness.value = state === 'live' ? { kind: 'live' } : { kind: state, asOf: lastData };
        },
      });
      stop = feed.close;
      if (stopped) feed.close();
    } catch (error) {
      // A coordinator's laptop without network can still show what a desk on it holds.
      if (error instanceof HttpFailure && error.status === 0 && source.eventId !== undefined) {
        stop = await followLocal(model, source.eventId);
        return;
      }
      model.freshness.value = error instanceof HttpFailure ? { kind: 'failed', vi: error.vi, en: error.en } : { kind: 'failed', vi: String(error), en: String(error) };
    }
  };
  void run();
  return () => { stopped = true; stop?.(); };
}

/** Reads this device's log now and on every change to it (Dexie liveQuery). */
async function followLocal(model: BoardModel, eventId: number): Promise<() => void> {
  const [{ db }, { localBoardMeta, localFacts }, { liveQuery }, { clockOffset }] = await Promise.all([
    import('../app-state.ts'), import('../../db/board-local.ts'), import('dexie'), import('../../db/settings.ts'),
  ]);
  const offset = await clockOffset(db);
  const meta = await localBoardMeta(db, eventId, Date.now() + offset);
  if (!meta) {
    model.freshness.value = { kind: 'failed', vi: 'Máy này chưa có dữ liệu sự kiện này.', en: 'This device holds no data for this event.' };
    return () => undefined;
  }
  model.setMeta(meta, offset);
  const subscription = liveQuery(() => localFacts(db, eventId)).subscribe({
    next: (facts) => { model.add(facts); model.freshness.value = { kind: 'local', readAt: Date.now() + offset }; },
    error: (e: unknown) => { model.freshness.value = { kind: 'failed', vi: String(e), en: String(e) }; },
  });
  return () => subscription.unsubscribe();
}
