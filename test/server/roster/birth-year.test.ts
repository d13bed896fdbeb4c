// A roster's birth year (issue 12): the headers committees use, a year or a date of birth in any
// of the ways they write it (an Excel date cell too), a clear problem for anything else, and only
// the year kept, which reaches the desks in their package, roster pages and roster changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBirthYear } from '../../../src/server/roster/birth-year.ts';
import { guessMapping } from '../../../src/server/roster/mapping.ts';
import { ImportReport } from '../../../src/shared/roster-import.ts';
import { EventPackage } from '../../../src/shared/schemas.ts';
import { RosterChanges, RosterPage } from '../../../src/shared/sync.ts';
import { makeXlsx } from '../../support/xlsx.ts';
import { authHeaders } from '../../support/sync-session.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

describe('readBirthYear', () => {
  it('reads a year, a day/month/year date however it is separated, and an ISO date from an Excel cell', () => {
    for (const cell of ['1995', ' 1995 ', '15/08/1995', '5/8/1995', '15-08-1995', '15.08.1995', '1995-08-15', '29/02/1996']) {
      expect(readBirthYear(cell, 2024), cell).toEqual({ kind: 'year', year: cell.includes('1996') ? 1996 : 1995 });
    }
  });

  it('names what is wrong: not a day, not readable, out of range', () => {
    expect(readBirthYear('31/02/1995', 2024)).toEqual({ kind: 'not-a-day' });
    expect(readBirthYear('29/02/1995', 2024)).toEqual({ kind: 'not-a-day' });
    expect(readBirthYear('1995-13-01', 2024)).toEqual({ kind: 'not-a-day' });
    for (const cell of ['95', '15/08/95', 'tháng 8/1995', '1995.5', 'không rõ', '08/1995', '15/08/1995 nam']) {
      expect(readBirthYear(cell, 2024), cell).toEqual({ kind: 'unreadable' });
    }
    expect(readBirthYear('1899', 2024)).toEqual({ kind: 'out-of-range', year: 1899 });
    expect(readBirthYear('01/01/2025', 2024)).toEqual({ kind: 'out-of-range', year: 2025 });
    expect(readBirthYear('31/12/2024', 2024)).toEqual({ kind: 'year', year: 2024 });
  });

  it('is the column committees head "Năm sinh", "Ngày sinh", "NS", "Date of birth"…', () => {
    for (const header of ['Năm sinh', 'Ngày sinh', 'Ngày tháng năm sinh', 'Ngày/tháng/năm sinh', 'NS', 'N.S', 'Birth year', 'Date of birth', 'NĂM SINH:']) {
      expect(guessMapping(['STT', 'Họ và tên', header, 'Đơn vị']), header).toEqual({ name: 'Họ và tên', unit: 'Đơn vị', birthYear: header });
    }
  });
});

let fx: SyncFixture;
beforeEach(async () => { fx = await openSyncFixture(); });
afterEach(() => fx.close());

