// Turns the bytes of an uploaded roster into a table of text cells, or says plainly why it
// cannot: the encoding is never guessed, an .xls or a PDF is named as such, formulas are refused.
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { MAX_IMPORT_BYTES, MAX_XLSX_ROWS, MAX_XLSX_UNZIPPED_BYTES, type ImportProblem } from '../../shared/roster-import.ts';
import { problem } from './problems.ts';

/** One data row with its row number in the sheet (the header row is 1). */
export interface SheetRow { rowNo: number; cells: string[] }

/** A file read as text cells: the first non-empty row gives the headers. */
export interface SheetTable { format: 'csv' | 'xlsx'; headers: string[]; rows: SheetRow[] }

/** The table, with cell-level problems (formulas), or the one reason the file is unreadable. */
export type ReadResult = { ok: true; table: SheetTable; problems: ImportProblem[] } | { ok: false; problem: ImportProblem };

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** Reads an upload of either kind; the content decides the kind, not the file name. */
export async function readRosterFile(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: problem('tooLarge', [MAX_IMPORT_BYTES / 1024 / 1024]) };
  if (bytes.length === 0) return { ok: false, problem: problem('emptyFile', []) };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { ok: false, problem: problem('oldExcel', []) };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { ok: false, problem: problem('utf16', []) };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, problem: problem('notSpreadsheet', []) };
  return readCsv(bytes);
}

/** The line (1-based) of the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = text.indexOf('\uFFFD');
  let line = 1;
  for (let i = 0; i < bad; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function readCsv(bytes: Uint8Array): ReadResult {
  let text: string;
  try {
    // `fatal`: a Windows-1258 file must be refused, not imported with mangled names.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, problem: problem('badEncoding', [firstBadLine(bytes)]) };
  }
  // The same row bound as a sheet: 10 MB of one-letter lines is a million rows, which parsing and
  // checking would hold in memory many times over. `preview` stops the parser just past the bound.
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false, preview: MAX_XLSX_ROWS + 2 });
  if (parsed.data.filter((cells) => cells.some((c) => c.trim() !== '')).length > MAX_XLSX_ROWS + 1) {
    return { ok: false, problem: problem('tooManyRows', [MAX_XLSX_ROWS]) };
  }
  const syntax = parsed.errors.find((e) => e.type === 'Quotes');
  if (syntax) return { ok: false, problem: problem('csvSyntax', [syntax.message], { row: (syntax.row ?? 0) + 1 }) };
  const table = tableOf('csv', parsed.data.map((cells) => cells.map((c) => c.trim())));
  if (!table) return { ok: false, problem: problem('emptyFile', []) };
  return { ok: true, table, problems: csvFormulas(table) };
}

/** Text that a spreadsheet would run as a formula when the CSV is opened (also CSV injection). */
export const looksLikeFormula = (cell: string): boolean => /^[=@]/.test(cell) || /^[+-][^\d\s]/.test(cell);

function csvFormulas(table: SheetTable): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const { rowNo, cells } of table.rows) {
    for (const cell of cells) if (looksLikeFormula(cell)) problems.push(problem('formula', [cell], { row: rowNo }));
  }
  return problems;
}

function tableOf(format: SheetTable['format'], grid: string[][]): SheetTable | undefined {
  const headerIndex = grid.findIndex((cells) => cells.some((c) => c !== ''));
  if (headerIndex < 0) return undefined;
  const rows: SheetRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    if (grid[i]!.some((c) => c !== '')) rows.push({ rowNo: i + 1, cells: grid[i]! });
  }
  if (rows.length === 0) return undefined;
  return { format, headers: grid[headerIndex]!, rows };
}

/** A spreadsheet value as the text a person sees: 912345678 stays digits, not 9.12e8. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  return String(value).trim();
}

/** The entries read-excel-file inflates; everything else in the archive is never unpacked. */
const isSheetPart = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

/** What the zip's central directory says the sheet parts expand to, read without inflating anything. */
function declaredUnzippedBytes(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, { filter: (f) => { if (isSheetPart(f.name)) total += f.originalSize; return false; } });
  return total;
}

/** Counts <row> tags: a sheet of a million rows overflows the parser's stack long before it is read. */
function rowCount(sheetXml: string): number {
  let rows = 0;
  for (const _ of sheetXml.matchAll(/<(?:\w+:)?row[\s>/]/g)) rows++;
  return rows;
}

/**
 * Unpacks only the sheet parts, bounded by the directory's sizes (fflate inflates into a buffer
 * of exactly the declared size, so a lying directory yields a short part, never a big one).
 */
function unpackBounded(bytes: Uint8Array): { ok: true; files: Record<string, Uint8Array> } | { ok: false; problem: ImportProblem } {
  try {
    if (declaredUnzippedBytes(bytes) > MAX_XLSX_UNZIPPED_BYTES) {
      return { ok: false, problem: problem('xlsxTooBig', [MAX_XLSX_UNZIPPED_BYTES / 1024 / 1024]) };
    }
    return { ok: true, files: unzipSync(bytes, { filter: (f) => isSheetPart(f.name) }) };
  } catch {
    return { ok: false, problem: problem('notSpreadsheet', []) };
  }
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const unpacked = unpackBounded(bytes);
  if (!unpacked.ok) return unpacked;
  const { files } = unpacked;
  const sheetPath = firstSheetPath(files);
  if (!sheetPath || !files[sheetPath]) return { ok: false, problem: problem('notSpreadsheet', []) };
  const sheetXml = strFromU8(files[sheetPath]!);
  if (rowCount(sheetXml) > MAX_XLSX_ROWS) return { ok: false, problem: problem('tooManyRows', [MAX_XLSX_ROWS]) };
  let grid: unknown[][];
  try {
    // The library reads a stored (uncompressed) copy of the parts already bounded above, never the upload itself.
    grid = await readSheet(Buffer.from(zipSync(files, { level: 0 })));
  } catch {
    return { ok: false, problem: problem('badXlsx', []) };
  }
  const table = tableOf('xlsx', grid.map((row) => row.map(cellText)));
  if (!table) return { ok: false, problem: problem('emptyFile', []) };
  return { ok: true, table, problems: formulaCells(sheetXml) };
}

/** The worksheet read-excel-file reads: the workbook's first <sheet>, through its relationship. */
function firstSheetPath(files: Record<string, Uint8Array>): string | undefined {
  const workbook = files['xl/workbook.xml'];
  const rels = files['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) return undefined;
  const relId = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(workbook))?.[1];
  if (!relId) return undefined;
  const relation = [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`Id="${relId}"`));
  const target = relation && /Target="([^"]+)"/.exec(relation)?.[1];
  if (!target) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Each cell holding a formula (<f>), with its address and row; their cached results are never imported. */
function formulaCells(xml: string): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?f[\s>/]/g)) {
    const cellStart = xml.lastIndexOf('<c ', match.index);
    const ref = /\br="([A-Z]+)(\d+)"/.exec(xml.slice(cellStart, match.index))?.slice(1);
    const address = ref ? `${ref[0]}${ref[1]}` : '?';
    problems.push(problem('formula', [address], { row: ref ? Number(ref[1]) : undefined }));
  }
  return problems;
}
