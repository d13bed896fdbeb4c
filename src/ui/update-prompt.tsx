// An update is offered only when the desk has been idle: it never interrupts a scan.
import { useEffect, useState } from 'preact/hooks';
import { applyUpdate, updateWaiting } from './sw-bridge.ts';
import { t } from './i18n.ts';

const IDLE_MS = 20_000;

export function UpdatePrompt({ lastActivity, busy }: { lastActivity: number; busy: boolean }) {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    setIdle(false);
    const wait = Math.max(0, lastActivity + IDLE_MS - Date.now());
    const timer = setTimeout(() => setIdle(true), wait);
    return () => clearTimeout(timer);
  }, [lastActivity]);
  if (!updateWaiting.value || !idle || busy) return null;
  return (
    <div class="update" role="status" data-testid="update-prompt">
      <span>{t('updateReady')}</span>
      <button class="primary" onClick={applyUpdate}>{t('updateNow')}</button>
    </div>
  );
}
