// This desk's and this device's admissions per unit against quota.
import type { DeskSession } from './desk-session.ts';
import type { UnitTally } from '../../domain/tally.ts';
import { t } from '../i18n.ts';

function totals(tallies: Map<number, UnitTally>): number {
  let sum = 0;
  for (const u of tallies.values()) sum += u.count;
  return sum;
}

export function TallyStrip({ session }: { session: DeskSession }) {
  const desk = session.deskTally.value;
  const device = session.deviceTally.value;
  return (
    <section class="tally" data-testid="tally" aria-label="tally">
      <div class="tally-totals">
        <span>{t('tallyDesk')}: <strong data-testid="tally-desk-total">{totals(desk)}</strong></span>
        <span>{t('tallyDevice')}: <strong data-testid="tally-device-total">{totals(device)}</strong></span>
        <a href={`/tally?event=${session.pkg.event.id}&local=1`} data-testid="open-local-tally">{t('liveTally')}</a>
      </div>
      <ul class="tally-units">
        {session.pkg.units.map((unit) => {
          const d = desk.get(unit.id)!;
          return (
            <li key={unit.id} data-unit={unit.id} data-count={d.count}>
              <span class="tally-name" title={unit.name}>{unit.name}</span>
              <span class="tally-count">{d.count}/{d.quota}</span>
              <span class="bar"><span style={{ width: `${Math.min(100, (100 * d.count) / Math.max(1, d.quota))}%` }} /></span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