async function upload(body: Uint8Array | string, commit: boolean): Promise<ImportReport> {
  const response = await fx.app.request(`/api/events/2/roster-import${commit ? '?commit=1' : ''}`, {
    method: 'POST', body: (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BodyInit,
    headers: { ...authHeaders(fx.coordinator), 'content-type': 'application/octet-stream' },
  });
  expect(response.status).toBe(200);
  return ImportReport.parse(await response.json());
}
const newest = (count: number) => fx.temp.store.getPackage(2)!.participants.slice(-count);

describe('roster import: birth year', () => {
  it('keeps only the year of a date of birth, and the desk package, roster pages and changes carry it', async () => {
    const seq = fx.temp.store.getPackage(2)!.rosterSeq!;
    const csv = 'Họ và tên;Đơn vị;Ngày sinh;CCCD\n'
      + 'Nguyễn Văn An;Xã Mai Pha;15/08/1995;001095012345\nNguyễn Văn An;Xã Mai Pha;1988;\nLò Văn Páo;Xã Mai Pha;;\n';
    const preview = await upload(csv, false);
    expect(preview.mapping).toMatchObject({ birthYear: 'Ngày sinh' });
    expect(preview.problems).toEqual([]);
    // The preview shows what will be stored: the year, not the date.
    expect(preview.preview.map((cells) => cells[2])).toEqual(['1995', '1988', '']);
    await upload(csv, true);
    const [first, second, third] = newest(3);
    expect([first, second, third].map((p) => [p!.name, p!.birthYear])).toEqual([['Nguyễn Văn An', 1995], ['Nguyễn Văn An', 1988], ['Lò Văn Páo', undefined]]);
    expect(third).not.toHaveProperty('birthYear');

    const desk = await fx.pair({ deskId: 'ban-1', eventId: 2 });
    const read = async (path: string) => {
      const response = await fx.app.request(path, { headers: authHeaders(desk.auth) });
      expect(response.status).toBe(200);
      return response.text();
    };
    const pkgText = await read('/api/events/2/package');
    expect(EventPackage.parse(JSON.parse(pkgText)).participants.slice(-3)).toEqual([first, second, third]);
    const page = RosterPage.parse(JSON.parse(await read(`/api/events/2/roster?after=${first!.no - 1}`)));
    expect(page.participants.slice(0, 3)).toEqual([first, second, third]);
    const changes = RosterChanges.parse(JSON.parse(await read(`/api/events/2/roster/changes?after=${seq}`)));
    expect(changes.changes.map((c) => c.participant)).toEqual([first, second, third]);
    // Never the full date, never the ID number.
    for (const text of [pkgText, JSON.stringify(page), JSON.stringify(changes)]) {
      for (const secret of ['15/08/1995', '1995-08-15', '001095012345']) expect(text).not.toContain(secret);
    }
  });

  it('reads an Excel date cell, a number and a text date alike', async () => {
    const xlsx = makeXlsx([
      ['Họ và tên', 'Đơn vị', 'Năm sinh'],
      ['Hoàng Thị Thu', 'Xã Mai Pha', { date: '1990-01-01' }],
      ['Vi Văn Tâm', 'Xã Mai Pha', 1987],
      ['Lương Thị Hằng', 'Xã Mai Pha', '3/4/1992'],
      ['Nông Văn Dũng', 'Xã Mai Pha', { date: '2001-12-31' }],
    ]);
    const dry = await upload(xlsx, false);
    expect(dry.problems).toEqual([]);
    expect(dry.preview.map((cells) => cells[2])).toEqual(['1990', '1987', '1992', '2001']);
    const done = await upload(xlsx, true);
    expect(done.imported?.count).toBe(4);
    expect(newest(4).map((p) => p.birthYear)).toEqual([1990, 1987, 1992, 2001]);
  });

  it('lists every unreadable or impossible birth year with its row, in both languages, and stores nothing', async () => {
    const before = fx.temp.store.getPackage(2)!;
    // The fixture's clock is in 2024: a birth year after it is impossible.
    const csv = ['Họ và tên,Đơn vị,Năm sinh',
      'Người Tốt,Xã Mai Pha,1990', 'Người Hai,Xã Mai Pha,95', 'Người Ba,Xã Mai Pha,31/02/1990', 'Người Bốn,Xã Mai Pha,1899',
      'Người Năm,Xã Mai Pha,2025', ',Xã Mai Pha,không rõ'].join('\n');
    const answer = await upload(csv, true);
    expect(answer.imported).toBeUndefined();
    expect(answer.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, 'birthYear', 'badBirthYear'], [4, 'birthYear', 'birthDateNotADay'], [5, 'birthYear', 'birthYearOutOfRange'],
      [6, 'birthYear', 'birthYearOutOfRange'], [7, 'name', 'required'], [7, 'birthYear', 'badBirthYear'],
    ]);
    expect(answer.problems[0]).toMatchObject({
      vi: 'Năm sinh “95” không đọc được (cần năm có 4 chữ số như 1995, hoặc ngày sinh như 15/08/1995).',
      en: 'Birth year “95” cannot be read (a 4-digit year such as 1995, or a date of birth such as 15/08/1995).',
    });
    expect(answer.problems[1]!.vi).toBe('Ngày sinh “31/02/1990” không có thật trên lịch (ngày/tháng/năm).');
    expect(answer.problems[3]).toMatchObject({ vi: 'Năm sinh 2025 không hợp lệ (cần từ 1900 đến 2024).', en: 'Birth year 2025 is out of range (1900 to 2024).' });
    // The rows with problems show their cells as the file holds them.
    expect(answer.preview.map((cells) => cells[2])).toEqual(['1990', '95', '31/02/1990', '1899', '2025', 'không rõ']);
    const after = fx.temp.store.getPackage(2)!;
    expect(after.version).toBe(before.version);
    expect(after.participants).toEqual(before.participants);
  });
});
