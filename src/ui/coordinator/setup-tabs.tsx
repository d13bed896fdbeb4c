// The coordinator's sections as tabs: devices (pairing) stay first; set-up panels load on demand.
import { ts } from './setup-strings.ts';

/** The coordinator's sections; closed so every panel switch is exhaustive. */
export type SetupTab = 'devices' | 'import' | 'event' | 'codes' | 'walk-ins';
const TABS: ReadonlyArray<[SetupTab, Parameters<typeof ts>[0]]> = [
  ['devices', 'tabDevices'], ['import', 'tabImport'], ['event', 'tabEvent'], ['codes', 'tabCodes'], ['walk-ins', 'tabWalkIns'],
];

/** The tab bar. */
export function SetupTabs({ tab, onChange }: { tab: SetupTab; onChange: (tab: SetupTab) => void }) {
  return (
    <nav class="coord-tabs" role="tablist">
      {TABS.map(([id, label]) => (
        <button key={id} role="tab" aria-selected={tab === id} data-testid={`tab-${id}`} onClick={() => onChange(id)}>{ts(label)}</button>
      ))}
    </nav>
  );
}
