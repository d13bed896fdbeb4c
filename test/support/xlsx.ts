// Minimal .xlsx workbooks built by hand (a ZIP of SpreadsheetML), so import tests control
// exactly what a cell holds: text, a number, a date, or a formula with its cached result.
import { strToU8, zipSync } from 'fflate';

/**
 * A cell: text, a number, a formula (`f`) with the value Excel cached for it, or a date
 * ("yyyy-mm-dd"), stored as Excel does: a day serial number in a cell styled with a date format.
 */
export type XlsxCell = string | number | null | { f: string; cached: string } | { date: string };

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's day number for a date: days since 1899-12-30 (its 1900 leap-year bug included). */
function excelSerial(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function cellXml(cell: XlsxCell, ref: string): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell)}</t></is></c>`;
  // Style 1 is the built-in date format 14 (styles.xml below), as Excel saves a typed-in date.
  if ('date' in cell) return `<c r="${ref}" s="1"><v>${excelSerial(cell.date)}</v></c>`;
  return `<c r="${ref}" t="str"><f>${esc(cell.f)}</f><v>${esc(cell.cached)}</v></c>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** The bytes of a one-sheet workbook holding `rows` (first row = headers). */
export function makeXlsx(rows: XlsxCell[][], sheetName = 'Danh sách'): Uint8Array {
  const sheetRows = rows.map((row, r) =>
    `<row r="${r + 1}">${row.map((cell, c) => cellXml(cell, `${columnName(c)}${r + 1}`)).join('')}</row>`).join('');
  // Only a workbook with dates gets a styles part, so the others stay byte for byte as they were.
  const dated = rows.some((row) => row.some((cell) => typeof cell === 'object' && cell !== null && 'date' in cell));
  const styles: Record<string, Uint8Array> = dated ? { 'xl/styles.xml': strToU8(STYLES) } : {};
  const stylesRel = dated ? `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` : '';
  return zipSync({
    ...styles,
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>${stylesRel}</Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheetRows}</sheetData></worksheet>`),
  });
}
