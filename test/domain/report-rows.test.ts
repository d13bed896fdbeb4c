// The committee's CSV reports: what a person opening them in Excel would check — one row per
// person with the right times and desks, units against quotas, every scan in the log, Vietnamese
// that survives, formulas that cannot run.
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { randomUUID } from 'node:crypto';
import { EventInfo, Participant, type Fact } from '../../src/shared/schemas.ts';
import type { Rejection } from '../../src/shared/desk-file.ts';
import { participantRows, unitRows } from '../../src/domain/report-rows.ts';
import { scanLogRows } from '../../src/domain/scan-log-rows.ts';
import { formatDateTime, toCsv } from '../../src/domain/report-format.ts';
import { arrivalBuckets, type ReportInput } from '../../src/domain/report-summary.ts';
import { admitFact, BAC_KAN, bacKanAt, PEOPLE, person, UNITS, voidFact, walkInFact } from './fixtures.ts';

const EVENT = EventInfo.parse({
  ...BAC_KAN, name: 'Hành trình đỏ 2024', venue: 'Tổ 3, phường Sông Cầu, TP. Bắc Kạn',
  checkpoints: ['arrived', 'donated'], targets: { donated: 441 },
});
const DESKS = [{ id: 'ban-1', name: 'Bàn 1' }, { id: 'ban-2', name: 'Bàn 2' }];

function input(facts: Fact[], participants: readonly Participant[] = PEOPLE): ReportInput {
  return { event: EVENT, units: UNITS, desks: DESKS, participants, facts };
}

