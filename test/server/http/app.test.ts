import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import * as z from 'zod/mini';
import { EventPackage, EventSummary } from '../../../src/shared/schemas.ts';
import { parseToken } from '../../../src/domain/token.ts';
import { createApp } from '../../../src/server/app.ts';
import { escapeHtml } from '../../../src/server/pages/html.ts';
import { ROSTER_COLUMNS } from '../../../src/server/roster/csv.ts';
import { openTempStore, verifiesWith, type TempStore } from '../store/temp-store.ts';
import { coordinatorHeaders } from './coordinator-login.ts';

describe('HTTP app', () => {
  let temp: TempStore;
  let app: ReturnType<typeof createApp>;
  const bodies: string[] = [];
  let signedIn: { cookie: string };
  const get = async (path: string): Promise<Response> => {
    const response = await app.request(path, { headers: signedIn });
    bodies.push(await response.clone().text());
    return response;
  };
  const packageOf = async (id: number): Promise<EventPackage> =>
    EventPackage.parse(await (await get(`/api/events/${id}/package`)).json());

  beforeAll(async () => {
    temp = await openTempStore();
    app = createApp({ store: temp.store, now: () => 1_720_570_000_000 });
    signedIn = await coordinatorHeaders(app, temp.store);
  });

  it('hands no roster, code or badge to anyone who is not signed in or paired', async () => {
    for (const path of ['/api/events/1/package', '/api/events/1/roster', '/api/events/1/codes', '/api/events/1/participants/1/code',
      '/api/events/1/units/1/badges', '/api/events/1/units/1/roster.csv']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(401);
      expect(await response.text(), path).not.toMatch(/Nguyễn|V50000/);
    }
    // What a desk needs before pairing stays public: the events and their desks.
    const setup = await app.request('/api/events/1/desk-setup');
    expect(setup.status).toBe(200);
    expect(await setup.json()).toEqual({ desks: temp.store.getPackage(1)!.desks, checkpoints: ['arrived', 'donated'] });
  });
  afterAll(() => temp.remove());

  it('answers health and time', async () => {
    // Readiness now includes a database query (issue 14); its time varies, so only its shape is fixed.
    const health = (await (await get('/api/health')).json()) as { db: { ms: number } };
    expect(health).toEqual({ ok: true, live: true, ready: true, db: { ok: true, ms: health.db.ms } });
    expect(health.db.ms).toBeGreaterThanOrEqual(0);
    expect(await (await get('/api/time')).json()).toEqual({ now: 1_720_570_000_000 });
  });

  it('lists the events as summaries', async () => {
    const list = z.array(EventSummary).parse(await (await get('/api/events')).json());
    expect(list.map((e) => e.id).sort()).toEqual([1, 2, 3]);
  });

  it('serves a package the shared schema accepts, with the raw public key', async () => {
    const response = await get('/api/events/1/package');
    expect(response.status).toBe(200);
    const pkg = EventPackage.parse(await response.json());
    expect(pkg.event.name).toBe('Hành trình đỏ 2024 — Kết nối dòng máu Việt');
    expect(Buffer.from(pkg.publicKey, 'base64url')).toHaveLength(32);
  });

  it.each([
    ['/api/events/abc/package', 400], ['/api/events/0/package', 400], ['/api/events/-1/package', 400],
    ['/api/events/1.5/package', 400], ['/api/events/99999999999/package', 400],
    ['/api/events/999/package', 404], ['/api/events/999/codes', 404],
    ['/api/events/1/units/x/badges', 400], ['/api/events/1/units/999/badges', 404],
    ['/api/events/999/units/1/roster.csv', 404], ['/api/events/1/units/999/roster.csv', 404],
    ['/api/events/1/participants/x/code', 400], ['/api/events/1/participants/999999/code', 404],
    ['/api/nothing-here', 404],
  ])('answers %s with a %i JSON error in both languages', async (path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    const body = await response.json() as { error: { vi: string; en: string } };
    expect(body.error.vi.length).toBeGreaterThan(0);
    expect(body.error.en.length).toBeGreaterThan(0);
  });

  it('gives a roster CSV with BOM, CRLF, Vietnamese intact and a verifying code per person', async () => {
    const pkg = await packageOf(2);
    const education = pkg.units.find((u) => u.name === 'Phòng Giáo dục và Đào tạo thành phố')!;
    const response = await get(`/api/events/2/units/${education.id}/roster.csv`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${ROSTER_COLUMNS.map((c) => `"${c}"`).join(',')}`);
    const rows = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true }).data.slice(1);
    const members = pkg.participants.filter((p) => p.unitId === education.id);
    expect(rows).toHaveLength(members.length);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['Giáo viên', 'Học sinh']));
    rows.forEach((row, i) => {
      const person = members[i]!;
      expect(row.slice(0, 2)).toEqual([String(person.no), person.name]);
      expect(row[2]!.replace(/ /g, '')).toBe(person.phone);
      expect(row[3]).toBe('Phòng Giáo dục và Đào tạo thành phố');
      const token = parseToken(row[5]!);
      expect(token).toMatchObject({ eventId: 2, codeNo: person.no });
      expect(verifiesWith(pkg.publicKey, token!.signed, token!.signature)).toBe(true);
    });
  });

  it('prints an A4 badge sheet with every member, escaped, and one QR each', async () => {
    const pkg = await packageOf(1);
    const response = await get('/api/events/1/units/1/badges');
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    const html = await response.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4;\s*margin:\s*10mm;?\s*\}/);
    const members = pkg.participants.filter((p) => p.unitId === 1);
    expect(members.map((p) => p.name)).toContain('Nguyễn Văn An');
    for (const person of members) expect(html).toContain(`<div class="name">${escapeHtml(person.name)}</div>`);
    expect(html.match(/<svg/g)).toHaveLength(members.length);
    expect(html.match(/<section class="sheet">/g)).toHaveLength(Math.ceil(members.length / 12));
  });

  it('links every unit from the codes page', async () => {
    const pkg = await packageOf(3);
    const html = await (await get('/api/events/3/codes')).text();
    for (const unit of pkg.units) {
      expect(html).toContain(escapeHtml(unit.name));
      expect(html).toContain(`href="/api/events/3/units/${unit.id}/badges"`);
      expect(html).toContain(`href="/api/events/3/units/${unit.id}/roster.csv"`);
    }
  });

  it('hands out a single code for tests and reprints', async () => {
    const pkg = await packageOf(1);
    const dao = pkg.participants.find((p) => p.name === 'Đặng Thị Đào')!;
    const { no, code } = await (await get(`/api/events/1/participants/${dao.no}/code`)).json() as { no: number; code: string };
    expect(no).toBe(dao.no);
    const token = parseToken(code)!;
    expect(token).toMatchObject({ eventId: 1, codeNo: dao.no });
    expect(verifiesWith(pkg.publicKey, token.signed, token.signature)).toBe(true);
  });

  it('never lets a private key out in any response', async () => {
    for (const id of [1, 2, 3]) {
      await get(`/api/events/${id}/package`);
      await get(`/api/events/${id}/codes`);
      await get(`/api/events/${id}/units/1/roster.csv`);
      await get(`/api/events/${id}/units/1/badges`);
    }
    for (const id of [1, 2, 3]) {
      const der = Buffer.from((await temp.store.getPrivateKey(id))!, 'base64');
      const seed = der.subarray(der.length - 32); // the raw Ed25519 private scalar seed
      for (const needle of [der.toString('base64'), seed.toString('base64url'), seed.toString('base64'), seed.toString('hex')]) {
        expect(bodies.some((b) => b.includes(needle))).toBe(false);
      }
    }
    const pkgJson = JSON.stringify(await packageOf(1));
    expect(pkgJson).not.toMatch(/private/i);
  });
});
