// The coordinator's roster import: choose a file, check the guessed columns against a preview,
// read every problem with its row, and import only when there is none (the server re-checks).
import { useEffect, useState } from 'preact/hooks';
import type { Unit } from '../../shared/schemas.ts';
import { ImportField, MAX_IMPORT_BYTES, type ColumnMapping, type ImportReport } from '../../shared/roster-import.ts';
import { say, sayError } from '../i18n.ts';
import { eventWithoutRoster, uploadRoster } from './setup-api.ts';
import { ts } from './setup-strings.ts';

const FIELDS: readonly ImportField[] = ImportField.options;
const SHOWN_PROBLEMS = 200;

function MappingPicker({ report, unitFile, onChange }: { report: ImportReport; unitFile: boolean; onChange: (m: ColumnMapping) => void }) {
  return (
    <div class="mapping" data-testid="mapping">
      {FIELDS.filter((f) => !(unitFile && f === 'unit')).map((field) => (
        <label key={field}>{ts(`field_${field}`)}
          <select data-field={field} value={report.mapping[field] ?? ''}
            onChange={(e) => onChange({ ...report.mapping, [field]: (e.target as HTMLSelectElement).value })}>
            <option value="">{ts('notUsed')}</option>
            {report.headers.map((h, i) => <option key={i} value={h}>{h}</option>)}
          </select>
        </label>
      ))}
    </div>
  );
}

/** Where a problem's row sits in the preview, so its line in the list can jump there. */
const rowAnchor = (rowNo: number) => `import-row-${rowNo}`;

function PreviewTable({ report }: { report: ImportReport }) {
  const used = new Set(Object.values(report.mapping));
  const withProblems = new Set(report.problems.flatMap((p) => (p.row === undefined ? [] : [p.row])));
  return (
    <div class="preview-wrap">
      <table class="preview" data-testid="preview">
        <thead><tr><th scope="col">{ts('row')}</th>{report.headers.map((h, i) => <th key={i} scope="col" class={used.has(h) ? 'used' : ''}>{h}</th>)}</tr></thead>
        <tbody>{report.preview.map((row, r) => {
          const rowNo = report.previewRowNos?.[r];
          const bad = rowNo !== undefined && withProblems.has(rowNo);
          return (
            <tr key={r} id={rowNo === undefined ? undefined : rowAnchor(rowNo)} class={bad ? 'has-problem' : ''} data-row={rowNo}>
              <th scope="row">{rowNo ?? ''}</th>
              {report.headers.map((h, i) => <td key={i} class={used.has(h) ? 'used' : ''}>{row[i] ?? ''}</td>)}
            </tr>
          );
        })}</tbody>
      </table>
    </div>
  );
}

/** Scrolls the preview to a row with a problem and marks it, as a link to it would. */
function jumpTo(rowNo: number): void {
  const row = document.getElementById(rowAnchor(rowNo));
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  for (const other of document.querySelectorAll('.preview tr.focused')) other.classList.remove('focused');
  row.classList.add('focused');
}

function Problems({ report }: { report: ImportReport }) {
  if (report.problemCount === 0) return <p class="ok-note" data-testid="no-problems">{ts('noProblems')}</p>;
  const shown = report.problems.slice(0, SHOWN_PROBLEMS);
  return (
    <div class="problems" role="alert">
      <h3>{ts('problems')} ({report.problemCount})</h3>
      <ol data-testid="problems">
        {shown.map((p, i) => (
          <li key={i}>
            {p.row !== undefined && (report.previewRowNos?.includes(p.row)
              ? <strong><a href={`#${rowAnchor(p.row)}`} data-testid="problem-row" onClick={(e) => { e.preventDefault(); jumpTo(p.row!); }}>{ts('row')} {p.row}</a>: </strong>
              : <strong>{ts('row')} {p.row}: </strong>)}
            {say(p)}
          </li>
        ))}
      </ol>
      {report.problemCount > shown.length && <p class="muted">… {report.problemCount - shown.length} {ts('moreProblems')}</p>}
    </div>
  );
}

/** The import card for one event (part of the lazy coordinator chunk). */
export function RosterImport({ eventId }: { eventId: number }) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState<number>();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => { void eventWithoutRoster(eventId).then((p) => setUnits(p.units), (e) => setError(sayError(e))); }, [eventId]);

  async function run(options: { file: File; mapping: ColumnMapping; commit: boolean; unitId?: number }) {
    if (options.file.size > MAX_IMPORT_BYTES) { setReport(undefined); setError(ts('fileTooLarge')); return; }
    setBusy(true);
    try {
      setReport(await uploadRoster(eventId, options.file, options));
      setError(undefined);
    } catch (e) { setReport(undefined); setError(sayError(e)); } finally { setBusy(false); }
  }
  const choose = (chosen: File | undefined) => { setFile(chosen); if (chosen) void run({ file: chosen, mapping: {}, commit: false, unitId }); };
  const retarget = (id: number | undefined) => { setUnitId(id); if (file) void run({ file, mapping: report?.mapping ?? {}, commit: false, unitId: id }); };

  return (
    <section class="card roster-import" data-testid="roster-import">
      <h2>{ts('importTitle')}</h2>
      <p class="muted">{ts('importHelp')}</p>
      <div class="import-controls">
        <label>{ts('importTarget')}
          <select data-testid="import-unit" value={unitId ?? ''} onChange={(e) => retarget(Number((e.target as HTMLSelectElement).value) || undefined)}>
            <option value="">{ts('wholeEvent')}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{ts('chooseFile')}
          <input type="file" data-testid="import-file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose((e.target as HTMLInputElement).files?.[0])} />
        </label>
      </div>
      {busy && <p class="muted" aria-busy="true">{ts('working')}</p>}
      {error && <p class="error" role="alert" data-testid="import-error">{error}</p>}
      {report && file && !report.imported && (
        <>
          <h3>{ts('columns')} · {report.rowCount} {ts('rows')}</h3>
          <MappingPicker report={report} unitFile={unitId !== undefined} onChange={(mapping) => void run({ file, mapping, commit: false, unitId })} />
          <h3>{ts('preview')}</h3>
          <PreviewTable report={report} />
          <Problems report={report} />
          <button class="primary" data-testid="import-commit" disabled={busy || report.problemCount > 0}
            onClick={() => void run({ file, mapping: report.mapping, commit: true, unitId })}>
            {report.problemCount > 0 ? ts('fixFirst', report.problemCount) : `${ts('importNow')} ${report.rowCount} ${ts('people')}`}
          </button>
        </>
      )}
      {report?.imported && (
        <p class="ok-note" role="status" data-testid="import-done">
          {ts('imported')} {report.imported.count} {ts('people')}, {ts('codesFrom')} {report.imported.firstNo}–{report.imported.lastNo}. {ts('desksWillUpdate')}
        </p>
      )}
    </section>
  );
}
