// One shape per verdict, so no verdict relies on colour alone (a volunteer who cannot tell red
// from green, a screen in sunlight). Drawn inline: no font or request is needed for it.
import type { VerdictKind } from '../../domain/admit.ts';

/** Each verdict's shape as SVG path data on a 24 × 24 grid, stroked. */
const SHAPES: Record<VerdictKind, string> = {
  admitted: 'M5 12.5l4.5 4.5L19 7.5',                                  // a tick
  already: 'M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4',          // a clock turned back
  unknown: 'M9 9a3 3 0 1 1 4 2.8c-.7.4-1 1-1 1.7V15M12 18.5v.5',     // a question mark
  'wrong-event': 'M4 12h12M12 7l5 5-5 5M20 5v14',                       // an arrow elsewhere
  forged: 'M6 6l12 12M18 6L6 18',                                      // a cross
  'not-a-code': 'M5 5h5v5H5zM14 5h5v5h-5zM5 14h5v5H5zM4 20L20 4',     // a code struck through
  voided: 'M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17M6 18L18 6',  // a no-entry sign
};

/** The verdict's icon, beside its words; hidden from screen readers, which read the words. */
export function VerdictIcon({ kind }: { kind: VerdictKind }) {
  return (
    <svg class="verdict-icon" data-icon={kind} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={SHAPES[kind]} fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
