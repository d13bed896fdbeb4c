// News that an event's log grew, for the live streams. Only the new cursor travels; each
// stream reads the facts from the store itself. That is what lets a PostgreSQL adapter
// implement the same port with LISTEN/NOTIFY (whose payloads are small) across processes.

/** Called with the event's newest seq after facts were stored. */
export type FeedListener = (cursor: number) => void;

/** Publish/subscribe per event; in-process now, PostgreSQL LISTEN/NOTIFY at national scale. */
export interface FactFeed {
  publish(eventId: number, cursor: number): void;
  /** Returns the unsubscribe function; call it when the stream ends. */
  subscribe(eventId: number, listener: FeedListener): () => void;
}

/** The single-process feed: a set of listeners per event. */
export class InProcessFactFeed implements FactFeed {
  readonly #listeners = new Map<number, Set<FeedListener>>();

  publish(eventId: number, cursor: number): void {
    for (const listener of this.#listeners.get(eventId) ?? []) {
      try {
        listener(cursor);
      } catch (error) {
        console.error(`fact feed listener of event ${eventId} failed:`, error);
      }
    }
  }

  subscribe(eventId: number, listener: FeedListener): () => void {
    const listeners = this.#listeners.get(eventId) ?? new Set<FeedListener>();
    listeners.add(listener);
    this.#listeners.set(eventId, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#listeners.get(eventId) === listeners) this.#listeners.delete(eventId);
    };
  }

  /** Events with at least one listener (a feed that lost news wakes them all). */
  listenedEvents(): number[] {
    return [...this.#listeners.keys()];
  }

  /** How many streams listen to an event (tests check that closed streams unsubscribe). */
  listenerCount(eventId: number): number {
    return this.#listeners.get(eventId)?.size ?? 0;
  }
}
