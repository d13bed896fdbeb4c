import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { createApp } from '../../../src/server/app.ts';
import { coordinatorHeaders } from './coordinator-login.ts';
import { generateEventKeys } from '../../../src/server/codes/signing.ts';
import { openTempStore, type TempStore } from '../store/temp-store.ts';

// Names arrive from imported spreadsheets: HTML and formula text must come out inert.
const NASTY = [
  { no: 1, name: '<script>alert("x")</script> Lê Thị Hoa', phone: '0912345678' },
  { no: 2, name: '=HYPERLINK("http://evil","Bấm")', phone: '+84912345678' },
  { no: 3, name: "-Trần O'Brien & @Hồ", phone: '@0900' },
];

describe('hostile roster text', () => {
  let temp: TempStore;
  let app: ReturnType<typeof createApp>;
  let signedIn: { cookie: string };
  beforeAll(async () => {
    temp = await openTempStore({ seed: false });
    await temp.store.createEvent({
      event: {
        id: 42, name: 'Sự kiện <thử> & "kiểm tra"', venue: 'Hội trường', date: '2024-05-01',
        timeZone: 'Asia/Ho_Chi_Minh', opensAt: '07:00', checkpoints: ['arrived'], targets: {},
      },
      units: [{ id: 1, name: '+Đơn vị <b>1</b>', quotas: [{ category: '=Khách', quota: 3 }] }],
      desks: [{ id: 'ban-1', name: 'Bàn 1' }],
      participants: NASTY.map((p) => ({ ...p, unitId: 1, category: '=Khách' })),
      keys: generateEventKeys(),
    });
    app = createApp({ store: temp.store });
    signedIn = await coordinatorHeaders(app, temp.store);
  });
  afterAll(() => temp.remove());

  it('escapes names, unit and event on the badge sheet and codes page', async () => {
    const badges = await (await app.request('/api/events/42/units/1/badges', { headers: signedIn })).text();
    const codes = await (await app.request('/api/events/42/codes', { headers: signedIn })).text();
    for (const html of [badges, codes]) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<b>1</b>');
      expect(html).not.toContain('<thử>');
    }
    expect(badges).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lê Thị Hoa');
    expect(badges).toContain('Trần O&#39;Brien &amp; @Hồ');
    expect(badges.match(/<svg/g)).toHaveLength(3);
  });

  it('prefixes formula-like cells in the CSV with a quote, but leaves codes raw', async () => {
    const text = (await (await app.request('/api/events/42/units/1/roster.csv', { headers: signedIn })).text()).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1);
    expect(rows.map((r) => r[1])).toEqual([NASTY[0]!.name, `'${NASTY[1]!.name}`, `'${NASTY[2]!.name}`]);
    expect(rows.map((r) => r[2])).toEqual(['0912 345 678', "'+84912345678", "'@0900"]);
    expect(rows.every((r) => r[3] === "'+Đơn vị <b>1</b>" && r[4] === "'=Khách")).toBe(true);
    expect(rows.every((r) => r[5]!.length === 110 && r[5]!.startsWith('V'))).toBe(true);
  });
});
