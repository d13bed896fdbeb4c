// The committee's reports over the real routes: two desks push (one admitting a person the other
// already admitted), then the coordinator downloads the CSVs and the printable report.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { ApiError } from '../../../src/shared/sync.ts';
import { admitFact, authHeaders, push, voidFact } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

const MINUTE = 60_000;
/** 08:45 on the Bắc Kạn day, inside the city's 08:30–10:00 slot. */
const AT_0845 = T0 + 105 * MINUTE;

/** The body's bytes start with the UTF-8 BOM (Response.text() would hide it), then parse as CSV. */
async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('report routes', () => {
  let fx: SyncFixture;
  let deskA: PairedDesk;
  let deskB: PairedDesk;
  const person = (no: number, deviceTime: number) => {
    const p = fx.people(1).find((x) => x.no === no)!;
    return { personKey: String(p.no), unitId: p.unitId, category: p.category, deviceTime };
  };
  const get = (path: string, auth: { cookie: string } | { token: string } | null = fx.coordinator) =>
    fx.app.request(path, { headers: authHeaders(auth ?? undefined) });

  beforeEach(async () => {
    fx = await openSyncFixture();
    deskA = await fx.pair({ deskId: 'ban-1' });
    deskB = await fx.pair({ deskId: 'ban-2' });
    const first = admitFact(deskA, person(1, AT_0845));
    const undone = admitFact(deskA, person(3, AT_0845 + MINUTE));
    await push(fx.fetcher, deskA.auth, 1, [first, admitFact(deskA, person(2, T0 + 200 * MINUTE)), undone, voidFact(deskA, undone, AT_0845 + 2 * MINUTE)]);
    // Desk B was offline and admitted person 1 again five minutes later: a duplicate.
    await push(fx.fetcher, deskB.auth, 1, [admitFact(deskB, person(1, AT_0845 + 5 * MINUTE))]);
  });
  afterEach(() => fx.close());

  it('participants.csv: one row per roster person with the merged log of every desk', async () => {
    const response = await get('/api/events/1/reports/participants.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-su-kien-1-nguoi-tham-gia.csv"');
    const [fields, ...rows] = await csvRows(response);
    expect(rows).toHaveLength(fx.people(1).length);
    const row = (no: number) => Object.fromEntries(fields!.map((f, i) => [f, rows.find((r) => r[0] === String(no))![i]]));
    expect(row(1)).toMatchObject({ 'Họ và tên': 'Nguyễn Văn An', 'Có mặt lúc': '10/07/2024 08:45', 'Có mặt tại bàn': 'Bàn 1', 'Đúng giờ / muộn': 'Đúng giờ', 'Số lần quét trùng': '1' });
    expect(row(2)).toMatchObject({ 'Có mặt lúc': '10/07/2024 10:20', 'Đúng giờ / muộn': 'Muộn' });
    expect(row(3)).toMatchObject({ 'Có mặt lúc': '', 'Số lần quét trùng': '0' });
  });

  it('units.csv and scans.csv, in English on request', async () => {
    const units = await get('/api/events/1/reports/units.csv?lang=en');
    expect(units.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-su-kien-1-don-vi-en.csv"');
    const [fields, ...rows] = await csvRows(units);
    expect(fields!.slice(0, 6)).toEqual(['Unit', 'Group', 'Time slot', 'Quota', 'Registered', 'Arrived']);
    const youth = rows.find((r) => r[0] === 'Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố')!;
    expect(youth.slice(3, 11)).toEqual(['110', '119', '2', '0', '1', '1', '1', '0']);
    expect(rows.at(-1)!.slice(0, 1)).toEqual(['Total']);

    const scans = await get('/api/events/1/reports/scans.csv');
    expect(scans.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-su-kien-1-nhat-ky-quet.csv"');
    const [, ...log] = await csvRows(scans);
    expect(log.map((r) => r[5])).toEqual(['Hợp lệ', 'Hợp lệ, sau đó bị huỷ', 'Huỷ lượt điểm danh', 'Trùng (đã điểm danh ở máy khác)', 'Hợp lệ']);
    expect(log.map((r) => r[2])).toEqual(['Bàn 1', 'Bàn 1', 'Bàn 1', 'Bàn 2', 'Bàn 1']);
  });

  it('the printed report has the official heading, the summary, a chart and signature lines', async () => {
    fx.clock.now = Date.UTC(2024, 6, 10, 9, 0);
    const response = await get('/api/events/1/reports/print');
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bắc Kạn, ngày 10 tháng 7 năm 2024',
      'BÁO CÁO KẾT QUẢ', 'Có mặt: 2 người', 'Lượt quét trùng', '<svg', 'NGƯỜI LẬP BÁO CÁO', 'TRƯỞNG BAN TỔ CHỨC', '@page { size: A4']) {
      expect(html).toContain(text);
    }
    const unit = await (await get('/api/events/1/reports/print/1')).text();
    expect(unit).toContain('Kết quả tham gia của Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố');
    expect(unit).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(unit).toContain('Nguyễn Văn An</td><td>Người hiến máu</td><td>08:45</td><td>Đúng giờ');
    expect((await get('/api/events/1/reports/print/99')).status).toBe(404);
  });

  it('the printed report has a subtotal per group and a line per category, as units.csv has', async () => {
    const html = await (await get('/api/events/1/reports/print')).text();
    // The 8 wards and communes as one block with one subtotal line: 8 × 20.
    expect(html).toContain('<tr class="subtotal"><td class="n"></td><td>Cộng Ban Chỉ đạo vận động HMTN 08 xã, phường (8 đơn vị)</td><td class="n">160</td>');
    // The departments (the military unit stands with them, after the four others): 110 + 60 + 100 + 80 + 10.
    expect(html).toContain('<td>Cộng Các phòng, ban, ngành, đoàn thể thành phố (5 đơn vị)</td><td class="n">360</td>');
    expect(html.match(/class="subtotal"/g)).toHaveLength(2);
    expect(html).toContain('<tr class="total"><td class="n"></td><td>Tổng cộng</td><td class="n">520</td>');

    const langSon = await (await get('/api/events/2/reports/print')).text();
    expect(langSon).toContain('<tr class="category"><td></td><td>– Giáo viên</td><td class="n">50</td>');
    expect(langSon).toContain('<tr class="category"><td></td><td>– Học sinh</td><td class="n">200</td>');
    expect(langSon).toContain('<td>Cộng Các phường (5 đơn vị)</td><td class="n">500</td>');
    expect(langSon).toContain('<td>Cộng Các xã (3 đơn vị)</td><td class="n">150</td>');
    // Under the event's total, every category of the event against its own quota.
    const total = langSon.slice(langSon.indexOf('<tr class="total">'));
    expect(total).toContain('– Đại biểu');
    expect(total).toContain('<td>– Giáo viên</td><td class="n">50</td>');
    // A unit's own report has no subtotals of other units.
    expect(await (await get('/api/events/1/reports/print/5')).text()).not.toContain('class="subtotal"');
  });

  it('is for coordinators only: 401 without credentials, 403 for a desk, 404 for an unknown event', async () => {
    for (const path of ['participants.csv', 'units.csv', 'scans.csv', 'print']) {
      expect((await get(`/api/events/1/reports/${path}`, null)).status).toBe(401);
      const desk = await get(`/api/events/1/reports/${path}`, deskA.auth);
      expect(desk.status).toBe(403);
      expect(ApiError.parse(await desk.json()).error.code).toBe('coordinatorOnly');
      expect((await get(`/api/events/77/reports/${path}`)).status).toBe(404);
    }
  });
});
