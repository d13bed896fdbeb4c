// The set-up panels behind the coordinator's tabs, one lazy chunk: roster import, event
// editing, codes (re-issue a lost one) and walk-ins to add or merge.
import { RosterImport } from './roster-import.tsx';
import { ReissueCard } from './reissue-card.tsx';
import { EventPanel } from './event-panel.tsx';
import { WalkInsPanel } from './walk-ins-panel.tsx';
import type { SetupTab } from './setup-tabs.tsx';

/** The panel of a set-up tab ("devices" is drawn by the coordinator screen itself). */
export function SetupPanel({ tab, eventId }: { tab: Exclude<SetupTab, 'devices'>; eventId: number }) {
  switch (tab) {
    case 'import': return <RosterImport eventId={eventId} />;
    case 'event': return <EventPanel eventId={eventId} />;
    case 'codes': return <ReissueCard eventId={eventId} />;
    case 'walk-ins': return <WalkInsPanel eventId={eventId} />;
  }
}
