// The desk's only network code: push the outbox, pull other desks' facts, measure the clock.
import * as z from 'zod/mini';
import { PullResponse, PushResponse, PUSH_BATCH_LIMIT, type DeskReadiness, type PushRequest } from '../shared/sync.ts';
import { HttpFailure, requestJson } from './http.ts';
import type { Fact } from '../shared/schemas.ts';
import type { DeskDb } from '../db/db.ts';
import { outboxBatch } from '../db/outbox.ts';
import { pullCursor, storePulled } from '../db/pulled-facts.ts';
import { clockOffset } from '../db/settings.ts';
import { settlePush } from '../db/quarantine.ts';

/** What a desk needs to talk to the server for one event. */
export interface SyncTarget {
  db: DeskDb;
  eventId: number;
  token: string;
  baseUrl?: string;
  appVersion?: string;
  fetch?: typeof fetch;
  /** The desk's last readiness check, sent with each push for the coordinator's device list. */
  readiness?: () => DeskReadiness | undefined;
  /** What the last report sent said (set by pushBatch), so an unchanged one is not sent alone. */
  reportedReadiness?: string;
}

/** Why a sync did not go through; `revoked` and `unauthorized` need a person, the rest retry. */
export type SyncFailure = 'offline' | 'revoked' | 'unauthorized' | 'rejected' | 'server';

export class SyncError extends Error {
  constructor(readonly kind: SyncFailure, readonly vi: string, readonly en: string) {
    super(en);
    this.name = 'SyncError';
  }
}

/** Server time minus device time, from one round trip (the midpoint estimate). */
export function offsetFrom(sentAt: number, receivedAt: number, serverTime: number): number {
  return Math.round(serverTime - (sentAt + receivedAt) / 2);
}

async function call<T extends { serverTime: number }>(target: SyncTarget, path: string, init: RequestInit, schema: z.ZodMiniType<T>): Promise<{ body: T; offset: number }> {
  try {
    const { body, sentAt, receivedAt } = await requestJson(`${target.baseUrl ?? ''}${path}`, schema, { ...init, token: target.token, fetch: target.fetch });
    return { body, offset: offsetFrom(sentAt, receivedAt, body.serverTime) };
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    if (error.status === 0) throw new SyncError('offline', 'Không có mạng — dữ liệu vẫn an toàn trên máy, sẽ gửi khi có mạng.', 'No network — data is safe on this device and will be sent when online.');
    const kind: SyncFailure = error.status === 401 ? (error.code === 'revoked' ? 'revoked' : 'unauthorized')
      : error.status < 500 && error.status !== 429 && error.code !== 'invalid' ? 'rejected' : 'server';
    throw new SyncError(kind, error.vi, error.en);
  }
}

/**
 * Sends the oldest outbox batch. Only the ids the server says it holds leave the outbox, so
 * a lost answer or a crash resends the batch, which the server ignores as already held. The
 * ones it refuses move to the quarantine (db/quarantine.ts) and are never resent.
 */
export async function pushBatch(target: SyncTarget): Promise<{ sent: number; quarantined: number; remaining: number; offset: number }> {
  const { db, eventId } = target;
  const batch = await outboxBatch(db, eventId, PUSH_BATCH_LIMIT);
  const readiness = target.readiness?.();
  // With nothing to send, a new readiness report still goes, as an empty push: the coordinator's
  // device list learns a tablet is (not) ready before its first scan.
  // Only when it says something new (ready or not, a check's state), not every 15 s.
  const reportKey = readiness && JSON.stringify([readiness.ready, readiness.checks.map((c) => [c.id, c.state])]);
  const freshReport = reportKey !== undefined && target.reportedReadiness !== reportKey;
  if (!batch && !freshReport) return { sent: 0, quarantined: 0, remaining: 0, offset: await clockOffset(db) };
  const { facts, total } = batch ?? { facts: [], total: 0 };
  const request: PushRequest = { facts, pending: total - facts.length, appVersion: target.appVersion, ...(readiness ? { readiness } : {}) };
  const { body, offset } = await call(target, `/api/events/${eventId}/facts`, { method: 'POST', body: JSON.stringify(request) }, PushResponse);
  if (reportKey !== undefined) target.reportedReadiness = reportKey;
  // One transaction: acknowledged facts leave the outbox, refused ones move to quarantine, the offset is kept.
  const settled = await settlePush(db, eventId, body, { now: Date.now(), clockOffsetMs: offset });
  return { ...settled, remaining: total - settled.sent - settled.quarantined, offset };
}

/** Pulls every fact after the stored cursor into the local log; returns how many arrived. */
export async function pullAll(target: SyncTarget): Promise<number> {
  const { db, eventId } = target;
  let cursor = await pullCursor(db, eventId);
  let received = 0;
  for (;;) {
    const { body, offset } = await call(target, `/api/events/${eventId}/facts?after=${cursor}&limit=1000`, { method: 'GET' }, PullResponse);
    // The desk keeps facts as they were recorded; what the server adds stays on the server.
    const plain: Fact[] = body.facts.map(({ seq: _seq, receivedAt: _r, duplicate: _d, ...fact }) => fact);
    // The facts and the cursor move together: an interrupted pull resumes where it stopped.
    await storePulled(db, eventId, { facts: plain, cursor: body.cursor, clockOffsetMs: offset });
    received += body.facts.length;
    cursor = body.cursor;
    if (!body.more) return received;
  }
}
