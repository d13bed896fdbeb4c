// The service worker only wires Workbox: precache the app, serve it offline, update on consent.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { APP_ROUTE_PATTERNS } from '../shared/app-routes.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// The app's own screens get the app shell, so the desk opens with the network gone. Only those:
// the server's pages (registration form, poster, reports, badges) must reach the network.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { allowlist: [...APP_ROUTE_PATTERNS] }));
// The first install takes the open page at once; later versions wait for the user (sw-bridge).
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
