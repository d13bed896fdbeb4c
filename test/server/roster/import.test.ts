// Roster import through the real route and a real SQLite file: good CSV and XLSX files land
// under new code numbers; every kind of bad file is refused with its reason and stores nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportReport } from '../../../src/shared/roster-import.ts';
import { ApiError } from '../../../src/shared/sync.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';
import { makeXlsx } from '../../support/xlsx.ts';
import { authHeaders } from '../../support/sync-session.ts';

let fixture: SyncFixture;
beforeEach(async () => { fixture = await openSyncFixture(); });
afterEach(() => fixture.close());

const utf8 = (text: string) => new TextEncoder().encode(text);
const BOM = '\uFEFF';

async function upload(body: Uint8Array | string, query: Record<string, string> = {}, eventId = 2) {
  const search = new URLSearchParams(query).toString();
  return fixture.app.request(`/api/events/${eventId}/roster-import${search ? `?${search}` : ''}`, {
    method: 'POST', body: (typeof body === 'string' ? utf8(body) : body) as BodyInit, headers: { ...authHeaders(fixture.coordinator), 'content-type': 'application/octet-stream' },
  });
}
async function report(body: Uint8Array | string, query: Record<string, string> = {}, eventId = 2): Promise<ImportReport> {
  const response = await upload(body, query, eventId);
  expect(response.status).toBe(200);
  return ImportReport.parse(await response.json());
}
async function refused(body: Uint8Array | string, status = 400): Promise<ApiError['error']> {
  const response = await upload(body, { commit: '1' });
  expect(response.status).toBe(status);
  return ApiError.parse(await response.json()).error;
}
const roster = (eventId = 2) => fixture.temp.store.getPackage(eventId)!;

const GOOD_CSV = `${BOM}STT;Họ và tên;Đơn vị;Đối tượng;Điện thoại;CCCD
1;Nguyễn Thị Hoa;Phòng Giáo dục và Đào tạo thành phố;Giáo viên;0912 345 601;001203004567
2;Trần Văn Bình;phòng giáo dục và đào tạo thành phố;học sinh;+84912345602;
3;Lê Minh Châu;Phường Chi Lăng;;0912345603;001203004568
`;

describe('roster import: good files', () => {
  it('previews without storing, then imports all rows under new code numbers and bumps the version', async () => {
    const before = roster();
    const preview = await report(GOOD_CSV);
    expect(preview.problems).toEqual([]);
    expect(preview.mapping).toEqual({ name: 'Họ và tên', unit: 'Đơn vị', category: 'Đối tượng', phone: 'Điện thoại', idNumber: 'CCCD' });
    expect(preview.rowCount).toBe(3);
    // The preview shows what will be stored: the phone as its digits.
    expect(preview.preview[0]).toEqual(['1', 'Nguyễn Thị Hoa', 'Phòng Giáo dục và Đào tạo thành phố', 'Giáo viên', '0912345601', '001203004567']);
    expect(preview.previewRowNos).toEqual([2, 3, 4]);
    expect(preview.imported).toBeUndefined();
    expect(roster().participants).toHaveLength(before.participants.length);

    const done = await report(GOOD_CSV, { commit: '1' });
    const lastNo = Math.max(...before.participants.map((p) => p.no));
    expect(done.imported).toEqual({ count: 3, firstNo: lastNo + 1, lastNo: lastNo + 3, version: before.version + 1 });
    const after = roster();
    expect(after.version).toBe(before.version + 1);
    expect(after.participants.slice(-3)).toEqual([
      { no: lastNo + 1, name: 'Nguyễn Thị Hoa', phone: '0912345601', unitId: 9, category: 'Giáo viên' },
      { no: lastNo + 2, name: 'Trần Văn Bình', phone: '0912345602', unitId: 9, category: 'Học sinh' },
      { no: lastNo + 3, name: 'Lê Minh Châu', phone: '0912345603', unitId: 1, category: 'Đại biểu' },
    ]);
    // The ID number stays on the server: desks never receive it.
    expect(JSON.stringify(after)).not.toContain('001203004567');
    expect(fixture.temp.store.rosterIdentities(2).find((p) => p.no === lastNo + 1)?.idNumber).toBe('001203004567');
  });

  it('reads comma-separated UTF-8 without a BOM, and a one-unit file without a unit column', async () => {
    const csv = 'Họ tên,SĐT\nPhạm Thu Trang,0987654321\n"Đỗ Văn, Hùng",0987654322\n';
    const done = await report(csv, { commit: '1', unit: '12' });
    expect(done.problems).toEqual([]);
    expect(done.imported?.count).toBe(2);
    expect(roster().participants.slice(-2).map((p) => [p.name, p.unitId, p.category])).toEqual([
      ['Phạm Thu Trang', 12, 'Đại biểu'], ['Đỗ Văn, Hùng', 12, 'Đại biểu'],
    ]);
  });

  it('reads an XLSX whose phone column Excel turned into numbers', async () => {
    const xlsx = makeXlsx([
      ['Họ và tên', 'Đơn vị', 'Điện thoại', 'CCCD'],
      ['Hoàng Văn Nam', 'Thành đoàn Lạng Sơn', 912345611, 1203004569],
      ['Vi Thị Lan', 'Xã Mai Pha', '0912345612', null],
    ]);
    // The preview shows the phone and ID as they will be stored, leading zeros back.
    const dry = await report(xlsx);
    expect(dry.preview.map((cells) => [cells[2], cells[3]])).toEqual([['0912345611', '001203004569'], ['0912345612', '']]);
    const done = await report(xlsx, { commit: '1' });
    expect(done.format).toBe('xlsx');
    expect(done.problems).toEqual([]);
    expect(roster().participants.slice(-2)).toMatchObject([
      { name: 'Hoàng Văn Nam', phone: '0912345611', unitId: 10 }, { name: 'Vi Thị Lan', phone: '0912345612', unitId: 7 },
    ]);
    // The CCCD lost its leading zeros as an Excel number; they come back.
    expect(fixture.temp.store.rosterIdentities(2).at(-2)?.idNumber).toBe('001203004569');
  });

  it('previews the rows with problems after the first ones, with their row numbers', async () => {
    const lines = ['Họ và tên,Đơn vị,Điện thoại'];
    for (let i = 1; i <= 30; i++) lines.push(`Người ${i},${i === 20 ? 'Phường Không Có' : 'Xã Mai Pha'},09123457${String(i).padStart(2, '0')}`);
    const withProblem = await report(`${lines.join('\n')}\n`);
    expect(withProblem.problems.map((p) => p.row)).toEqual([21]);
    expect(withProblem.previewRowNos).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 21]);
    expect(withProblem.preview.at(-1)).toEqual(['Người 20', 'Phường Không Có', '0912345720']);
  });

  it('takes the coordinator\'s mapping over the guess', async () => {
    const csv = 'Người,Nơi công tác,Liên lạc\nBùi Văn Tú,Công an thành phố,0912345621\n';
    const guessed = await report(csv);
    expect(guessed.problems.map((p) => p.code)).toEqual(['missingColumn', 'missingColumn']);
    const mapping = JSON.stringify({ name: 'Người', unit: 'Nơi công tác', phone: 'Liên lạc' });
    const done = await report(csv, { commit: '1', mapping });
    expect(done.imported?.count).toBe(1);
    expect(roster().participants.at(-1)).toMatchObject({ name: 'Bùi Văn Tú', unitId: 12, phone: '0912345621' });
  });
});

