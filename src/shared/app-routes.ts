// The PWA's own client-side routes. The service worker answers only these with the app shell
// when offline; every other navigation (the server's pages: /r/:id, reports, badges) goes to the network.

/** Path prefixes the app renders itself; `/` is the desk. */
export const APP_ROUTE_PREFIXES = ['/coordinator', '/tally', '/unit', '/setup'] as const;

/** One of the app's screens; the desk is the one at `/`. */
export type AppScreen = (typeof APP_ROUTE_PREFIXES)[number];

/** Which screen a path opens: a prefix of APP_ROUTE_PREFIXES, or undefined for anything else. */
export function appScreenOf(pathname: string): AppScreen | undefined {
  return APP_ROUTE_PREFIXES.find((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** True for a navigation the app shell should answer (the desk at `/`, or one of its screens). */
export function isAppRoute(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || appScreenOf(pathname) !== undefined;
}

/**
 * The same list as regular expressions, for Workbox's NavigationRoute allowlist, which tests
 * them against the path *and* the query (`/tally?event=3`).
 */
export const APP_ROUTE_PATTERNS: readonly RegExp[] = [
  /^\/(index\.html)?(\?.*)?$/,
  ...APP_ROUTE_PREFIXES.map((prefix) => new RegExp(`^${prefix}([/?].*)?$`)),
];
