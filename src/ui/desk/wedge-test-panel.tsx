// The scanner test: scan a code with a USB or Bluetooth scanner and see every key that
// arrived, so a volunteer can spot a layout or input method that changes the characters.
import { lastBurst, wedgeTestOpen } from './wedge-input.ts';
import { looksImeMangled } from '../../domain/wedge.ts';
import { t } from '../screen-strings.ts';

function codePoint(key: string): string {
  return key.length === 1 ? `U+${key.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : key;
}

export function WedgeTestPanel() {
  const keys = lastBurst.value;
  const text = keys.filter((k) => k.key.length === 1).map((k) => k.key).join('');
  return (
    <section class="wedge-test" data-testid="wedge-test">
      <header>
        <strong>{t('wedgeTest')}</strong>
        <button class="link" onClick={() => { wedgeTestOpen.value = false; lastBurst.value = []; }}>{t('cancel')}</button>
      </header>
      <p>{t('wedgeTestHelp')}</p>
      {keys.length === 0 ? <p class="muted">{t('wedgeTestEmpty')}</p> : (
        <>
          <p data-testid="wedge-test-summary">{keys.length - 1} · {looksImeMangled(text) ? t('wedgeImeMangled') : 'OK'}</p>
          <ol class="wedge-keys">
            {keys.map((k, i) => (
              <li key={i} data-testid="wedge-key" data-key={k.key}>
                <code>{k.key === ' ' ? '␠' : k.key}</code> <small>{codePoint(k.key)} · {Math.round(k.gapMs)} ms</small>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
