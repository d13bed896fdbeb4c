// A unit's quotas as rows: one row is a plain quota with no category ("100"); more rows split it
// by category (Giáo viên 50, Học sinh 200). Replaces the "Giáo viên: 50; Học sinh: 200" text syntax.
import { useState } from 'preact/hooks';
import type { Quota } from '../../shared/schemas.ts';
import { ts } from './setup-strings.ts';

/** The rows of one unit's quota form, read back by `quotasFrom`. */
export function QuotaEditor({ formId, quotas }: { formId: string; quotas?: readonly Quota[] }) {
  const [rows, setRows] = useState(() => (quotas && quotas.length > 0 ? quotas.map((q) => ({ ...q })) : [{ category: '', quota: 0 }]).map((q, i) => ({ key: i, ...q })));
  const [next, setNext] = useState(rows.length);
  const several = rows.length > 1;
  return (
    <div class="quota-editor" data-testid="unit-quotas">
      {rows.map((row, i) => (
        <div class="quota-row" key={row.key} data-testid="quota-row">
          <input form={formId} name="quota-category" defaultValue={row.category} required={several}
            placeholder={several ? ts('categoryName') : ts('noCategory')} aria-label={ts('categoryName')} maxLength={60} />
          <input form={formId} name="quota-number" inputMode="numeric" required defaultValue={quotas ? String(row.quota) : ''} aria-label={ts('quota')} />
          {several && <button type="button" class="secondary" aria-label={ts('removeCategory')} onClick={() => setRows(rows.filter((_, j) => j !== i))}>×</button>}
        </div>
      ))}
      <button type="button" class="link" data-testid="add-category" onClick={() => { setRows([...rows, { key: next, category: '', quota: 0 }]); setNext(next + 1); }}>
        + {ts('addCategory')}
      </button>
    </div>
  );
}

/**
 * The quotas in the form, or why not: a quota must be a whole number ("100", not "một trăm");
 * several rows each need a category, and a category is named once.
 */
export function quotasFrom(data: FormData): { ok: true; quotas: Quota[] } | { ok: false; reason: 'notNumber' | 'categoryNeeded' | 'duplicate' } {
  const categories = data.getAll('quota-category').map((v) => String(v).trim());
  const numbers = data.getAll('quota-number').map((v) => String(v).trim().replace(/[.\s]/g, ''));
  if (numbers.some((n) => !/^\d{1,6}$/.test(n))) return { ok: false, reason: 'notNumber' };
  if (numbers.length > 1 && categories.some((c) => c === '')) return { ok: false, reason: 'categoryNeeded' };
  if (new Set(categories).size !== categories.length) return { ok: false, reason: 'duplicate' };
  return { ok: true, quotas: numbers.map((n, i) => ({ category: categories[i] ?? '', quota: Number(n) })) };
}
