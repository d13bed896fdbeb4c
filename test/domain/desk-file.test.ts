// The desk file carried without a network: read back exactly, refused with a reason when cut
// short, changed, of another event, or not ours at all.
import { describe, expect, it } from 'vitest';
import { canonicalJson, deskFileName, readDeskFile, writeDeskFile } from '../../src/domain/desk-file.ts';
import { admitFact, BAC_KAN, bacKanAt, person, voidFact, walkInFact } from './fixtures.ts';

const admitted = admitFact(person(1001), { at: bacKanAt(8, 45) });
const FACTS = [admitted, voidFact(admitted), walkInFact('Lê Thị Hoa', 4, 'nhân dân'), admitFact(person(2001), { clockOffsetMs: -42_000 })];
const write = () => writeDeskFile({ eventId: BAC_KAN.id, deviceId: 'tab-1', deskId: 'ban-1', exportedAt: bacKanAt(11, 0), facts: FACTS });

describe('desk file', () => {
  it('reads back the same facts, with who wrote it and when', () => {
    const reading = readDeskFile(write(), { eventId: BAC_KAN.id });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.file.facts).toEqual(FACTS);
    expect(reading.file).toMatchObject({ deviceId: 'tab-1', deskId: 'ban-1', factCount: 4, exportedAt: bacKanAt(11, 0) });
  });

  it('checksums the canonical body: key order and whitespace do not matter', () => {
    const raw = JSON.parse(write()) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(raw).reverse());
    expect(readDeskFile(JSON.stringify(reordered, null, 2), { eventId: BAC_KAN.id }).ok).toBe(true);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });

  it('refuses a truncated file, whatever the cut', () => {
    const text = write();
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 60]) {
      expect(readDeskFile(text.slice(0, cut), { eventId: BAC_KAN.id })).toMatchObject({ ok: false, problem: 'truncated', vi: expect.stringContaining('cắt cụt') });
    }
  });

  it('refuses a file whose facts were changed, dropped or added after export', () => {
    const raw = JSON.parse(write()) as { facts: Array<Record<string, unknown>> };
    const edits: Array<(f: typeof raw) => void> = [
      (f) => { f.facts[0]!.deviceTime = (f.facts[0]!.deviceTime as number) - 3_600_000; },
      (f) => { f.facts.splice(1, 1); },
      (f) => { f.facts.push({ ...f.facts[0]!, id: '01900000-0000-7000-8000-000000000000' }); },
      (f) => { f.facts[2]!.walkIn = { name: 'Người khác', unitId: 4, category: 'nhân dân' }; },
    ];
    for (const edit of edits) {
      const copy = structuredClone(raw);
      edit(copy);
      expect(readDeskFile(JSON.stringify(copy), { eventId: BAC_KAN.id })).toMatchObject({ ok: false, problem: 'altered', en: expect.stringContaining('checksum') });
    }
  });

  it('refuses another event, another format and a newer version, each with its reason in both languages', () => {
    expect(readDeskFile(write(), { eventId: 2 })).toMatchObject({ ok: false, problem: 'wrong-event', vi: 'Tệp này thuộc sự kiện khác.' });
    expect(readDeskFile('Họ và tên,Đơn vị\r\n', { eventId: BAC_KAN.id })).toMatchObject({ ok: false, problem: 'not-a-desk-file' });
    expect(readDeskFile('{"facts":[]}', { eventId: BAC_KAN.id })).toMatchObject({ ok: false, problem: 'not-a-desk-file' });
    const newer = { ...JSON.parse(write()), version: 2 };
    expect(readDeskFile(JSON.stringify(newer), { eventId: BAC_KAN.id })).toMatchObject({ ok: false, problem: 'newer-version' });
  });

  it('names the file by event, desk and time in ASCII', () => {
    expect(deskFileName({ eventId: 1, deskId: 'ban-1', stamp: '20240710-1100', ext: 'json' })).toBe('diem-danh-su-kien-1-may-ban-1-20240710-1100.json');
  });
});
