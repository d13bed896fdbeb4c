// The roster import as one function the route and the benchmark share: read the file, map its
// columns and check every row in a worker thread, then store all rows in one transaction only when
// none has a problem.
import { MAX_LISTED_PROBLEMS, type ColumnMapping, type ImportProblem, type ImportReport } from '../../shared/roster-import.ts';
import { problem } from './problems.ts';
import { readRosterFile } from './file.ts';
import { resolveMapping, type ResolvedMapping } from './mapping.ts';
import { normalizeIdNumber, normalizePhone, validateRows } from './validate.ts';
import { readBirthYear } from './birth-year.ts';
import type { SheetRow } from './file.ts';
import type { EventStore, NewParticipant, RosterIdentity, RosterStore } from '../store/store.ts';
import type { Unit } from '../../shared/schemas.ts';
import { OffloadError, prepareRosterImportOffThread } from '../offload/pool.ts';

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

/** What reading and checking a file needs: the bytes, and the event's units and roster as they stand. */
export interface PreparationInput {
  bytes: Uint8Array;
  mapping?: ColumnMapping;
  unitId?: number;
  units: readonly Unit[];
  existing: readonly RosterIdentity[];
  /** Only a commit needs the people back: a preview of 100,000 rows then sends back a report alone. */
  commit: boolean;
  /** The latest birth year a row may give. */
  thisYear: number;
}

/** The report and the people ready to store (empty when any row has a problem), or why the file is unreadable. */
export type ImportPreparation = { ok: true; report: ImportReport; people: NewParticipant[] } | { ok: false; problem: ImportProblem };

/** Reads, maps and checks a file: pure, so it runs in a worker thread (offload/tasks.ts). */
export async function prepareImport(input: PreparationInput): Promise<ImportPreparation> {
  const read = await readRosterFile(input.bytes);
  if (!read.ok) return read;
  const { table } = read;
  const resolved = resolveMapping(table.headers, input.mapping ?? {}, { needsUnit: input.unitId === undefined });
  let problems = [...read.problems, ...resolved.problems];
  let people: NewParticipant[] = [];
  if (resolved.problems.length === 0) {
    const validated = validateRows(table.rows, resolved, { units: input.units, unitId: input.unitId, existing: input.existing, thisYear: input.thisYear });
    problems = [...problems, ...validated.problems].sort(byRow);
    people = validated.people;
  }
  const preview = previewOf(table.rows, resolved.index, problems, input.thisYear);
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
  return { ok: true, report, people: input.commit && problems.length === 0 ? people : [] };
}

/** The problem a coordinator reads when a file could not be read in a worker at all (busy, or too heavy): roster and desk files alike. */
export function unreadableFile(error: unknown): ImportProblem {
  return problem(error instanceof OffloadError && error.reason === 'busy' ? 'fileBusy' : 'fileTooHeavy', []);
}

/**
 * Runs an import: the file is read and checked off the event loop, then, on commit and only
 * when no row has a problem, every row is stored in one transaction against the version read first.
 */
export async function importRoster(store: EventStore & RosterStore, request: ImportRequest,
  { prepare = prepareRosterImportOffThread }: { prepare?: (input: PreparationInput) => Promise<ImportPreparation> } = {}): Promise<ImportResult> {
  const version = (await store.packageVersion(request.eventId))!;
  const [units, existing] = await Promise.all([store.unitsOf(request.eventId), store.rosterIdentities(request.eventId)]);
  let prepared: ImportPreparation;
  try {
    prepared = await prepare({
      bytes: request.bytes, mapping: request.mapping, unitId: request.unitId, units, existing, commit: request.commit,
      thisYear: request.thisYear ?? new Date().getUTCFullYear(),
    });
  } catch (error) {
    return { ok: false, problem: unreadableFile(error) };
  }
  if (!prepared.ok) return prepared;
  const { report, people } = prepared;
  if (!request.commit || report.problemCount > 0) return { ok: true, report };
  const outcome = await store.importParticipants(request.eventId, people, version);
  if (outcome.kind !== 'imported') {
    return { ok: true, report: { ...report, problems: [problem('rosterChanged', [])], problemCount: 1 } };
  }
  const { firstNo, lastNo, version: newVersion } = outcome;
  return { ok: true, report: { ...report, imported: { count: people.length, firstNo, lastNo, version: newVersion } } };
}
