// The one-time link the server prints on first start: choose the coordinator's password.
import { useState } from 'preact/hooks';
import { sayError } from '../i18n.ts';
import { t } from '../screen-strings.ts';
import { setupPassword } from './coordinator-api.ts';

/** `/setup#token=…`: sets the password, signs in, and goes on to the coordinator area. */
export function SetupPasswordScreen() {
  const token = /token=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1];
  const [error, setError] = useState<string>();
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('again') ?? '')) { setError(t('passwordsDiffer')); return; }
    try {
      await setupPassword(token ?? '', password);
      location.replace('/coordinator');
    } catch (err) {
      setError(sayError(err));
    }
  }
  return (
    <main class="coordinator">
      <form class="card login" onSubmit={submit} data-testid="setup-password">
        <h2>{t('choosePassword')}</h2>
        {!token && <p class="error" role="alert">{t('setupLinkBroken')}</p>}
        <label>{t('password')}<input name="password" type="password" autocomplete="new-password" required minLength={8} /></label>
        <label>{t('passwordAgain')}<input name="again" type="password" autocomplete="new-password" required minLength={8} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" type="submit" disabled={!token}>{t('save')}</button>
      </form>
    </main>
  );
}
