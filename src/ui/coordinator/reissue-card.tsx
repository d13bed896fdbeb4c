// Re-issuing a lost code: the person keeps their place on the roster under a new number, and the
// old badge reads "voided" at every desk once it has synced.
import { useState } from 'preact/hooks';
import { sayError } from '../i18n.ts';
import { reissueCode } from './setup-api.ts';
import { ts } from './setup-strings.ts';


/** The re-issue form with the outcome. */
export function ReissueCard({ eventId }: { eventId: number }) {
  const [done, setDone] = useState<{ oldNo: number; no: number }>();
  const [error, setError] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    const no = Number(new FormData(e.target as HTMLFormElement).get('no'));
    try { setDone(await reissueCode(eventId, no)); setError(undefined); } catch (err) { setDone(undefined); setError(sayError(err)); }
  }
  return (
    <section class="card" data-testid="reissue">
      <h2>{ts('reissueTitle')}</h2>
      <p class="muted">{ts('reissueHelp')}</p>
      <form class="row" onSubmit={submit}>
        <input name="no" inputMode="numeric" pattern="[0-9]+" required aria-label={ts('codeNo')} placeholder={ts('codeNo')} data-testid="reissue-no" />
        <button class="primary" type="submit" data-testid="reissue-submit">{ts('reissue')}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {done && (
        <p class="ok-note" role="status" data-testid="reissue-done">
          {ts('reissued')} <strong>{done.no}</strong> (≠ {done.oldNo}).{' '}
          <a href={`/api/events/${eventId}/participants/${done.no}/badge`} target="_blank" rel="noopener">{ts('printNew')}</a>
        </p>
      )}
    </section>
  );
}
