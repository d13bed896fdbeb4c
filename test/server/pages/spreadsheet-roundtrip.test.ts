// The committee opens the reports in a spreadsheet and saves them again: LibreOffice (Debian's
// libreoffice-calc-nogui, installed by .ci/run) converts our CSV to XLSX and back, and every cell,
// Vietnamese diacritics and neutralised formulas included, must come back as it was written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { v7 as uuidv7 } from 'uuid';
import { buildDemoEvent } from '../../../src/server/demo/seed.ts';
import { DEMO_PLANS } from '../../../src/server/demo/plans.ts';
import { participantRows, unitRows } from '../../../src/domain/report-rows.ts';
import { toCsv, type ReportTable } from '../../../src/domain/report-format.ts';
import type { ReportInput } from '../../../src/domain/report-summary.ts';
import type { Fact } from '../../../src/shared/schemas.ts';

const work = mkdtempSync(join(tmpdir(), 'dd-soffice-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs headless LibreOffice with its own profile (no clash with a user's or another test's). */
function soffice(args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', ...args], { stdio: 'pipe', timeout: 120_000 });
}

/** The Lạng Sơn run: two categories for the education office, long Vietnamese unit names. */
function lạngSơn(): ReportInput {
  const event = buildDemoEvent(DEMO_PLANS[1]!);
  const participants = [...event.participants, { no: 99_999, name: '=HYPERLINK("http://x","Bấm vào đây")', phone: '+84 912 345 678', unitId: 1, category: event.participants[0]!.category }];
  const facts: Fact[] = participants.slice(0, 400).map((p, i) => ({
    id: uuidv7(), eventId: event.event.id, kind: 'admit', personKey: String(p.no), unitId: p.unitId, category: p.category,
    checkpoint: 'arrived', method: 'scan', deviceId: 'may-1', deskId: 'ban-1', deviceTime: Date.UTC(2024, 2, 29, 23, 0) + i * 9_000, clockOffsetMs: 0,
  }));
  return { event: event.event, units: event.units, desks: event.desks, participants, facts };
}

describe('spreadsheet round trip (LibreOffice headless)', () => {
  const tables: Record<string, ReportTable> = {};
  beforeAll(() => {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'pipe' });
    } catch {
      throw new Error('soffice is missing: apt-get install libreoffice-calc-nogui (bash .ci/run does)');
    }
    const input = lạngSơn();
    tables['nguoi-tham-gia'] = participantRows(input, 'vi');
    tables['don-vi'] = unitRows(input, 'vi');
    for (const [name, table] of Object.entries(tables)) writeFileSync(join(work, `${name}.csv`), toCsv(table));
  }, 180_000);

  it('CSV → XLSX → CSV keeps every cell: Vietnamese text, phones, dates and neutralised formulas', () => {
    const names = Object.keys(tables);
    // Comma, double quote, UTF-8 (76), from line 1; quoted fields as text, no number/date guessing.
    soffice(['--convert-to', 'xlsx', '--infilter=CSV:44,34,76,1,,0,true,false', '--outdir', join(work, 'xlsx'), ...names.map((n) => join(work, `${n}.csv`))]);
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true', '--outdir', join(work, 'back'), ...names.map((n) => join(work, 'xlsx', `${n}.xlsx`))]);
    for (const [name, table] of Object.entries(tables)) {
      const back = Papa.parse<string[]>(readFileSync(join(work, 'back', `${name}.csv`), 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
      expect(back.errors).toEqual([]);
      expect(back.data).toEqual([table.fields, ...table.rows]);
    }
    const people = tables['nguoi-tham-gia']!;
    expect(people.rows.flat()).toContain(`'=HYPERLINK("http://x","Bấm vào đây")`);
    expect(people.rows.flat().some((c) => /[ắằẳẵặđĐươƯƠ]/.test(c))).toBe(true);
    expect(tables['don-vi']!.fields.some((f) => f.startsWith('Chỉ tiêu: '))).toBe(true);
  }, 180_000);
});
