// Event set-up (issue #5) in one mount: roster import, codes one at a time, event/unit/desk
// editing, self-registration and walk-in review. createApp calls this once.
import type { Hono } from 'hono';
import { MaskPrecomputer } from '../codes/masks.ts';
import { mountCodeRoutes } from './code-routes.ts';
import { mountEventEditRoutes } from './event-edit-routes.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { mountRegistrationRoutes } from './registration-routes.ts';
import { mountRosterImportRoutes } from './roster-import-routes.ts';
import type { CodeSigner } from '../codes/signing.ts';
import type { CodeStore, EventEditStore, EventStore, FactStore, RegistrationStore, RosterStore } from '../store/store.ts';
import { mountWalkInRoutes } from './walk-in-routes.ts';

/** What the set-up routes need from the app. */
export interface SetupDeps {
  store: EventStore & EventEditStore & RosterStore & RegistrationStore & CodeStore & FactStore;
  signer: CodeSigner;
  feed: FactFeed;
  now: () => number;
  publicUrl?: string;
}

/** Mounts every set-up route. */
export function mountSetupRoutes(app: Hono, deps: SetupDeps): void {
  const { store, signer, feed, now } = deps;
  mountRosterImportRoutes(app, { store, masks: new MaskPrecomputer(store, signer), now });
  mountCodeRoutes(app, { store, signer });
  mountEventEditRoutes(app, { store, now });
  mountRegistrationRoutes(app, { store, signer, feed, now, publicUrl: deps.publicUrl });
  mountWalkInRoutes(app, { store, feed, now });
}
