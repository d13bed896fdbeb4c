// The server imports a desk's file (no network at the venue): the same idempotent ingest as a
// push, checked in the answer and in the stored log; bad files are refused and store nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeskFile } from '../../../src/domain/desk-file.ts';
import { ApiError } from '../../../src/shared/sync.ts';
import { DeskFileImportResult } from '../../../src/shared/desk-file.ts';
import type { Fact } from '../../../src/shared/schemas.ts';
import { admitFact, authHeaders, push, type Credentials } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

describe('POST /api/events/:id/desk-file', () => {
  let fx: SyncFixture;
  let desk: PairedDesk;
  let facts: Fact[];
  /** The i-th scan of the day: the roster over and over (later rounds are duplicates), one second apart. */
  const scanOf = (roster: Array<{ no: number; unitId: number; category: string }>, i: number) => {
    const p = roster[i % roster.length]!;
    return { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime: T0 + (i + 1) * 1000 };
  };
  const upload = (body: string, auth: Credentials | null = fx.coordinator, eventId = 1) =>
    fx.app.request(`/api/events/${eventId}/desk-file`, { method: 'POST', headers: { 'content-type': 'application/json', ...authHeaders(auth ?? undefined) }, body });
  const held = () => fx.temp.store.factsOf(1);
  const fileOf = (list: Fact[]) => writeDeskFile({ eventId: 1, deviceId: desk.deviceId, deskId: desk.deskId, exportedAt: T0, facts: list });

  beforeEach(async () => {
    fx = await openSyncFixture();
    desk = await fx.pair({ deskId: 'ban-1' });
    const roster = fx.people(1);
    // Over 1 MB of JSON: more than a push may carry, which a desk file must still pass.
    facts = Array.from({ length: 4000 }, (_, i) => admitFact(desk, scanOf(roster, i)));
  });
  afterEach(() => fx.close());

  it('stores every fact of the file once; importing it again adds nothing', async () => {
    const text = fileOf(facts);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const first = await upload(text);
    expect(first.status).toBe(200);
    expect(DeskFileImportResult.parse(await first.json())).toEqual({ added: 4000, alreadyHeld: 0 });
    const after = await held();
    expect(after.facts.map((f) => f.id)).toEqual(facts.map((f) => f.id));
    const again = await upload(text);
    expect(DeskFileImportResult.parse(await again.json())).toEqual({ added: 0, alreadyHeld: 4000 });
    expect(await held()).toEqual(after);
  });

  it('after the desk pushed part of it, only the rest is added', async () => {
    await push(fx.fetcher, desk.auth, 1, facts.slice(0, 300));
    const answer = await upload(fileOf(facts));
    expect(DeskFileImportResult.parse(await answer.json())).toEqual({ added: 3700, alreadyHeld: 300 });
    expect((await held()).facts).toHaveLength(4000);
  });

  it('refuses a truncated or altered file with a reason in both languages, storing nothing', async () => {
    const text = fileOf(facts.slice(0, 5));
    const cut = await upload(text.slice(0, text.length - 40));
    expect(cut.status).toBe(400);
    expect(ApiError.parse(await cut.json()).error).toMatchObject({ code: 'deskFile:truncated', vi: expect.stringContaining('cắt cụt'), en: expect.stringContaining('truncated') });
    const altered = await upload(text.replace(`"deviceTime":${T0 + 1000}`, `"deviceTime":${T0 - 3_600_000}`));
    expect(ApiError.parse(await altered.json()).error).toMatchObject({ code: 'deskFile:altered' });
    const otherEvent = await upload(text, fx.coordinator, 2);
    expect(ApiError.parse(await otherEvent.json()).error).toMatchObject({ code: 'deskFile:wrong-event' });
    expect((await held()).facts).toEqual([]);
  });

  it('is for the coordinator only', async () => {
    const text = fileOf(facts.slice(0, 2));
    expect((await upload(text, null)).status).toBe(401);
    expect((await upload(text, desk.auth)).status).toBe(403);
    expect((await held()).facts).toEqual([]);
  });

  it('keeps the 1 MB limit on ordinary pushes', async () => {
    const huge = JSON.stringify({ facts: [], pending: 0, pad: 'x'.repeat(1.2 * 1024 * 1024) });
    const response = await fx.app.request('/api/events/1/facts', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(huge.length), ...authHeaders(desk.auth) }, body: huge });
    expect(response.status).toBe(413);
  });
});
