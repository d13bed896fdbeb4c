// Issue 13, item 7: an .xlsx whose entries expand far beyond its size (a zip bomb), or that
// holds more rows than any roster, is refused from the zip's directory before anything is
// inflated, each with its own message; a library's exception text never reaches the client.
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readRosterFile } from '../../../src/server/roster/file.ts';
import { MAX_XLSX_ROWS, MAX_XLSX_UNZIPPED_BYTES } from '../../../src/shared/roster-import.ts';
import { makeXlsx } from '../../support/xlsx.ts';

/** A real workbook whose sheet XML is replaced by `sheetXml`, compressed as hard as fflate can. */
function workbookWithSheet(sheetXml: Uint8Array): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(makeXlsx([['Họ và tên'], ['An']]));
  files['xl/worksheets/sheet1.xml'] = sheetXml;
  return zipSync(files, { level: 9 });
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

describe('xlsx zip bombs', () => {
  it('refuses a small file that would expand past 50 MB, before inflating it', async () => {
    // 60 MB of whitespace inside the sheet: valid XML, compressed to a few dozen KB.
    const padding = new Uint8Array(60 * 1024 * 1024).fill(0x20);
    const head = strToU8(`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>`);
    const tail = strToU8('</sheetData></worksheet>');
    const sheet = new Uint8Array(head.length + padding.length + tail.length);
    sheet.set(head); sheet.set(padding, head.length); sheet.set(tail, head.length + padding.length);
    const bomb = workbookWithSheet(sheet);
    expect(bomb.length).toBeLessThan(1024 * 1024);

    const result = await readRosterFile(bomb);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('xlsxTooBig');
    expect(result.problem.vi).toContain(`${MAX_XLSX_UNZIPPED_BYTES / 1024 / 1024} MB`);
    expect(result.problem.en).toContain(`${MAX_XLSX_UNZIPPED_BYTES / 1024 / 1024} MB`);
  });

  it('refuses a sheet of more than 100,000 rows with its own message', async () => {
    const rows = Array.from({ length: MAX_XLSX_ROWS + 1 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>An</t></is></c></row>`);
    const bomb = workbookWithSheet(strToU8(`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`));

    const result = await readRosterFile(bomb);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('tooManyRows');
    expect(result.problem.vi).toContain('100.000');
    expect(result.problem.en).toContain('100,000');
  });

  it('says a broken sheet is unreadable without passing on the library error', async () => {
    const broken = workbookWithSheet(strToU8(`<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row>`));
    const result = await readRosterFile(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['badXlsx', 'notSpreadsheet']).toContain(result.problem.code);
    expect(result.problem.vi).toBe('Không đọc được tệp Excel. Hãy mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi thử lần nữa.');
    expect(result.problem.en).toBe('Cannot read the Excel file. Open it in Excel, save it again as .xlsx and retry.');
  });

  it('still reads an ordinary workbook', async () => {
    const result = await readRosterFile(makeXlsx([['Họ và tên', 'Đơn vị'], ['Nguyễn Văn An', 'Phường 1']]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.table.rows.map((r) => r.cells)).toEqual([['Nguyễn Văn An', 'Phường 1']]);
  });
});

describe('csv row bombs', () => {
  it('refuses a CSV of more than 100,000 rows, with the same message as a sheet', async () => {
    const lines = ['Họ và tên', ...Array.from({ length: MAX_XLSX_ROWS + 1 }, (_, i) => `An ${i}`)];
    const result = await readRosterFile(strToU8(lines.join('\n')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('tooManyRows');
    expect(result.problem.en).toContain('100,000');
  });

  it('still reads a CSV of exactly 100,000 rows', async () => {
    const lines = ['Họ và tên', ...Array.from({ length: MAX_XLSX_ROWS }, (_, i) => `An ${i}`)];
    const result = await readRosterFile(strToU8(lines.join('\n')));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.table.rows).toHaveLength(MAX_XLSX_ROWS);
  });
});