describe('roster import: bad files store nothing', () => {
  const unchanged = (before: ReturnType<typeof roster>) => {
    const after = roster();
    expect(after.version).toBe(before.version);
    expect(after.participants).toEqual(before.participants);
  };

  it('refuses Windows-1258 bytes instead of guessing, naming the line', async () => {
    const before = roster();
    const latin = new Uint8Array([...utf8('Họ và tên,Đơn vị\n'), 0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e, 0x2c, 0x58, 0x0a]);
    const error = await refused(latin);
    expect(error.code).toBe('badEncoding');
    expect(error.vi).toContain('dòng 2');
    expect(error.en).toMatch(/not UTF-8/);
    unchanged(before);
  });

  it.each([
    ['a PDF', utf8('%PDF-1.4\n\0\0binary'), 'notSpreadsheet'],
    ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'oldExcel'],
    ['UTF-16 text', new Uint8Array([0xff, 0xfe, 0x48, 0x00]), 'utf16'],
    ['a ZIP that is not a workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'notSpreadsheet'],
    ['an empty file', new Uint8Array(), 'emptyFile'],
    ['headers only', utf8('Họ và tên,Đơn vị\n\n'), 'emptyFile'],
  ])('refuses %s', async (_label, bytes, code) => {
    const before = roster();
    expect((await refused(bytes)).code).toBe(code);
    unchanged(before);
  });

  it('refuses a file over 10 MB with 413 and its own message', async () => {
    const before = roster();
    const big = utf8(`Họ và tên,Đơn vị\n${'Nguyễn Văn A,Xã Mai Pha\n'.repeat(460_000)}`);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const error = await refused(big, 413);
    expect(error.vi).toContain('10 MB');
    unchanged(before);
  });

  it('lists every row problem with its row number, in both languages, and imports none of the good rows', async () => {
    const before = roster();
    const csv = [
      'Họ và tên;Đơn vị;Đối tượng;Điện thoại;CCCD',
      'Nguyễn Văn Tốt;Xã Mai Pha;;0912000001;',
      ';Xã Mai Pha;;0912000002;',
      'Trần Thị Sai Đơn Vị;Phường Không Có;;0912000003;',
      'Lê Văn Số;Xã Mai Pha;;12345;',
      'Phạm Văn Công Thức;=HYPERLINK("http://x");;0912000005;',
      'Đỗ Thị Loại;Phòng Giáo dục và Đào tạo thành phố;Phụ huynh;0912000006;',
      'Vũ Văn Thiếu Loại;Phòng Giáo dục và Đào tạo thành phố;;0912000007;',
      'Ngô Văn Căn;Xã Mai Pha;;0912000008;12345',
      ';;;;', // a blank row is skipped, not a problem
    ].join('\n');
    const answer = await report(csv, { commit: '1' });
    expect(answer.imported).toBeUndefined();
    expect(answer.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'required'], [4, 'unknownUnit'], [5, 'badPhone'], [6, 'formula'], [6, 'unknownUnit'], [7, 'unknownCategory'],
      [8, 'categoryNeeded'], [9, 'badIdNumber'],
    ]);
    expect(answer.problemCount).toBe(8);
    for (const p of answer.problems) expect(p.vi.length > 5 && p.en.length > 5).toBe(true);
    expect(answer.problems[1]!.vi).toContain('Phường Không Có');
    unchanged(before);
  });

  it('refuses formulas in an XLSX, by cell address', async () => {
    const before = roster();
    const xlsx = makeXlsx([
      ['Họ và tên', 'Đơn vị'],
      ['Hoàng Văn Nam', 'Xã Mai Pha'],
      [{ f: 'A2&"x"', cached: 'Hoàng Văn Namx' }, 'Xã Mai Pha'],
    ]);
    const answer = await report(xlsx, { commit: '1' });
    expect(answer.problems).toMatchObject([{ row: 3, code: 'formula' }]);
    expect(answer.problems[0]!.vi).toContain('A3');
    unchanged(before);
  });

  it('reports duplicates within the file and against the roster, by phone and by ID number', async () => {
    const existing = roster().participants[0]!;
    await report('Họ và tên,Đơn vị,CCCD,SĐT\nMai Văn Cũ,Xã Mai Pha,001203009999,0912000100\n', { commit: '1' });
    const before = roster();
    const csv = [
      'Họ và tên,Đơn vị,SĐT,CCCD',
      `Người Trùng Máy,Xã Mai Pha,${existing.phone},`,
      'Người Một,Xã Mai Pha,0912000201,001203001111',
      'Người Hai,Xã Mai Pha,0912 000 201,',
      'Người Ba,Xã Mai Pha,0912000203,001203001111',
      'Người Bốn,Xã Mai Pha,0912000204,001203009999',
    ].join('\n');
    const answer = await report(csv, { commit: '1' });
    expect(answer.problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'duplicatePhoneInRoster'], [4, 'duplicatePhoneInFile'], [5, 'duplicateIdInFile'], [6, 'duplicateIdInRoster'],
    ]);
    expect(answer.problems[0]!.vi).toContain(`mã số ${existing.no}`);
    expect(answer.problems[1]!.en).toBe('Same phone as row 3.');
    unchanged(before);
  });

  it('refuses an import when the roster changed between the check and the write', async () => {
    const store = fixture.temp.store;
    const version = store.packageVersion(2)!;
    store.revokeCode(2, 1);
    const outcome = store.importParticipants(2, [{ name: 'X', phone: '', unitId: 1, category: 'Đại biểu' }], version);
    expect(outcome).toEqual({ kind: 'version-changed', version: version + 1 });
    expect(roster().participants.some((p) => p.name === 'X')).toBe(false);
  });

  it('answers a malformed mapping or unit with a 400/404 and stores nothing', async () => {
    const before = roster();
    expect((await upload(GOOD_CSV, { commit: '1', mapping: '{not json' })).status).toBe(400);
    expect((await upload(GOOD_CSV, { commit: '1', mapping: JSON.stringify({ name: 5 }) })).status).toBe(400);
    expect((await upload(GOOD_CSV, { commit: '1', mapping: JSON.stringify({ name: 'Cột không có' }) })).status).toBe(200);
    expect((await upload(GOOD_CSV, { commit: '1', unit: 'abc' })).status).toBe(400);
    expect((await upload(GOOD_CSV, { commit: '1', unit: '999' })).status).toBe(404);
    expect((await upload(GOOD_CSV, { commit: '1' }, 999)).status).toBe(404);
    unchanged(before);
  });

  it('is for coordinators only', async () => {
    const desk = await fixture.pair({ deskId: 'ban-1', eventId: 2 });
    const response = await fixture.app.request('/api/events/2/roster-import?commit=1', {
      method: 'POST', body: utf8(GOOD_CSV), headers: { authorization: `Bearer ${desk.token}` },
    });
    expect(response.status).toBe(403);
    const anonymous = await fixture.app.request('/api/events/2/roster-import', { method: 'POST', body: utf8(GOOD_CSV) });
    expect(anonymous.status).toBe(401);
  });
});