/** Parses CSV text as Excel would read it back: BOM stripped, header row, every cell text. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const rowOf = (table: { fields: string[]; rows: string[][] }, name: string) => {
  const row = table.rows.find((r) => r[1] === name);
  if (!row) throw new Error(`no row for ${name}`);
  return Object.fromEntries(table.fields.map((f, i) => [f, row[i]]));
};

// An at 08:45 at desk 1, again offline at desk 2 (a duplicate), donated at 09:20; Đào late at
// 10:05; Tuấn admitted then undone; a walk-in at 09:00; a signed code off the roster at 09:10.
const an1 = admitFact(person(1001), { at: bacKanAt(8, 45), deskId: 'ban-1', deviceId: 'tab-1' });
const an2 = admitFact(person(1001), { at: bacKanAt(8, 50), deskId: 'ban-2', deviceId: 'tab-2' });
const anDonated = admitFact(person(1001), { at: bacKanAt(9, 20), checkpoint: 'donated', deskId: 'ban-2', deviceId: 'tab-2' });
const dao = admitFact(person(2001), { at: bacKanAt(10, 5) });
const tuan = admitFact(person(3001), { at: bacKanAt(9, 0) });
const tuanUndo = voidFact(tuan);
const hoa = walkInFact('Lê Thị Hoa', 4, 'nhân dân', { at: bacKanAt(9, 0) });
const stray: Fact = { ...admitFact(person(1002), { at: bacKanAt(9, 10) }), personKey: '777', unitId: 0, category: '', unknown: true };
const FACTS = [an1, an2, anDonated, dao, tuan, tuanUndo, hoa, stray];

describe('participants CSV', () => {
  it('has one row per person with corrected times, desks, punctuality, walk-ins and duplicates', () => {
    const table = participantRows(input(FACTS), 'vi');
    expect(table.rows).toHaveLength(PEOPLE.length + 2);
    expect(rowOf(table, 'Nguyễn Văn An')).toMatchObject({
      'Mã số': '1001', 'Đơn vị': 'Đoàn Thanh niên thành phố', 'Loại': 'đoàn viên', 'Điện thoại': '0912 345 678',
      'Đã đăng ký': 'Có', 'Hình thức đăng ký': 'Danh sách',
      'Có mặt lúc': '10/07/2024 08:45', 'Có mặt tại bàn': 'Bàn 1',
      'Đã hiến máu lúc': '10/07/2024 09:20', 'Đã hiến máu tại bàn': 'Bàn 2',
      'Đúng giờ / muộn': 'Đúng giờ', 'Số lần quét trùng': '1',
    });
    expect(rowOf(table, 'Đặng Thị Đào')).toMatchObject({ 'Có mặt lúc': '10/07/2024 10:05', 'Đúng giờ / muộn': 'Muộn', 'Số lần quét trùng': '0' });
    // Undone: as if never admitted.
    expect(rowOf(table, 'Phạm Minh Tuấn')).toMatchObject({ 'Có mặt lúc': '', 'Có mặt tại bàn': '', 'Đúng giờ / muộn': '' });
    expect(rowOf(table, 'Lê Thị Hoa')).toMatchObject({
      'Mã số': '', 'Đơn vị': 'Phường Sông Cầu', 'Hình thức đăng ký': 'Tại chỗ', 'Đăng ký tại chỗ': 'Có', 'Có mặt lúc': '10/07/2024 09:00',
    });
    const strayRow = table.rows.find((r) => r[0] === '777')!;
    expect(strayRow.slice(2, 8)).toEqual(['Chưa rõ đơn vị', '', '', '', 'Không', 'Ngoài danh sách (mã hợp lệ)']);
  });

  it('applies the clock offset measured at sync (a tablet five minutes slow)', () => {
    const slow = admitFact(person(1003), { at: bacKanAt(9, 55), clockOffsetMs: 6 * 60_000 });
    expect(rowOf(participantRows(input([slow]), 'vi'), 'Lê Hoàng Dũng')).toMatchObject({ 'Có mặt lúc': '10/07/2024 10:01', 'Đúng giờ / muộn': 'Muộn' });
  });

  it('parses back to the same rows, with the BOM, CRLF line ends and Vietnamese intact', () => {
    const table = participantRows(input(FACTS), 'vi');
    const csv = toCsv(table);
    expect(csv).toContain('\r\n');
    expect(parseCsv(csv)).toEqual([table.fields, ...table.rows]);
    expect(csv).toContain('"Trần Thị Bích Ngọc"');
  });

  it('writes English headers and words on request', () => {
    const table = participantRows(input(FACTS), 'en');
    expect(table.fields.slice(0, 8)).toEqual(['Code no.', 'Full name', 'Unit', 'Group', 'Category', 'Phone', 'Registered', 'Registered how']);
    expect(rowOf(table, 'Nguyễn Văn An')).toMatchObject({ 'Arrived at': '10/07/2024 08:45', 'Arrived desk': 'Bàn 1', 'On time / late': 'On time', Registered: 'Yes' });
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const hostile = [
      { no: 1, name: '=HYPERLINK("http://x","bấm")', phone: '+84 912 345 678', unitId: 1, category: '@SUM(A1)' },
      { no: 2, name: '-2+3', phone: '\t0912', unitId: 1, category: '\rx' },
    ].map((p) => Participant.parse(p));
    const walkIn = walkInFact('=cmd|"/c calc"!A1', 2, '+cán bộ');
    const csv = toCsv(participantRows(input([walkIn], hostile), 'vi'));
    const rows = parseCsv(csv).slice(1);
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://x","bấm")`);
    expect(cells).toContain("'+84 912 345 678");
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'\t0912");
    expect(cells).toContain(`'=cmd|"/c calc"!A1`);
    expect(cells).toContain("'+cán bộ");
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe('units CSV', () => {
  it('counts each unit against its quota, per category when the event has several, with a total row', () => {
    const table = unitRows(input(FACTS), 'vi');
    const unit = (name: string) => Object.fromEntries(table.fields.map((f, i) => [f, table.rows.find((r) => r[0] === name)![i]]));
    expect(table.fields).toContain('Chỉ tiêu: giáo viên');
    expect(unit('Đoàn Thanh niên thành phố')).toMatchObject({
      'Khung giờ': '08:30–10:00', 'Chỉ tiêu': '110', 'Đã đăng ký': '3', 'Có mặt': '1', 'Đã hiến máu': '1',
      'Tỉ lệ đạt (%)': '0', 'Đúng giờ': '1', 'Muộn': '0', 'Chỉ tiêu: đoàn viên': '110', 'Có mặt: đoàn viên': '1',
    });
    expect(unit('Công an thành phố')).toMatchObject({ 'Có mặt': '1', 'Muộn': '1', 'Đúng giờ': '0' });
    expect(unit('Phòng Giáo dục và Đào tạo')).toMatchObject({ 'Chỉ tiêu': '250', 'Chỉ tiêu: giáo viên': '50', 'Chỉ tiêu: học sinh': '200', 'Có mặt': '0' });
    expect(unit('Phường Sông Cầu')).toMatchObject({ 'Đã đăng ký': '2', 'Có mặt': '1', 'Tỉ lệ đạt (%)': '5', 'Số đăng ký tại chỗ': '1' });
    expect(unit('Chưa rõ đơn vị')).toMatchObject({ 'Chỉ tiêu': '0', 'Có mặt': '1', 'Tỉ lệ đạt (%)': '' });
    expect(unit('Tổng cộng')).toMatchObject({ 'Chỉ tiêu': '440', 'Có mặt': '4', 'Đã hiến máu': '1', 'Đã đăng ký': '11' });
    expect(parseCsv(toCsv(table))).toEqual([table.fields, ...table.rows]);
  });
});

describe('scan log CSV', () => {
  it('lists every scan in time order: admitted, duplicate, undone, the undo, off-roster, and refused ones with reasons', () => {
    const refused: Rejection[] = [
      { id: randomUUID(), eventId: EVENT.id, reason: 'forged', deviceId: 'tab-1', deskId: 'ban-1', checkpoint: 'arrived', deviceTime: bacKanAt(8, 46), clockOffsetMs: 0, text: 'V1%FAKE' },
      { id: randomUUID(), eventId: EVENT.id, reason: 'wrong-event', deviceId: 'tab-1', deskId: 'ban-1', checkpoint: 'arrived', deviceTime: bacKanAt(8, 47), clockOffsetMs: 0, otherEventId: 3 },
      { id: randomUUID(), eventId: EVENT.id, reason: 'not-a-code', deviceId: 'tab-1', deskId: 'ban-1', checkpoint: 'arrived', deviceTime: bacKanAt(8, 48), clockOffsetMs: 0, text: '=1+1' },
      { id: randomUUID(), eventId: EVENT.id, reason: 'already', deviceId: 'tab-1', deskId: 'ban-1', checkpoint: 'arrived', deviceTime: bacKanAt(8, 49), clockOffsetMs: 0, codeNo: 1001 },
    ];
    const table = scanLogRows(input(FACTS), refused, 'vi');
    expect(table.rows).toHaveLength(FACTS.length + refused.length);
    const result = (id: string) => table.rows.find((r) => r[11] === id)!;
    expect(result(an1.id).slice(0, 10)).toEqual(['10/07/2024 08:45', '10/07/2024 08:45', 'Bàn 1', 'tab-1', 'Có mặt', 'Hợp lệ', '', '1001', 'Nguyễn Văn An', 'Đoàn Thanh niên thành phố']);
    expect(result(an2.id)[5]).toBe('Trùng (đã điểm danh ở máy khác)');
    expect(result(tuan.id)[5]).toBe('Hợp lệ, sau đó bị huỷ');
    expect(result(tuan.id)[6]).toContain(tuanUndo.id);
    expect(result(tuanUndo.id)[5]).toBe('Huỷ lượt điểm danh');
    expect(result(stray.id)[5]).toBe('Hợp lệ, ngoài danh sách');
    expect(result(hoa.id).slice(7, 11)).toEqual(['', 'Lê Thị Hoa', 'Phường Sông Cầu', 'Đăng ký tại chỗ']);
    expect(result(refused[0]!.id).slice(5, 7)).toEqual(['Từ chối: mã giả', 'Chữ ký sai: mã bị sửa hoặc làm giả']);
    expect(result(refused[1]!.id)[6]).toBe('Mã thuộc sự kiện số 3');
    expect(result(refused[2]!.id)[12]).toBe("'=1+1");
    expect(result(refused[3]!.id).slice(5, 9)).toEqual(['Từ chối: đã điểm danh', 'Quét lại người đã điểm danh tại máy này', '1001', 'Nguyễn Văn An']);
    const times = table.rows.map((r) => r[0]!);
    expect([...times].sort()).toEqual(times);
    expect(parseCsv(toCsv(table))).toEqual([table.fields, ...table.rows]);
  });
});

describe('report dates and chart buckets', () => {
  it('writes dd/mm/yyyy HH:mm on the event wall clock, whatever zone the machine is in', () => {
    expect(formatDateTime(Date.UTC(2024, 6, 9, 17, 5), 'Asia/Ho_Chi_Minh')).toBe('10/07/2024 00:05');
    expect(formatDateTime(Date.UTC(2024, 2, 30, 23, 59), 'Europe/Paris')).toBe('31/03/2024 00:59');
    expect(formatDateTime(Date.UTC(2024, 2, 31, 1, 0), 'Europe/Paris')).toBe('31/03/2024 03:00');
  });

  it('charts only the event day: a tablet clock a year off is counted apart, not stretched over', () => {
    const wrongYear = admitFact(person(3002), { at: bacKanAt(9, 0) - 365 * 86_400_000 });
    const { buckets, outside } = arrivalBuckets(input([...FACTS, wrongYear]));
    expect(outside).toBe(1);
    expect(buckets).toHaveLength(9);
  });

  it('buckets standing arrivals per ten minutes with empty buckets in between', () => {
    const { buckets, outside } = arrivalBuckets(input(FACTS));
    expect(outside).toBe(0);
    expect(buckets.map((b) => [b.label, b.count])).toEqual([
      ['08:40', 1], ['08:50', 0], ['09:00', 1], ['09:10', 1], ['09:20', 0], ['09:30', 0], ['09:40', 0], ['09:50', 0], ['10:00', 1],
    ]);
  });
});
