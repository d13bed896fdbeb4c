// The roster import as one function the route and the benchmark share: read the file, map its
// columns, check every row, and store all rows in one transaction only when none has a problem.
import { MAX_LISTED_PROBLEMS, type ColumnMapping, type ImportProblem, type ImportReport } from '../../shared/roster-import.ts';
import { problem } from './problems.ts';
import { readRosterFile } from './file.ts';
import { resolveMapping, type ResolvedMapping } from './mapping.ts';
import { normalizeIdNumber, normalizePhone, validateRows } from './validate.ts';
import { readBirthYear } from './birth-year.ts';
import type { SheetRow } from './file.ts';
import type { EventStore, RosterStore } from '../store/store.ts';

/** How many data rows the mapping screen shows, and how many rows with problems after them. */
export const PREVIEW_ROWS = 8;
export const PREVIEW_PROBLEM_ROWS = 50;

/** A cell as it will be stored: phone and ID digits normalised, a date of birth cut to its year. */
function storedCell(cell: string, column: number, index: ResolvedMapping['index'], thisYear: number): string {
  if (cell === '') return cell;
  if (column === index.phone) return normalizePhone(cell);
  if (column === index.idNumber) return normalizeIdNumber(cell);
  if (column === index.birthYear) {
    const reading = readBirthYear(cell, thisYear);
    return reading.kind === 'year' ? String(reading.year) : cell;
  }
  return cell;
}

/** The preview's rows: the first ones, then those with problems; cells as they will be stored. */
function previewOf(rows: readonly SheetRow[], index: ResolvedMapping['index'], problems: readonly ImportProblem[], thisYear: number): { cells: string[][]; rowNos: number[] } {
  const withProblems = new Set(problems.flatMap((p) => (p.row === undefined ? [] : [p.row])));
  const first = rows.slice(0, PREVIEW_ROWS);
  const later = rows.slice(PREVIEW_ROWS).filter((r) => withProblems.has(r.rowNo)).slice(0, PREVIEW_PROBLEM_ROWS);
  const stored = (cells: readonly string[]) => cells.map((cell, i) => storedCell(cell, i, index, thisYear));
  const shown = [...first, ...later];
  return { cells: shown.map((r) => stored(r.cells)), rowNos: shown.map((r) => r.rowNo) };
}

/** What the coordinator asked for: a dry run shows the report, a commit also stores. */
export interface ImportRequest {
  eventId: number;
  bytes: Uint8Array;
  /** A one-unit file: every row joins this unit. */
  unitId?: number;
  mapping?: ColumnMapping;
  commit: boolean;
  /** The latest birth year a row may give: this year by the app's clock (the route passes it). */
  thisYear?: number;
}

/** The report, or the single reason the file could not be read at all. */
export type ImportResult = { ok: true; report: ImportReport } | { ok: false; problem: ImportProblem };

function byRow(a: ImportProblem, b: ImportProblem): number {
  return (a.row ?? 0) - (b.row ?? 0);
}

/** Runs an import; stores nothing unless `commit` and the whole file is valid. */
export async function importRoster(store: EventStore & RosterStore, request: ImportRequest): Promise<ImportResult> {
  const read = await readRosterFile(request.bytes);
  if (!read.ok) return read;
  const { table } = read;
  const resolved = resolveMapping(table.headers, request.mapping ?? {}, { needsUnit: request.unitId === undefined });
  const version = (await store.packageVersion(request.eventId))!;
  const thisYear = request.thisYear ?? new Date().getUTCFullYear();
  let problems = [...read.problems, ...resolved.problems];
  let people: Awaited<ReturnType<typeof validateRows>>['people'] = [];
  if (resolved.problems.length === 0) {
    const validated = validateRows(table.rows, resolved, {
      units: await store.unitsOf(request.eventId), unitId: request.unitId, existing: await store.rosterIdentities(request.eventId), thisYear,
    });
    problems = [...problems, ...validated.problems].sort(byRow);
    people = validated.people;
  }
  const preview = previewOf(table.rows, resolved.index, problems, thisYear);
  const report: ImportReport = {
    format: table.format,
    headers: table.headers,
    mapping: resolved.mapping,
    preview: preview.cells,
    previewRowNos: preview.rowNos,
    rowCount: table.rows.length,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: problems.length,
  };
  if (!request.commit || problems.length > 0) return { ok: true, report };
  const outcome = await store.importParticipants(request.eventId, people, version);
  if (outcome.kind !== 'imported') {
    return { ok: true, report: { ...report, problems: [problem('rosterChanged', [])], problemCount: 1 } };
  }
  const { firstNo, lastNo, version: newVersion } = outcome;
  return { ok: true, report: { ...report, imported: { count: people.length, firstNo, lastNo, version: newVersion } } };
}
