// Whether the browser will keep the desk's data under storage pressure, and what to do if not.
// Shown at set-up (and in a readiness check), where a volunteer can still act, not on every scan.
import { persisted } from './app-state.ts';
import { t } from './screen-strings.ts';

/** The answer of navigator.storage.persist() in words, with the way to get a "yes". */
export function StorageNote() {
  if (persisted.value === undefined) return null;
  return persisted.value
    ? <p class="ok-note" data-testid="storage-note" data-persisted="true">{t('persisted')}</p>
    : <p class="warn-note" data-testid="storage-note" data-persisted="false">{t('notPersisted')} {t('persistHint')}</p>;
}
