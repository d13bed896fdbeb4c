// Roster import wire shapes: the coordinator's screen sends a file and a column mapping, the
// server answers with the mapping it used, a preview and every problem, parsed on both sides.
import * as z from 'zod/mini';

/**
 * The columns an import understands; `unit` may be absent when the file is for one unit. `birthYear`
 * takes a year or a date of birth, and only the year is stored.
 */
export const ImportField = z.enum(['name', 'unit', 'category', 'phone', 'idNumber', 'birthYear']);
export type ImportField = z.infer<typeof ImportField>;

/** Which header of the file feeds each field; a field left out is not read. */
export const ColumnMapping = z.partialRecord(ImportField, z.string().check(z.maxLength(200)));
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** One reason a file, or one row of it, cannot be imported. `row` is the sheet's row number (header = 1). */
export const ImportProblem = z.object({
  row: z.optional(z.int().check(z.positive())),
  field: z.optional(ImportField),
  code: z.string(),
  vi: z.string(),
  en: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** Problems listed in one answer; the count beyond it is still reported. */
export const MAX_LISTED_PROBLEMS = 1000;

/** What a preview or an import answers; `imported` is set only when rows were stored. */
export const ImportReport = z.object({
  format: z.enum(['csv', 'xlsx']),
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  /**
   * The first data rows, then the rows that have problems (up to a limit), for the mapping screen.
   * Cells of the phone, ID and birth-year columns show what will be stored ("912345601" from a
   * numeric Excel cell reads "0912345601", "15/08/1995" reads "1995"), not what the file holds.
   */
  preview: z.array(z.array(z.string())),
  /** The sheet row number (header = 1) of each preview row, so a problem can point at its row. */
  previewRowNos: z.optional(z.array(z.int().check(z.positive()))),
  rowCount: z.int().check(z.nonnegative()),
  problems: z.array(ImportProblem),
  problemCount: z.int().check(z.nonnegative()),
  imported: z.optional(z.object({
    count: z.int().check(z.nonnegative()),
    firstNo: z.int().check(z.nonnegative()),
    lastNo: z.int().check(z.nonnegative()),
    version: z.int().check(z.nonnegative()),
  })),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** Largest file the server reads: a 20,000-row roster is about 2 MB as CSV. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Most bytes an .xlsx may expand to, summed from its zip directory before anything is inflated (zip bombs). */
export const MAX_XLSX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** Most rows a sheet may hold: five times the largest roster we plan for, far below what exhausts the parser. */
export const MAX_XLSX_ROWS = 100_000;
