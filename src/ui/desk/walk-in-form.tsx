// Registering a walk-in: name, unit, category → admitted and flagged as walk-in.
import { useState } from 'preact/hooks';
import type { DeskSession } from './desk-session.ts';
import { WalkIn } from '../../shared/schemas.ts';
import { t } from '../screen-strings.ts';

export function WalkInForm({ session, onClose, initialName, fromCard }: {
  session: DeskSession; onClose: () => void; /** Filled in from a citizen ID card. */ initialName?: string;
  /** What a citizen ID card adds: stored with the walk-in (never its ID number or address). */
  fromCard?: { birthYear: number; gender?: 'male' | 'female' };
}) {
  const units = session.pkg.units;
  const [unitId, setUnitId] = useState(units[0]!.id);
  const categories = units.find((u) => u.id === unitId)?.quotas.map((q) => q.category) ?? [];
  const [problem, setProblem] = useState<'nameRequired' | 'badPhone' | undefined>();

  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const parsed = WalkIn.safeParse({
      name: String(form.get('name') ?? ''), unitId, category: String(form.get('category') ?? categories[0] ?? ''),
      phone: String(form.get('phone') ?? '') || undefined,
      ...(fromCard ? { birthYear: fromCard.birthYear, ...(fromCard.gender ? { gender: fromCard.gender } : {}) } : {}),
    });
    // The phone is checked as an import checks it; say which field is wrong.
    if (!parsed.success) { setProblem(parsed.error.issues[0]?.path[0] === 'phone' ? 'badPhone' : 'nameRequired'); return; }
    if (await session.admitWalkIn(parsed.data)) onClose();
  }

  return (
    <form class="walk-in" data-testid="walk-in-form" onSubmit={submit}>
      <label>{t('name')}<input name="name" data-testid="walk-in-name" required maxLength={120} defaultValue={initialName} /></label>
      <label>{t('unit')}
        <select data-testid="walk-in-unit" value={unitId} onChange={(e) => setUnitId(Number((e.target as HTMLSelectElement).value))}>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </label>
      {/* A unit whose quota has no category asks for none. */}
      {!(categories.length === 1 && categories[0] === '') && (
        <label>{t('category')}
          <select name="category" data-testid="walk-in-category">{categories.map((c) => <option key={c}>{c}</option>)}</select>
        </label>
      )}
      <label>{t('phone')}<input name="phone" inputMode="tel" maxLength={20} /></label>
      {problem && <p class="error" role="alert">{t(problem)}</p>}
      <div class="row">
        <button type="submit" class="primary" data-testid="walk-in-save">{t('save')}</button>
        <button type="button" class="secondary" onClick={onClose}>{t('cancel')}</button>
      </div>
    </form>
  );
}
